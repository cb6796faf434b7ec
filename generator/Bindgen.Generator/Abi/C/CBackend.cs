using System;
using System.Collections.Generic;
using Bindgen.Generator.Abi.C.Emscripten;
using Bindgen.Generator.Check;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;
using static Bindgen.Generator.Parse.ParseSupport;

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

    public ModuleAbi ParseModule(BindingInfo binding, INamedTypeSymbol type, AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics) =>
        binding.Kind == BindingKind.Exports && HasNamedArgument(attribute, "Glue")
            ? new CModule(ConventionNames.Read(attribute), ModuleParser.ModuleFileName(NamedString(attribute, "Glue")), AttributeArgumentLocation(attribute, "Glue") ?? typeLocation)
            : new CModule(ConventionNames.Read(attribute));

    /// <summary>No: a nested interface is reported as a member that cannot be bound.</summary>
    public bool BindsNestedInterfaces => false;

    /// <summary>No: two signatures for one wasm function cannot both be right.</summary>
    public bool OverloadsShareAnExport => false;

    public MethodModel? ParseMethod(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation) =>
        CMethodParser.Parse(parser, method, methodLocation);

    public bool ChecksDescription => true;

    public void CheckDescription(ModuleModel module, DescriptionContext description, List<DiagnosticInfo> diagnostics)
    {
        CModuleCheck.CheckAllocator(module, description, diagnostics);
        CModuleCheck.CheckOtherAbis(module, description.FileName, description.FunctionNames, diagnostics);
    }

    /// <summary>JavaScript files: emscripten's glue, for a binding that names it (its minified names).</summary>
    public bool ReadsInput(string path) =>
        path.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase);

    public AbiInput ReadInput(string fileName, string text) => EmscriptenGlueReader.Read(fileName, text);

    public ModuleModel Bind(ModuleModel module, EquatableArray<AbiInput> inputs) => EmscriptenBinder.Bind(module, inputs);

    public string EmitExports(ModuleModel module) => ModuleEmitter.Emit(module);

    public string EmitImports(ModuleModel module) => ImportsEmitter.Emit(module);
}
