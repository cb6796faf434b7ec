using System;
using System.Collections.Generic;
using Bindgen.Generator.Check;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>The component model's canonical ABI: WIT types, flattening, cabi_realloc and cabi_post_*.</summary>
internal sealed class CanonicalBackend : IAbiBackend
{
    public static readonly CanonicalBackend Instance = new();

    private CanonicalBackend()
    {
    }

    public AbiKind Kind => AbiKind.Canonical;

    public string? Unsupported(BindingKind kind) => null;

    public ModuleAbi ParseModule(BindingInfo binding, INamedTypeSymbol type, AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics) =>
        CanonicalModule.Instance;

    /// <summary>No: a nested interface is reported as a member that cannot be bound.</summary>
    public bool BindsNestedInterfaces => false;

    /// <summary>No: two signatures for one wasm function cannot both be right.</summary>
    public bool OverloadsShareAnExport => false;

    public MethodModel? ParseMethod(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation) =>
        CanonicalMethodParser.Parse(parser, method, methodLocation);

    public bool ChecksDescription => true;

    /// <summary>The C convention's allocator and "looks like another ABI" checks do not apply: the canonical ABI needs cabi_realloc instead.</summary>
    public void CheckDescription(ModuleModel module, DescriptionContext description, List<DiagnosticInfo> diagnostics)
    {
    }

    public bool ReadsInput(string path) => false;

    public AbiInput ReadInput(string fileName, string text) => throw new NotSupportedException("the canonical ABI reads no additional files");

    public ModuleModel Bind(ModuleModel module, EquatableArray<AbiInput> inputs) => module;

    public string EmitExports(ModuleModel module) => CanonicalEmitter.Emit(module);

    public string EmitImports(ModuleModel module) => CanonicalImportsEmitter.Emit(module);
}
