using System;
using System.Collections.Generic;
using Bindgen.Generator.Check;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>wasm-bindgen's modules: the package's JavaScript glue read at build time, its wrappers bound per method.</summary>
internal sealed class WasmBindgenBackend : IAbiBackend
{
    public static readonly WasmBindgenBackend Instance = new();

    private WasmBindgenBackend()
    {
    }

    public AbiKind Kind => AbiKind.WasmBindgen;

    public string? Unsupported(BindingKind kind) =>
        kind == BindingKind.Imports ? "the wasm-bindgen ABI for [WasmImports] (the module's imports come from its glue)" : null;

    public ModuleAbi ParseModule(BindingInfo binding, INamedTypeSymbol type, AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics) =>
        new WasmBindgenModule(
            ModuleParser.ModuleFileName(NamedString(attribute, "Glue")),
            HasNamedArgument(attribute, "Glue") ? AttributeArgumentLocation(attribute, "Glue") ?? typeLocation : typeLocation,
            Classes: binding.Kind == BindingKind.Exports ? WasmBindgenClassParser.Parse(binding, type, diagnostics) : EquatableArray<WasmBindgenClass>.Empty);

    /// <summary>Yes: a nested interface declares an exported class (<see cref="WasmBindgenClassParser"/>).</summary>
    public bool BindsNestedInterfaces => true;

    /// <summary>Yes: an overload without trailing optional arguments passes none for each, as JavaScript passes undefined.</summary>
    public bool OverloadsShareAnExport => true;

    public MethodModel? ParseMethod(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation) =>
        WasmBindgenMethodParser.Parse(parser, method, methodLocation);

    /// <summary>Yes: the core exports the glue calls (<see cref="WasmBindgenModuleCheck"/>); the methods are checked against the glue (<see cref="WasmBindgenBinder"/>).</summary>
    public bool ChecksDescription => true;

    public void CheckDescription(ModuleModel module, DescriptionContext description, List<DiagnosticInfo> diagnostics) =>
        WasmBindgenModuleCheck.Check(module, description, diagnostics);

    /// <summary>The glue of wasm-bindgen packages: the AdditionalFiles that are JavaScript.</summary>
    public bool ReadsInput(string path) =>
        path.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase);

    public AbiInput ReadInput(string fileName, string text) => GlueReader.Read(fileName, text);

    public ModuleModel Bind(ModuleModel module, EquatableArray<AbiInput> inputs) => WasmBindgenBinder.Bind(module, inputs);

    public string EmitExports(ModuleModel module) => WasmBindgenEmitter.Emit(module);

    /// <summary>Never called: <see cref="Unsupported"/> rejects [WasmImports] at parse, so such a binding is not emitted.</summary>
    public string EmitImports(ModuleModel module) => throw new NotSupportedException("the wasm-bindgen ABI has no [WasmImports]");
}
