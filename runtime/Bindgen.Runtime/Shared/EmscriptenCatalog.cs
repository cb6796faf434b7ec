using System;
using System.Collections.Generic;

namespace Bindgen;

/// <summary>
/// The imports emscripten's standard library emits that Bindgen's runtime provides, by name and wasm signature. Shared
/// by the runtime (which implements them) and the generator (which lists, at build time, the imports it does not).
/// </summary>
internal static class EmscriptenCatalog
{
    /// <summary>Every provided import's name with the signatures emscripten versions give it.</summary>
    private static readonly Dictionary<string, string[]> Signatures = new(StringComparer.Ordinal)
    {
        ["emscripten_resize_heap"] = new[] { "(i32) -> i32" },
        ["emscripten_get_heap_max"] = new[] { "() -> i32" },
        ["emscripten_notify_memory_growth"] = new[] { "(i32) -> ()" },
        ["_abort_js"] = new[] { "() -> ()" },
        ["abort"] = new[] { "() -> ()" },
        ["emscripten_date_now"] = new[] { "() -> f64" },
        ["emscripten_get_now"] = new[] { "() -> f64" },
        ["_emscripten_get_now"] = new[] { "() -> f64" },
        ["_tzset_js"] = new[] { "(i32, i32, i32, i32) -> ()", "(i32, i32, i32) -> ()" },
        ["_localtime_js"] = new[] { "(i64, i32) -> ()", "(i32, i32) -> ()" },
        ["_gmtime_js"] = new[] { "(i64, i32) -> ()", "(i32, i32) -> ()" },
        ["_mktime_js"] = new[] { "(i32) -> i64", "(i32) -> i32" },
        ["_timegm_js"] = new[] { "(i32) -> i64", "(i32) -> i32" },
        ["_emscripten_memcpy_js"] = new[] { "(i32, i32, i32) -> ()" },
        ["emscripten_memcpy_big"] = new[] { "(i32, i32, i32) -> ()" },
        ["_emscripten_runtime_keepalive_clear"] = new[] { "() -> ()" },
        ["_mmap_js"] = new[] { "(i32, i32, i32, i32, i64, i32, i32) -> i32", "(i32, i32, i32, i32, i32, i32, i32) -> i32" },
        ["_munmap_js"] = new[] { "(i32, i32, i32, i32, i32, i64) -> i32", "(i32, i32, i32, i32, i32, i32) -> i32" },
        ["environ_sizes_get"] = new[] { "(i32, i32) -> i32" },
        ["environ_get"] = new[] { "(i32, i32) -> i32" },
        ["clock_time_get"] = new[] { "(i32, i64, i32) -> i32" },
        ["clock_res_get"] = new[] { "(i32, i32) -> i32" },
        ["fd_write"] = new[] { "(i32, i32, i32, i32) -> i32" },
        ["fd_read"] = new[] { "(i32, i32, i32, i32) -> i32" },
        ["fd_close"] = new[] { "(i32) -> i32" },
        ["fd_seek"] = new[] { "(i32, i64, i32, i32) -> i32", "(i32, i32, i32, i32, i32) -> i32" },
        ["fd_sync"] = new[] { "(i32) -> i32" },
        ["fd_fdstat_get"] = new[] { "(i32, i32) -> i32" },
        ["proc_exit"] = new[] { "(i32) -> ()" },
    };

    /// <summary>The file-system calls: no file system is provided, so each fails with an errno.</summary>
    public const string SyscallPrefix = "__syscall_";

    /// <summary>The functions a module imports from when it follows WASI's names (emscripten uses them too).</summary>
    public const string WasiModule = "wasi_snapshot_preview1";

    /// <summary>Whether the runtime provides import <paramref name="name"/> of type <paramref name="signature"/>.</summary>
    public static bool Provides(string name, string signature)
    {
        if (name.StartsWith(SyscallPrefix, StringComparison.Ordinal))
        {
            // Every syscall takes integers and returns an int (an errno, negated, on failure).
            return signature.EndsWith(" -> i32", StringComparison.Ordinal) && signature.IndexOf('f') < 0;
        }

        return Signatures.TryGetValue(name, out string[]? known) && Array.IndexOf(known, signature) >= 0;
    }

    /// <summary>
    /// Whether an import named <paramref name="name"/> marks its module as emscripten's: an import no other toolchain
    /// emits (WASI's names alone do not).
    /// </summary>
    public static bool IsEmscriptenOnly(string module, string name) =>
        module != WasiModule && (name.StartsWith(SyscallPrefix, StringComparison.Ordinal) || (Signatures.ContainsKey(name) && !name.StartsWith("fd_", StringComparison.Ordinal)
            && !name.StartsWith("environ_", StringComparison.Ordinal) && !name.StartsWith("clock_", StringComparison.Ordinal) && name != "proc_exit" && name != "abort"));
}
