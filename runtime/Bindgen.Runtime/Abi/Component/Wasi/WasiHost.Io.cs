using System;
using System.Collections.Generic;
using System.IO;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary><c>wasi:io</c>: errors, pollables and streams. The host's streams complete every read and write at once, so their pollables are always ready.</summary>
public sealed partial class WasiHost
{
    /// <summary>How much a stream read returns at most, and how much <c>check-write</c> allows at once.</summary>
    private const int Chunk = 1 << 20;

    private static void AddIo()
    {
        Add("wasi:io/error", "[method]error.to-debug-string", "ii", "", static (h, c, a, _) =>
        {
            string text = h._table.Get<WasiError>(a[0].AsInt32(), WasiKind.Error, c.Operation).Message;
            int ret = a[1].AsInt32();
            (int address, int length) = c.Utf8(text);
            c.List(ret, address, length);
        });
        Add("wasi:io/poll", "[method]pollable.ready", "i", "i", static (h, c, a, r) => r[0] = h.Pollable(c, a[0]).IsReady ? 1 : 0);
        Add("wasi:io/poll", "[method]pollable.block", "i", "", static (h, c, a, _) => h.Pollable(c, a[0]).Block());
        Add("wasi:io/poll", "poll", "iii", "", static (h, c, a, _) => h.Poll(c, a[0].AsInt32(), a[1].AsInt32(), a[2].AsInt32()));

        Add("wasi:io/streams", "[method]input-stream.read", "ili", "", static (h, c, a, _) => h.Read(c, a[0], a[1].AsInt64(), a[2].AsInt32()));
        Add("wasi:io/streams", "[method]input-stream.blocking-read", "ili", "", static (h, c, a, _) => h.Read(c, a[0], a[1].AsInt64(), a[2].AsInt32()));
        Add("wasi:io/streams", "[method]input-stream.skip", "ili", "", static (h, c, a, _) => h.Skip(c, a[0], a[1].AsInt64(), a[2].AsInt32()));
        Add("wasi:io/streams", "[method]input-stream.blocking-skip", "ili", "", static (h, c, a, _) => h.Skip(c, a[0], a[1].AsInt64(), a[2].AsInt32()));
        Add("wasi:io/streams", "[method]input-stream.subscribe", "i", "i", static (h, c, a, r) => r[0] = h.Subscribe(c, a[0], WasiKind.InputStream));

        Add("wasi:io/streams", "[method]output-stream.check-write", "ii", "", static (h, c, a, _) =>
        {
            h.Output(c, a[0]);
            int ret = a[1].AsInt32();
            c.U8(ret, 0);
            c.I64(ret + 8, Chunk);
        });
        Add("wasi:io/streams", "[method]output-stream.write", "iiii", "", static (h, c, a, _) => h.Write(c, a[0], a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32(), flush: false));
        Add("wasi:io/streams", "[method]output-stream.blocking-write-and-flush", "iiii", "", static (h, c, a, _) => h.Write(c, a[0], a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32(), flush: true));
        Add("wasi:io/streams", "[method]output-stream.flush", "ii", "", static (h, c, a, _) => h.Flush(c, a[0], a[1].AsInt32()));
        Add("wasi:io/streams", "[method]output-stream.blocking-flush", "ii", "", static (h, c, a, _) => h.Flush(c, a[0], a[1].AsInt32()));
        Add("wasi:io/streams", "[method]output-stream.subscribe", "i", "i", static (h, c, a, r) => r[0] = h.Subscribe(c, a[0], WasiKind.OutputStream));
        Add("wasi:io/streams", "[method]output-stream.write-zeroes", "ili", "", static (h, c, a, _) => h.WriteZeroes(c, a[0], a[1].AsInt64(), a[2].AsInt32()));
        Add("wasi:io/streams", "[method]output-stream.blocking-write-zeroes-and-flush", "ili", "", static (h, c, a, _) => h.WriteZeroes(c, a[0], a[1].AsInt64(), a[2].AsInt32()));
        Add("wasi:io/streams", "[method]output-stream.splice", "iili", "", static (h, c, a, _) => h.Splice(c, a[0], a[1], a[2].AsInt64(), a[3].AsInt32()));
        Add("wasi:io/streams", "[method]output-stream.blocking-splice", "iili", "", static (h, c, a, _) => h.Splice(c, a[0], a[1], a[2].AsInt64(), a[3].AsInt32()));
    }

    private WasiPollable Pollable(WasiCall c, ValueBox handle) => _table.Get<WasiPollable>(handle.AsInt32(), WasiKind.Pollable, c.Operation);

    private WasiOutput Output(WasiCall c, ValueBox handle) => _table.Get<WasiOutput>(handle.AsInt32(), WasiKind.OutputStream, c.Operation);

    private WasiInput Input(WasiCall c, ValueBox handle) => _table.Get<WasiInput>(handle.AsInt32(), WasiKind.InputStream, c.Operation);

    private int Subscribe(WasiCall c, ValueBox handle, WasiKind kind)
    {
        _table.Get<object>(handle.AsInt32(), kind, c.Operation);
        return _table.Add(WasiKind.Pollable, WasiPollable.Ready);
    }

    /// <summary><c>poll(list&lt;borrow&lt;pollable&gt;&gt;) -&gt; list&lt;u32&gt;</c>: waits for the first deadline when none is ready, then lists the ready ones.</summary>
    private void Poll(WasiCall c, int address, int count, int ret)
    {
        if (count == 0)
        {
            throw new WasiHandleException(c.Operation, 0, "pollable", "poll was given an empty list, which the interface says traps");
        }

        var pollables = new WasiPollable[count];
        ReadOnlySpan<byte> list = c.Read(address, checked(count * 4), 4);
        for (int i = 0; i < count; i++)
        {
            pollables[i] = _table.Get<WasiPollable>(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(list.Slice(i * 4)), WasiKind.Pollable, c.Operation);
        }

        var ready = new List<int>();
        while (true)
        {
            long wait = long.MaxValue;
            for (int i = 0; i < count; i++)
            {
                if (pollables[i].IsReady)
                {
                    ready.Add(i);
                }

                wait = Math.Min(wait, pollables[i].Remaining);
            }

            if (ready.Count > 0)
            {
                break;
            }

            System.Threading.Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, wait / 100)));
        }

        int block = c.Allocate(4, ready.Count * 4);
        for (int i = 0; i < ready.Count; i++)
        {
            c.I32(block + (i * 4), ready[i]);
        }

        c.List(ret, block, ready.Count);
    }

    /// <summary><c>read</c> and <c>blocking-read</c> (the host's reads do not wait): <c>result&lt;list&lt;u8&gt;, stream-error&gt;</c>, <c>closed</c> at the end.</summary>
    private void Read(WasiCall c, ValueBox handle, long length, int ret)
    {
        WasiInput input = Input(c, handle);
        byte[] buffer = new byte[(int)Math.Min(Math.Max(length, 0), Chunk)];
        int read;
        try
        {
            read = buffer.Length == 0 ? 0 : input.Read(buffer);
        }
        catch (IOException e)
        {
            StreamFailed(c, ret, 4, e);
            return;
        }

        if (read == 0 && length > 0)
        {
            StreamClosed(c, ret, 4);
            return;
        }

        int address = c.Bytes(buffer.AsSpan(0, read));
        c.U8(ret, 0);
        c.List(ret + 4, address, read);
    }

    private void Skip(WasiCall c, ValueBox handle, long length, int ret)
    {
        WasiInput input = Input(c, handle);
        byte[] buffer = new byte[(int)Math.Min(Math.Max(length, 0), Chunk)];
        int read = buffer.Length == 0 ? 0 : input.Read(buffer);
        if (read == 0 && length > 0)
        {
            StreamClosed(c, ret, 8);
            return;
        }

        c.U8(ret, 0);
        c.I64(ret + 8, read);
    }

    private void Write(WasiCall c, ValueBox handle, int address, int length, int ret, bool flush)
    {
        WasiOutput output = Output(c, handle);
        try
        {
            // The view lives for the write only: the output is host code that cannot call into the guest.
            output.Write(c.Read(address, length));
            if (flush)
            {
                output.Flush();
            }
        }
        catch (IOException e)
        {
            StreamFailed(c, ret, 4, e);
            return;
        }

        c.U8(ret, 0);
    }

    private void Flush(WasiCall c, ValueBox handle, int ret)
    {
        try
        {
            Output(c, handle).Flush();
        }
        catch (IOException e)
        {
            StreamFailed(c, ret, 4, e);
            return;
        }

        c.U8(ret, 0);
    }

    private void WriteZeroes(WasiCall c, ValueBox handle, long length, int ret)
    {
        WasiOutput output = Output(c, handle);
        try
        {
            output.Write(new byte[(int)Math.Min(Math.Max(length, 0), Chunk)]);
        }
        catch (IOException e)
        {
            StreamFailed(c, ret, 4, e);
            return;
        }

        c.U8(ret, 0);
    }

    private void Splice(WasiCall c, ValueBox handle, ValueBox source, long length, int ret)
    {
        WasiOutput output = Output(c, handle);
        WasiInput input = Input(c, source);
        byte[] buffer = new byte[(int)Math.Min(Math.Max(length, 0), Chunk)];
        int read;
        try
        {
            read = buffer.Length == 0 ? 0 : input.Read(buffer);
            if (read == 0 && length > 0)
            {
                StreamClosed(c, ret, 8);
                return;
            }

            output.Write(buffer.AsSpan(0, read));
        }
        catch (IOException e)
        {
            StreamFailed(c, ret, 8, e);
            return;
        }

        c.U8(ret, 0);
        c.I64(ret + 8, read);
    }

    /// <summary>A <c>stream-error.closed</c> in a result whose payload starts at <paramref name="payload"/>.</summary>
    private static void StreamClosed(WasiCall c, int ret, int payload)
    {
        c.U8(ret, 1);
        c.U8(ret + payload, 1);
    }

    /// <summary>A <c>stream-error.last-operation-failed</c> with a new <c>error</c> resource.</summary>
    private void StreamFailed(WasiCall c, int ret, int payload, Exception failure)
    {
        int error = _table.Add(WasiKind.Error, new WasiError(failure.Message, WasiErrors.Of(failure)));
        c.U8(ret, 1);
        c.U8(ret + payload, 0);
        c.I32(ret + payload + 4, error);
    }
}
