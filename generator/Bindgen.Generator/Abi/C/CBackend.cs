using System;
using System.Collections.Generic;
using Bindgen.Generator.Check;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.C;

/// <summary>The C convention (the default): the guest's malloc and free, marshallers per type shape, the stage driver.</summary>
internal sealed class CBackend : IAbiBackend
{
    public static readonly CBackend Instance = new();

    private CBackend()
    {
    }

    public AbiKind Kind => AbiKind.C;

    public string? Unsupported(BindingKind kind) => null;

    public ModuleAbi ParseModule(BindingInfo binding, AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics) =>
        new CModule(ConventionNames.Read(attribute));

    public MethodModel? ParseMethod(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation) =>
        CMethodParser.Parse(parser, method, methodLocation);

    public bool ChecksDescription => true;

    public void CheckDescription(ModuleModel module, DescriptionContext description, List<DiagnosticInfo> diagnostics)
    {
        CModuleCheck.CheckAllocator(module, description.FileName, description.Exports, diagnostics);
        CModuleCheck.CheckOtherAbis(module, description.FileName, description.FunctionNames, diagnostics);
    }

    public bool ReadsInput(string path) => false;

    public AbiInput ReadInput(string fileName, string text) => throw new NotSupportedException("the C convention reads no additional files");

    public ModuleModel Bind(ModuleModel module, EquatableArray<AbiInput> inputs) => module;

    public string EmitExports(ModuleModel module) => ModuleEmitter.Emit(module);

    public string EmitImports(ModuleModel module) => ImportsEmitter.Emit(module);
}
