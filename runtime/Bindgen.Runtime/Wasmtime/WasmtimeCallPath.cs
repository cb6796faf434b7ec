namespace Bindgen;

/// <summary>
/// Which way the runtime calls into Wasmtime in this process: directly into Wasmtime's native library (export calls,
/// guest memory's base and length, an import caller's memory), or through Wasmtime's public .NET API. Both give the
/// same results and exceptions; the direct paths cost less per call.
/// </summary>
/// <remarks>
/// The direct paths are on when a probe at first use proved, through Wasmtime's public API and its C API, every
/// native layout and field they rely on, with whatever Wasmtime version is loaded; set the environment variable
/// <see cref="EnvironmentVariable"/> to <c>off</c> to use the public API only.
/// </remarks>
public static class WasmtimeCallPath
{
    /// <summary>The environment variable that turns the direct paths off when set to <c>off</c>, <c>0</c> or <c>false</c>.</summary>
    public const string EnvironmentVariable = WasmtimeLayout.Switch;

    /// <summary>Whether the direct paths are in use.</summary>
    public static bool Direct => WasmtimeLayout.Proven;

    /// <summary>The path in use and, when it is the public API, why (for logs and bug reports).</summary>
    public static string Description => WasmtimeLayout.Description;
}
