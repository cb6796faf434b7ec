namespace Bindgen.Generator.Model;

/// <summary>The calling conventions, as <c>Bindgen.WasmAbi</c> numbers them.</summary>
internal enum AbiKind
{
    C = 0,
    Canonical = 1,
    WasmBindgen = 2,
}
