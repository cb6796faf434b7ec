using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Bindgen.Hosting;

/// <summary>
/// What one store's guest writes to stdout and stderr, as log entries: Wasmtime's WASI output callbacks hand the bytes
/// over in pieces; whole lines go to the logger, each in the scope of the lease that wrote it (module, lease number,
/// the trace the lease was rented in). A partial line waits for its end, or for the lease to end.
/// </summary>
internal sealed class GuestOutputLog
{
    /// <summary>A line longer than this is logged in pieces, so a guest cannot grow the buffer without bound.</summary>
    private const int MaxLineBytes = 16 * 1024;

    private readonly ILogger _logger;
    private readonly string _module;
    private readonly LogLevel _outputLevel;
    private readonly LogLevel _errorLevel;
    private readonly List<byte> _output = new();
    private readonly List<byte> _error = new();
    private IReadOnlyList<KeyValuePair<string, object?>> _scope = Array.Empty<KeyValuePair<string, object?>>();

    public GuestOutputLog(ILogger logger, string module, LogLevel outputLevel, LogLevel errorLevel)
    {
        _logger = logger;
        _module = module;
        _outputLevel = outputLevel;
        _errorLevel = errorLevel;
    }

    /// <summary>Starts a lease: its lines carry its number and the trace it was rented in.</summary>
    public void BeginLease(long lease)
    {
        var scope = new List<KeyValuePair<string, object?>>(4)
        {
            new("bindgen.module", _module),
            new("bindgen.lease", lease),
        };
        if (Activity.Current is Activity activity)
        {
            scope.Add(new("TraceId", activity.TraceId.ToString()));
            scope.Add(new("SpanId", activity.SpanId.ToString()));
        }

        lock (_output)
        {
            _scope = scope;
        }
    }

    /// <summary>Wasmtime's stdout callback: runs on a Wasmtime thread while the lease's thread waits in the call.</summary>
    public void Output(ReadOnlySpan<byte> data) => Append(_output, data, _outputLevel, "stdout");

    /// <summary>Wasmtime's stderr callback.</summary>
    public void Error(ReadOnlySpan<byte> data) => Append(_error, data, _errorLevel, "stderr");

    /// <summary>Logs what is left of a line on either stream: the lease is ending.</summary>
    public void Flush()
    {
        lock (_output)
        {
            if (_output.Count > 0) Log(_output, _output.Count, 0, _outputLevel, "stdout");
            if (_error.Count > 0) Log(_error, _error.Count, 0, _errorLevel, "stderr");
        }
    }

    private void Append(List<byte> buffer, ReadOnlySpan<byte> data, LogLevel level, string stream)
    {
        lock (_output)
        {
            foreach (byte b in data)
            {
                if (b == (byte)'\n')
                {
                    Log(buffer, buffer.Count, 1, level, stream);
                }
                else
                {
                    buffer.Add(b);
                    if (buffer.Count >= MaxLineBytes)
                    {
                        Log(buffer, buffer.Count, 0, level, stream);
                    }
                }
            }
        }
    }

    private void Log(List<byte> buffer, int count, int newline, LogLevel level, string stream)
    {
        // A CR before the LF is part of the line ending, not of the text.
        int length = newline == 1 && count > 0 && buffer[count - 1] == (byte)'\r' ? count - 1 : count;
        byte[] bytes = buffer.GetRange(0, length).ToArray();
        buffer.Clear();
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        string line = Encoding.UTF8.GetString(bytes);
        using (_logger.BeginScope(_scope))
        {
            _logger.Log(level, new EventId(stream == "stdout" ? 1 : 2, stream), "{GuestStream}: {GuestLine}", stream, line);
        }
    }
}
