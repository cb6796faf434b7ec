namespace Bindgen;

/// <summary>The calling convention a binding follows at the WebAssembly boundary.</summary>
public enum WasmAbi
{
    /// <summary>Bindgen's C convention (docs/abi.md): <c>malloc</c>/<c>free</c>, return areas. The default.</summary>
    C = 0,

    /// <summary>
    /// The component model's canonical ABI (docs/canonical-abi.md): the convention wit-bindgen and every component
    /// toolchain produce for a core module, with <c>cabi_realloc</c> and <c>cabi_post_*</c>.
    /// </summary>
    Canonical = 1,

    /// <summary>
    /// wasm-bindgen's convention (Rust packages published on npm): set <see cref="WasmModuleAttribute.Glue"/> to the
    /// package's JavaScript glue. See docs/wasm-bindgen.md.
    /// </summary>
    WasmBindgen = 2,
}
