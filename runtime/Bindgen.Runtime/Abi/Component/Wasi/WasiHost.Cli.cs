using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace Bindgen.Internals;

/// <summary><c>wasi:cli</c> (arguments, environment, exit, standard streams, terminals), <c>wasi:clocks</c> and <c>wasi:random</c>.</summary>
public sealed partial class WasiHost
{
    private readonly WasiOutput _stdout;
    private readonly WasiOutput _stderr;
    private readonly (long, long) _insecureSeed = (BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)), BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)));
    private WasiInput? _stdin;

    private static WasiOutput OutputOf(Stream? stream) => new WasiStreamOutput(stream);

    private static void AddCli()
    {
        Add("wasi:cli/environment", "get-environment", "i", "", static (h, c, a, _) => h.Environment(c, a[0].AsInt32()));
        Add("wasi:cli/environment", "get-arguments", "i", "", static (h, c, a, _) => h.Arguments(c, a[0].AsInt32()));
        Add("wasi:cli/environment", "initial-cwd", "i", "", static (_, c, a, _) => c.U8(a[0].AsInt32(), 0));
        Add("wasi:cli/exit", "exit", "i", "", static (_, _, a, _) => throw new WasiExitException(a[0].AsInt32() == 0 ? 0 : 1));
        Add("wasi:cli/stdin", "get-stdin", "", "i", static (h, _, _, r) => r[0] = h._table.Add(WasiKind.InputStream, h.Stdin()));
        Add("wasi:cli/stdout", "get-stdout", "", "i", static (h, _, _, r) => r[0] = h._table.Add(WasiKind.OutputStream, h._stdout));
        Add("wasi:cli/stderr", "get-stderr", "", "i", static (h, _, _, r) => r[0] = h._table.Add(WasiKind.OutputStream, h._stderr));

        // The guest's streams are never a terminal here: the host's are .NET streams.
        Add("wasi:cli/terminal-stdin", "get-terminal-stdin", "i", "", static (_, c, a, _) => c.U8(a[0].AsInt32(), 0));
        Add("wasi:cli/terminal-stdout", "get-terminal-stdout", "i", "", static (_, c, a, _) => c.U8(a[0].AsInt32(), 0));
        Add("wasi:cli/terminal-stderr", "get-terminal-stderr", "i", "", static (_, c, a, _) => c.U8(a[0].AsInt32(), 0));
    }

    private static void AddClocksAndRandom()
    {
        Add("wasi:clocks/wall-clock", "now", "i", "", static (_, c, a, _) =>
        {
            long ticks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
            int ret = a[0].AsInt32();
            c.I64(ret, ticks / TimeSpan.TicksPerSecond);
            c.I32(ret + 8, (int)(ticks % TimeSpan.TicksPerSecond * 100));
        });
        Add("wasi:clocks/wall-clock", "resolution", "i", "", static (_, c, a, _) =>
        {
            c.I64(a[0].AsInt32(), 0);
            c.I32(a[0].AsInt32() + 8, 100);
        });
        Add("wasi:clocks/monotonic-clock", "now", "", "l", static (_, _, _, r) => r[0] = WasiClock.MonotonicNow());
        Add("wasi:clocks/monotonic-clock", "resolution", "", "l", static (_, _, _, r) => r[0] = WasiClock.MonotonicResolution);
        Add("wasi:clocks/monotonic-clock", "subscribe-instant", "l", "i", static (h, _, a, r) => r[0] = h._table.Add(WasiKind.Pollable, new WasiPollable(a[0].AsInt64())));
        Add("wasi:clocks/monotonic-clock", "subscribe-duration", "l", "i", static (h, _, a, r) =>
            r[0] = h._table.Add(WasiKind.Pollable, new WasiPollable(WasiClock.MonotonicNow() + Math.Max(0, a[0].AsInt64()))));

        Add("wasi:random/random", "get-random-bytes", "li", "", static (_, c, a, _) => RandomBytes(c, a[0].AsInt64(), a[1].AsInt32(), secure: true));
        Add("wasi:random/random", "get-random-u64", "", "l", static (_, _, _, r) => r[0] = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)));
        Add("wasi:random/insecure", "get-insecure-random-bytes", "li", "", static (_, c, a, _) => RandomBytes(c, a[0].AsInt64(), a[1].AsInt32(), secure: false));
        Add("wasi:random/insecure", "get-insecure-random-u64", "", "l", static (_, _, _, r) => r[0] = Random.Shared.NextInt64(long.MinValue, long.MaxValue));
        Add("wasi:random/insecure-seed", "insecure-seed", "i", "", static (h, c, a, _) =>
        {
            c.I64(a[0].AsInt32(), h._insecureSeed.Item1);
            c.I64(a[0].AsInt32() + 8, h._insecureSeed.Item2);
        });
    }

    private WasiInput Stdin() =>
        _stdin ??= new WasiStreamInput(_options.StandardInputFile is { } path ? File.OpenRead(path) : null);

    private static void RandomBytes(WasiCall c, long length, int ret, bool secure)
    {
        if (length < 0 || length > int.MaxValue)
        {
            throw new GuestProtocolException(c.Operation, $"{(ulong)length} random bytes asked for, more than a 32-bit memory holds");
        }

        byte[] bytes = new byte[length];
        if (secure)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            Random.Shared.NextBytes(bytes);
        }

        c.List(ret, c.Bytes(bytes), bytes.Length);
    }

    /// <summary><c>list&lt;tuple&lt;string, string&gt;&gt;</c>: the list's block first, then each string's, in order (as Wasmtime lowers it).</summary>
    private void Environment(WasiCall c, int ret)
    {
        IList<KeyValuePair<string, string>> variables = _options.Environment;
        int list = c.Allocate(4, checked(variables.Count * 16));
        var strings = new (int, int)[variables.Count * 2];
        for (int i = 0; i < variables.Count; i++)
        {
            strings[2 * i] = c.Utf8(variables[i].Key);
            strings[(2 * i) + 1] = c.Utf8(variables[i].Value);
        }

        for (int i = 0; i < strings.Length; i++)
        {
            c.List(list + (i * 8), strings[i].Item1, strings[i].Item2);
        }

        c.List(ret, list, variables.Count);
    }

    private void Arguments(WasiCall c, int ret)
    {
        IList<string> arguments = _options.Arguments;
        int list = c.Allocate(4, checked(arguments.Count * 8));
        var strings = new (int, int)[arguments.Count];
        for (int i = 0; i < arguments.Count; i++)
        {
            strings[i] = c.Utf8(arguments[i]);
        }

        for (int i = 0; i < strings.Length; i++)
        {
            c.List(list + (i * 8), strings[i].Item1, strings[i].Item2);
        }

        c.List(ret, list, arguments.Count);
    }
}
