using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>snappy-wasm 0.3.0 as the wasm-bindgen tests bind it (its glue is an AdditionalFiles item of this project).</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "snappy.js")]
public interface ISnappyPackage
{
    byte[] Compress(string input);

    byte[] CompressRaw(ReadOnlySpan<byte> input);
}

/// <summary>
/// <c>--wasm-bindgen [rounds]</c>: a real wasm-bindgen package (snappy-wasm) called through the generated binding on
/// Wasmtime, interleaved with the same package run by Node through its own JavaScript glue (V8). Both results are
/// checked equal first; each round times a batch of about 1 ms of each side, in alternating order, and the table
/// reports the median per-round ratio. Not part of the test suite.
/// </summary>
public static class WasmBindgenAnchor
{
    /// <summary>The argument that selects this mode.</summary>
    public const string Argument = "--wasm-bindgen";

    /// <summary>Where the packages are installed (tests/Bindgen.WasmBindgen.Tests/npm, by the build).</summary>
    internal static string NpmFolder => typeof(WasmBindgenAnchor).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "WasmBindgenNpm").Value!;

    /// <summary>Runs both scenarios and prints a Markdown table.</summary>
    public static int Run(int rounds)
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        using Module module = Module.FromFile(engine, Path.Combine(NpmFolder, "node_modules", "snappy-wasm", "cjs", "snappy_bg.wasm"));
        SnappyPackage snappy = SnappyPackage.Instantiate(engine, store, module);
        var hand = new HandWrittenSnappy(snappy.Instance);
        using Process node = StartNode();

        string text = "Bindgen calls it.";
        byte[] mebibyte = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 7 % 251)).ToArray();
        var scenarios = new (string Name, Func<byte[]> Call, Func<byte[]> Hand, object Setup)[]
        {
            ($"compress(string) {text.Length} chars", () => snappy.Compress(text), () => hand.Compress(text), new { op = "setup", scenario = "compress", text }),
            ("compress_raw(Uint8Array) 1 MiB", () => snappy.CompressRaw(mebibyte), () => hand.CompressRaw(mebibyte), new { op = "setup", scenario = "compress_raw", data = Convert.ToBase64String(mebibyte) }),
        };

        var table = new StringBuilder();
        table.AppendLine($"wasm-bindgen anchor: snappy-wasm 0.3.0, Bindgen on Wasmtime against Node {Send(node, new { op = "version" }).GetProperty("version").GetString()} running the package's glue; up to {rounds} rounds, batches of ~1 ms, order alternated.");
        table.AppendLine();
        table.AppendLine("| Scenario | Rounds | Bindgen | HandWritten | V8 | Bindgen/V8 (median) | p25-p75 | HandWritten/V8 (median) |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach ((string name, Func<byte[]> call, Func<byte[]> handCall, object setup) in scenarios)
        {
            string expected = Send(node, setup).GetProperty("result").GetString()!;
            if (Convert.ToBase64String(call()) != expected || Convert.ToBase64String(handCall()) != expected)
            {
                throw new InvalidOperationException($"{name}: Node, the generated binding and the hand-written glue did not return the same bytes");
            }

            table.AppendLine(Measure(name, () => call(), () => handCall(), node, rounds));
        }

        Console.WriteLine(table);
        Console.WriteLine("Both scenarios returned identical bytes in Node and in the generated binding.");
        return 0;
    }

    private static string Measure(string name, Action call, Action handCall, Process node, int rounds)
    {
        for (int i = 0; i < 3; i++)
        {
            V8Anchor.Batch(call, 200);
            V8Anchor.Batch(handCall, 200);
            NodeBatch(node, 200);
            System.Threading.Thread.Sleep(100);
        }

        double single = V8Anchor.Batch(call, 20);
        int batch = Math.Max(1, (int)(1e6 / single));
        double nodeSingle = NodeBatch(node, 20) / 20;
        int nodeBatch = Math.Max(1, (int)(1e6 / nodeSingle));
        var ours = new List<double>();
        var hand = new List<double>();
        var v8 = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            // Rotate the order, so a load burst hits each side alike.
            for (int k = 0; k < 3; k++)
            {
                switch ((round + k) % 3)
                {
                    case 0: ours.Add(V8Anchor.Batch(call, batch)); break;
                    case 1: hand.Add(V8Anchor.Batch(handCall, batch)); break;
                    default: v8.Add(NodeBatch(node, nodeBatch) / nodeBatch); break;
                }
            }
        }

        double[] ratios = ours.Zip(v8, (a, b) => a / b).OrderBy(x => x).ToArray();
        double[] handRatios = hand.Zip(v8, (a, b) => a / b).OrderBy(x => x).ToArray();
        return $"| {name} | {rounds} | {V8Anchor.Time(V8Anchor.Median(ours))} | {V8Anchor.Time(V8Anchor.Median(hand))} | {V8Anchor.Time(V8Anchor.Median(v8))} | " +
            $"{V8Anchor.Percentile(ratios, 0.5):0.00} | {V8Anchor.Percentile(ratios, 0.25):0.00}-{V8Anchor.Percentile(ratios, 0.75):0.00} | {V8Anchor.Percentile(handRatios, 0.5):0.00} |";
    }

    private static Process StartNode()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("BINDGEN_NODE") ?? "node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "node", "wasm-bindgen.mjs"));
        start.ArgumentList.Add(NpmFolder);
        return Process.Start(start) ?? throw new InvalidOperationException("node did not start");
    }

    private static JsonElement Send(Process node, object message)
    {
        node.StandardInput.WriteLine(JsonSerializer.Serialize(message));
        node.StandardInput.Flush();
        string line = node.StandardOutput.ReadLine() ?? throw new InvalidOperationException("node exited");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private static double NodeBatch(Process node, int calls) => Send(node, new { op = "run", calls }).GetProperty("ns").GetDouble();
}

/// <summary>
/// What a careful person writes by hand for the same two snappy calls: the glue's protocol (return area, guest
/// malloc, copy, call, read the words, copy out, free) straight on Wasmtime's typed delegates and memory spans.
/// </summary>
internal sealed class HandWrittenSnappy
{
    private readonly Memory _memory;
    private readonly Func<int, int> _stack;
    private readonly Func<int, int> _malloc;
    private readonly Action<int, int> _free;
    private readonly Action<int, int, int> _compress;
    private readonly Action<int, int, int> _compressRaw;

    public HandWrittenSnappy(Instance instance)
    {
        _memory = instance.GetMemory("memory")!;
        _stack = instance.GetFunction("__wbindgen_add_to_stack_pointer")!.WrapFunc<int, int>()!;
        _malloc = instance.GetFunction("__wbindgen_malloc")!.WrapFunc<int, int>()!;
        _free = instance.GetFunction("__wbindgen_free")!.WrapAction<int, int>()!;
        _compress = instance.GetFunction("compress")!.WrapAction<int, int, int>()!;
        _compressRaw = instance.GetFunction("compress_raw")!.WrapAction<int, int, int>()!;
    }

    public byte[] Compress(string text)
    {
        int area = _stack(-16);
        try
        {
            int length = Encoding.UTF8.GetByteCount(text);
            int pointer = _malloc(length);
            Encoding.UTF8.GetBytes(text, _memory.GetSpan(pointer, length));
            _compress(area, pointer, length);
            return Result(area);
        }
        finally
        {
            _stack(16);
        }
    }

    public byte[] CompressRaw(byte[] data)
    {
        int area = _stack(-16);
        try
        {
            int pointer = _malloc(data.Length);
            data.CopyTo(_memory.GetSpan(pointer, data.Length));
            _compressRaw(area, pointer, data.Length);
            return Result(area);
        }
        finally
        {
            _stack(16);
        }
    }

    private byte[] Result(int area)
    {
        Span<int> words = _memory.GetSpan<int>(area, 4);
        if (words[3] != 0)
        {
            throw new InvalidOperationException("snappy returned an error");
        }

        int pointer = words[0], length = words[1];
        byte[] result = _memory.GetSpan(pointer, length).ToArray();
        _free(pointer, length);
        return result;
    }
}
