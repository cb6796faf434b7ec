using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>A function's WIT type under the canonical ABI: its parameters' types and its result's (null for none).</summary>
internal sealed record CanonicalSignature(EquatableArray<WitType> Parameters, WitType? Result);
