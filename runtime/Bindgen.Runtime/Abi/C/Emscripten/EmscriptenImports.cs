using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// What the ready-made emscripten imports see of the host: standard streams, environment, clock and time zone. The
/// runtime provides the imports emscripten's standard library emits (<c>emscripten_resize_heap</c>, <c>_abort_js</c>,
/// the clocks, <c>_tzset_js</c>/<c>_localtime_js</c>/<c>_gmtime_js</c>/<c>_mktime_js</c>, <c>environ_*</c>,
/// <c>fd_write</c>/<c>fd_read</c>/<c>fd_seek</c>/<c>fd_close</c> on the standard streams, <c>proc_exit</c>, and the
/// <c>__syscall_*</c> file calls, which fail with an errno since there is no file system) whenever a module imports
/// them and the linker defines none. Set one for a store with <see cref="Configure"/> before instantiating.
/// </summary>
public sealed class EmscriptenImports
{
    private static readonly ConditionalWeakTable<Store, EmscriptenImports> PerStore = new();

    /// <summary>Standard output (file descriptor 1) and error (2) of the process, no input, emscripten's environment.</summary>
    public static EmscriptenImports Default { get; } = new();

    /// <summary>Where the guest's file descriptor 1 writes; null discards. The process's standard output by default.</summary>
    public Stream? StandardOutput { get; init; } = Console.OpenStandardOutput();

    /// <summary>Where the guest's file descriptor 2 writes; null discards. The process's standard error by default.</summary>
    public Stream? StandardError { get; init; } = Console.OpenStandardError();

    /// <summary>What the guest's file descriptor 0 reads; null is an empty input (the default).</summary>
    public Stream? StandardInput { get; init; }

    /// <summary>
    /// The guest's environment variables; when null, the ones emscripten's JavaScript gives a program
    /// (<c>USER=web_user</c>, <c>PATH=/</c>, <c>HOME=/home/web_user</c>, <c>LANG=C.UTF-8</c>, ...).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The time zone <c>localtime</c> and <c>mktime</c> use; the machine's by default.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>The wall clock and the monotonic clock; the system's by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The largest heap <c>emscripten_resize_heap</c> grows to, in bytes (also bounded by the memory's maximum);
    /// 2 GiB by default, as emscripten's JavaScript.
    /// </summary>
    public long HeapMaximum { get; init; } = 1L << 31;

    /// <summary>Uses <paramref name="imports"/> for every emscripten module instantiated in <paramref name="store"/> from now on.</summary>
    /// <param name="store">The store.</param>
    /// <param name="imports">The configuration.</param>
    public static void Configure(Store store, EmscriptenImports imports)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        PerStore.AddOrUpdate(store, imports ?? throw new ArgumentNullException(nameof(imports)));
    }

    /// <summary>Whether the runtime provides an import named <paramref name="name"/> with wasm type <paramref name="signature"/>.</summary>
    /// <param name="name">The import's name as emscripten names it (<c>emscripten_resize_heap</c>, not a minified one).</param>
    /// <param name="signature">Its type written as <c>(i32) -&gt; i32</c>.</param>
    public static bool Provides(string name, string signature) => EmscriptenCatalog.Provides(name, signature);

    internal static EmscriptenImports For(Store store) => PerStore.TryGetValue(store, out EmscriptenImports? imports) ? imports : Default;

    /// <summary>The environment as <c>NAME=value</c> strings, in emscripten's order.</summary>
    internal IEnumerable<string> EnvironmentStrings()
    {
        if (Environment is null)
        {
            return new[] { "USER=web_user", "LOGNAME=web_user", "PATH=/", "PWD=/", "HOME=/home/web_user", "LANG=C.UTF-8", "_=./this.program" };
        }

        var strings = new List<string>();
        foreach (KeyValuePair<string, string> variable in Environment)
        {
            strings.Add(variable.Key + "=" + variable.Value);
        }

        return strings;
    }
}
