using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Wasmtime;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Benchmarks;

/// <summary>record entry { name: string, values: list&lt;u32&gt; } of tests/guests/canonical/text.wit.</summary>
public sealed record CanonicalEntry(string Name, uint[] Values);

/// <summary>The exports of tests/guests/canonical.wasm this suite calls, under the canonical ABI.</summary>
[WasmModule(Abi = WasmAbi.Canonical, Interface = "local:demo/text@1.0.0")]
public interface ICanonicalBench
{
    /// <summary>echo-string: func(s: string) -&gt; string.</summary>
    string EchoString(string s);

    /// <summary>echo-bytes: func(data: list&lt;u8&gt;) -&gt; list&lt;u8&gt;.</summary>
    byte[] EchoBytes(byte[] data);

    /// <summary>echo-entry: func(e: entry) -&gt; entry.</summary>
    CanonicalEntry EchoEntry(CanonicalEntry e);
}

/// <summary>
/// The same component export three ways: Bindgen's generated glue over the core module, Wasmtime.Components'
/// dynamic <see cref="ComponentFunction.Call(ComponentValue[])"/> over the component, and hand-written canonical
/// lowering over the core module (typed delegates, one view per phase; the baseline).
/// </summary>
[MemoryDiagnoser]
public class CanonicalBenchmarks : IDisposable
{
    private const string Interface = "local:demo/text@1.0.0";
    private Engine _engine = null!;
    private Store _bindgenStore = null!, _componentStore = null!, _handStore = null!;
    private Module _module = null!;
    private Component _component = null!;
    private ComponentLinker _linker = null!;
    private CanonicalBench _bindgen = null!;
    private ComponentFunction _echoString = null!, _echoBytes = null!, _echoEntry = null!;
    private HandWrittenCanonical _hand = null!;
    private string _text = string.Empty;
    private byte[] _bytes = Array.Empty<byte>();
    private CanonicalEntry _entry = null!;

    /// <summary>The scenario: string-&gt;string of 16 or 4096 chars, list&lt;u8&gt; of 1 MiB, a record with a string and a list.</summary>
    [Params("string-16", "string-4096", "bytes-1MiB", "record")]
    public string Scenario { get; set; } = "string-16";

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine();
        _module = Module.FromBytes(_engine, "canonical", Resource("canonical.wasm"));
        _component = Component.FromBytes(_engine, Resource("canonical.component.wasm"));
        _bindgenStore = new Store(_engine);
        _bindgen = CanonicalBench.Instantiate(_bindgenStore, _module, GuestMemoryOptions.Unchecked);
        _componentStore = new Store(_engine);
        _linker = new ComponentLinker(_engine);
        ComponentInstance instance = _linker.Instantiate(_componentStore, _component);
        _echoString = instance.GetFunction(Interface, "echo-string")!;
        _echoBytes = instance.GetFunction(Interface, "echo-bytes")!;
        _echoEntry = instance.GetFunction(Interface, "echo-entry")!;
        _handStore = new Store(_engine);
        _hand = new HandWrittenCanonical(new Instance(_handStore, _module));
        _text = new string('ü', Scenario == "string-4096" ? 4096 : 16);
        _bytes = Enumerable.Range(0, 1 << 20).Select(i => (byte)i).ToArray();
        _entry = new CanonicalEntry("an entry's name", Enumerable.Range(0, 64).Select(i => (uint)i).ToArray());
        object a = Bindgen(), b = Components(), c = HandWritten();
        if (!Same(a, b) || !Same(a, c))
        {
            throw new InvalidOperationException($"{Scenario}: the three paths disagree");
        }
    }

    [Benchmark(Description = "Bindgen")]
    public object Bindgen() => Scenario switch
    {
        "bytes-1MiB" => _bindgen.EchoBytes(_bytes),
        "record" => _bindgen.EchoEntry(_entry),
        _ => _bindgen.EchoString(_text),
    };

    [Benchmark(Description = "Wasmtime.Components Call")]
    public object Components() => Scenario switch
    {
        "bytes-1MiB" => _echoBytes.Call(CV.List(_bytes.Select(CV.U8).ToArray()))!.AsList().Select(v => v.AsU8()).ToArray(),
        "record" => ToEntry(_echoEntry.Call(CV.Record(new[]
        {
            new KeyValuePair<string, CV>("name", CV.String(_entry.Name)),
            new KeyValuePair<string, CV>("values", CV.List(_entry.Values.Select(CV.U32).ToArray())),
        }))!),
        _ => _echoString.Call(CV.String(_text))!.AsString(),
    };

    [Benchmark(Baseline = true, Description = "hand-written canonical")]
    public object HandWritten() => Scenario switch
    {
        "bytes-1MiB" => _hand.EchoBytes(_bytes),
        "record" => _hand.EchoEntry(_entry),
        _ => _hand.EchoString(_text),
    };

    [GlobalCleanup]
    public void Dispose()
    {
        _linker?.Dispose();
        _bindgenStore?.Dispose();
        _componentStore?.Dispose();
        _handStore?.Dispose();
        _component?.Dispose();
        _module?.Dispose();
        _engine?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static CanonicalEntry ToEntry(CV v) => new(v.Field("name").AsString(), v.Field("values").AsList().Select(x => x.AsU32()).ToArray());

    private static bool Same(object a, object b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (CanonicalEntry x, CanonicalEntry y) => x.Name == y.Name && x.Values.AsSpan().SequenceEqual(y.Values),
        _ => Equals(a, b),
    };

    private static byte[] Resource(string name)
    {
        using Stream stream = typeof(CanonicalBenchmarks).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>
/// Canonical lowering written by hand the fastest safe way: every cabi_realloc first, then one span for the
/// writes; the result read through a fresh span; then cabi_post. No bounds or UTF-8 validation beyond what
/// <see cref="Memory.GetSpan(long, int)"/> and the decoder do, so it is a floor, not a safe alternative.
/// </summary>
public sealed class HandWrittenCanonical
{
    private readonly Memory _memory;
    private readonly Func<int, int, int, int, int> _realloc;
    private readonly Func<int, int, int> _echoString, _echoBytes;
    private readonly Func<int, int, int, int, int> _echoEntry;
    private readonly Action<int> _postString, _postBytes, _postEntry;

    public HandWrittenCanonical(Instance instance)
    {
        const string I = "local:demo/text@1.0.0#";
        _memory = instance.GetMemory("memory")!;
        _realloc = instance.GetFunction<int, int, int, int, int>("cabi_realloc")!;
        _echoString = instance.GetFunction<int, int, int>(I + "echo-string")!;
        _echoBytes = instance.GetFunction<int, int, int>(I + "echo-bytes")!;
        _echoEntry = instance.GetFunction<int, int, int, int, int>(I + "echo-entry")!;
        _postString = instance.GetAction<int>("cabi_post_" + I + "echo-string")!;
        _postBytes = instance.GetAction<int>("cabi_post_" + I + "echo-bytes")!;
        _postEntry = instance.GetAction<int>("cabi_post_" + I + "echo-entry")!;
        RunInitializer(instance);
    }

    public string EchoString(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        int p = _realloc(0, 0, 1, n);
        Encoding.UTF8.GetBytes(s, _memory.GetSpan(p, n));
        int r = _echoString(p, n);
        Span<byte> m = _memory.GetSpan(0, (int)_memory.GetLength());
        string result = Encoding.UTF8.GetString(m.Slice(BinaryPrimitives.ReadInt32LittleEndian(m.Slice(r)), BinaryPrimitives.ReadInt32LittleEndian(m.Slice(r + 4))));
        _postString(r);
        return result;
    }

    public byte[] EchoBytes(byte[] data)
    {
        int p = _realloc(0, 0, 1, data.Length);
        data.CopyTo(_memory.GetSpan(p, data.Length));
        int r = _echoBytes(p, data.Length);
        Span<byte> m = _memory.GetSpan(0, (int)_memory.GetLength());
        byte[] result = m.Slice(BinaryPrimitives.ReadInt32LittleEndian(m.Slice(r)), BinaryPrimitives.ReadInt32LittleEndian(m.Slice(r + 4))).ToArray();
        _postBytes(r);
        return result;
    }

    public CanonicalEntry EchoEntry(CanonicalEntry e)
    {
        int n = Encoding.UTF8.GetByteCount(e.Name);
        int name = _realloc(0, 0, 1, n);
        int values = _realloc(0, 0, 4, e.Values.Length * 4);
        Span<byte> w = _memory.GetSpan(0, (int)_memory.GetLength());
        Encoding.UTF8.GetBytes(e.Name, w.Slice(name, n));
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(e.Values.AsSpan()).CopyTo(w.Slice(values));
        int r = _echoEntry(name, n, values, e.Values.Length);
        Span<byte> m = _memory.GetSpan(0, (int)_memory.GetLength());
        int np = BinaryPrimitives.ReadInt32LittleEndian(m.Slice(r)), nl = BinaryPrimitives.ReadInt32LittleEndian(m.Slice(r + 4));
        int vp = BinaryPrimitives.ReadInt32LittleEndian(m.Slice(r + 8)), vl = BinaryPrimitives.ReadInt32LittleEndian(m.Slice(r + 12));
        var result = new CanonicalEntry(Encoding.UTF8.GetString(m.Slice(np, nl)), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(m.Slice(vp, vl * 4)).ToArray());
        _postEntry(r);
        return result;
    }

    private static void RunInitializer(Instance instance)
    {
        instance.GetAction("_initialize")?.Invoke();
    }
}
