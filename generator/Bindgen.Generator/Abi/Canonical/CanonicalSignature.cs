using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>What only the canonical ABI reads of a binding: nothing beyond the core model yet (resources will add here).</summary>
internal sealed record CanonicalModule : ModuleAbi
{
    public static readonly CanonicalModule Instance = new();

    private CanonicalModule()
        : base(AbiKind.Canonical)
    {
    }
}

/// <summary>A function's WIT type under the canonical ABI: its parameters' types and its result's (null for none).</summary>
internal sealed record CanonicalSignature(EquatableArray<WitType> Parameters, WitType? Result) : MethodAbi;

/// <summary>Typed access to the canonical ABI's part of a method.</summary>
internal static class CanonicalModelAccess
{
    /// <summary>The method's WIT types.</summary>
    public static CanonicalSignature Canonical(this MethodModel method) => (CanonicalSignature)method.Abi;
}
