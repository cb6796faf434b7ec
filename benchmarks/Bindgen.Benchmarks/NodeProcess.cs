using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Bindgen.Benchmarks;

/// <summary>
/// The Node child process of the V8 anchor: <c>node node/bench.mjs &lt;bench.wasm&gt;</c>, driven one JSON line at a
/// time (see benchmarks/node/bench.mjs). Every reply is awaited with a timeout, so a hung or crashed child fails
/// the run instead of stalling it; disposing closes its stdin (it exits) and kills it if it does not.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly string _wasmPath;

    private NodeProcess(Process process, string wasmPath)
    {
        _process = process;
        _wasmPath = wasmPath;
    }

    /// <summary>
    /// Writes bench.wasm (the bytes embedded in this assembly, so both sides run the same module) to a temporary
    /// file and starts Node on the script copied next to this assembly. <c>BINDGEN_NODE</c> names another node.
    /// </summary>
    /// <exception cref="InvalidOperationException">Node or the script is missing.</exception>
    public static NodeProcess Start()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "node", "bench.mjs");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing; it is copied from benchmarks/node/bench.mjs by the build.");
        }

        string wasmPath = Path.Combine(Path.GetTempPath(), $"bindgen-bench-{Environment.ProcessId}.wasm");
        File.WriteAllBytes(wasmPath, BenchGuest.ModuleBytes());
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("BINDGEN_NODE") ?? "node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(wasmPath);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            File.Delete(wasmPath);
            throw new InvalidOperationException($"cannot start '{start.FileName}' (set BINDGEN_NODE to a Node 20 binary): {e.Message}", e);
        }

        var node = new NodeProcess(process, wasmPath);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (node._stderr)
                {
                    node._stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Sends one message and returns the reply.</summary>
    /// <exception cref="InvalidOperationException">The child replied with an error, exited, or did not reply in time.</exception>
    public JsonElement Send(object message)
    {
        _process.StandardInput.WriteLine(JsonSerializer.Serialize(message));
        _process.StandardInput.Flush();
        string? line;
        try
        {
            System.Threading.Tasks.Task<string?> read = _process.StandardOutput.ReadLineAsync();
            line = read.Wait(ReplyTimeout) ? read.Result : null;
        }
        catch (AggregateException e)
        {
            throw new InvalidOperationException("node: " + e.InnerException?.Message + Stderr(), e);
        }

        if (line is null)
        {
            throw new InvalidOperationException($"node did not reply within {ReplyTimeout.TotalSeconds} s or exited." + Stderr());
        }

        JsonElement reply = JsonDocument.Parse(line).RootElement.Clone();
        if (reply.TryGetProperty("error", out JsonElement error))
        {
            throw new InvalidOperationException("node: " + error.GetString());
        }

        return reply;
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.Length == 0 ? "" : Environment.NewLine + "node stderr:" + Environment.NewLine + _stderr;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
            File.Delete(_wasmPath);
        }
    }
}
