namespace Bindgen.Generator.Model;

/// <summary>The calling conventions, as <c>Bindgen.WasmAbi</c> numbers them.</summary>
internal enum AbiKind
{
    C = 0,
    Canonical = 1,
    WasmBindgen = 2,
}

/// <summary>A function's WIT type under the canonical ABI: its parameters' types and its result's (null for none).</summary>
internal sealed record CanonicalSignature(EquatableArray<WitType> Parameters, WitType? Result);
