using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace Bindgen.Internals;

/// <summary>An input stream: stdin, or a file read from an offset.</summary>
internal abstract class WasiInput : IDisposable
{
    /// <summary>Reads up to <paramref name="into"/>'s length; 0 at the end.</summary>
    public abstract int Read(Span<byte> into);

    public virtual void Dispose()
    {
    }
}

/// <summary>An output stream: stdout or stderr (a .NET stream, or nowhere), or a file written at an offset.</summary>
internal abstract class WasiOutput : IDisposable
{
    public abstract void Write(ReadOnlySpan<byte> data);

    public virtual void Flush()
    {
    }

    public virtual void Dispose()
    {
    }
}

/// <summary>A .NET stream the host was given (stdin); not closed by the guest.</summary>
internal sealed class WasiStreamInput : WasiInput
{
    private readonly Stream? _stream;

    public WasiStreamInput(Stream? stream) => _stream = stream;

    public override int Read(Span<byte> into) => _stream?.Read(into) ?? 0;
}

/// <summary>A .NET stream the host was given (stdout, stderr); null discards. Not closed by the guest.</summary>
internal sealed class WasiStreamOutput : WasiOutput
{
    private readonly Stream? _stream;

    public WasiStreamOutput(Stream? stream) => _stream = stream;

    public override void Write(ReadOnlySpan<byte> data) => _stream?.Write(data);

    public override void Flush() => _stream?.Flush();
}

/// <summary>A file read from an offset that advances (<c>read-via-stream</c>); the descriptor keeps the file open.</summary>
internal sealed class WasiFileInput : WasiInput
{
    private readonly SafeFileHandle _file;
    private long _offset;

    public WasiFileInput(SafeFileHandle file, long offset)
    {
        _file = file;
        _offset = offset;
    }

    public override int Read(Span<byte> into)
    {
        int read = RandomAccess.Read(_file, into, _offset);
        _offset += read;
        return read;
    }
}

/// <summary>A file written at an offset that advances, or at its end (<c>write-via-stream</c>, <c>append-via-stream</c>).</summary>
internal sealed class WasiFileOutput : WasiOutput
{
    private readonly SafeFileHandle _file;
    private readonly bool _append;
    private long _offset;

    public WasiFileOutput(SafeFileHandle file, long offset, bool append)
    {
        _file = file;
        _offset = offset;
        _append = append;
    }

    public override void Write(ReadOnlySpan<byte> data)
    {
        long at = _append ? RandomAccess.GetLength(_file) : _offset;
        RandomAccess.Write(_file, data, at);
        _offset = at + data.Length;
    }
}

/// <summary>
/// A pollable: ready now (streams: the host's reads and writes complete at once), or at a monotonic-clock deadline
/// (<c>subscribe-instant</c>, <c>subscribe-duration</c>).
/// </summary>
internal sealed class WasiPollable
{
    private readonly long _deadline;

    public WasiPollable(long deadlineNanoseconds) => _deadline = deadlineNanoseconds;

    public static WasiPollable Ready { get; } = new(long.MinValue);

    public bool IsReady => WasiClock.MonotonicNow() >= _deadline;

    /// <summary>Nanoseconds until ready (0 when ready).</summary>
    public long Remaining => Math.Max(0, _deadline == long.MinValue ? 0 : _deadline - WasiClock.MonotonicNow());

    public void Block()
    {
        long remaining;
        while ((remaining = Remaining) > 0)
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, remaining / 100)));
        }
    }
}

/// <summary>An <c>error</c> resource: what a stream operation failed with.</summary>
internal sealed record WasiError(string Message, WasiErrorCode? Code);

/// <summary>The clocks the host reads.</summary>
internal static class WasiClock
{
    /// <summary>Nanoseconds on the monotonic clock (the system's: never negative, never backwards).</summary>
    public static long MonotonicNow()
    {
        long ticks = Stopwatch.GetTimestamp(), frequency = Stopwatch.Frequency;
        return ((ticks / frequency) * 1_000_000_000L) + ((ticks % frequency) * 1_000_000_000L / frequency);
    }

    /// <summary>The monotonic clock's resolution in nanoseconds.</summary>
    public static long MonotonicResolution => Math.Max(1, 1_000_000_000L / Stopwatch.Frequency);
}
