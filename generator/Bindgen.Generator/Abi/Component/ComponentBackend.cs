using System;
using System.Collections.Generic;
using Bindgen.Generator.Check;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.Component;

/// <summary>
/// Components: bound from the build's description of a <c>BindgenComponent</c> item (docs/component-description.md),
/// not from a declared interface. The declared-interface path only refuses (BG0020, naming the item to use instead);
/// <see cref="RegisterItems"/> adds the pipeline that emits one binding per described component.
/// </summary>
internal sealed class ComponentBackend : IAbiBackend
{
    public static readonly ComponentBackend Instance = new();

    private ComponentBackend()
    {
    }

    public AbiKind Kind => AbiKind.Component;

    public string? Unsupported(BindingKind kind) =>
        "a declared interface for a component: a component is bound from its binary by a <BindgenComponent Include=\"x.component.wasm\" /> item (docs/components.md)";

    public ModuleAbi ParseModule(BindingInfo binding, INamedTypeSymbol type, AttributeData? attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics) =>
        new UnsupportedModuleAbi(AbiKind.Component);


    /// <summary>No: a component binding is generated from its description, not from nested interfaces.</summary>
    public bool BindsNestedInterfaces => false;


    /// <summary>No: two signatures for one wasm function cannot both be right.</summary>

    public bool OverloadsShareAnExport => false;
    public MethodModel? ParseMethod(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation) => null;

    public bool ChecksDescription => false;

    public void CheckDescription(ModuleModel module, DescriptionContext description, List<DiagnosticInfo> diagnostics)
    {
    }

    /// <summary>Component descriptions are read by <see cref="RegisterItems"/>'s own step, so a binding never waits on them.</summary>
    public bool ReadsInput(string path) => false;

    public AbiInput ReadInput(string fileName, string text) => throw new NotSupportedException("components are read by their own pipeline step");

    public ModuleModel Bind(ModuleModel module, EquatableArray<AbiInput> inputs) => module;

    public string EmitExports(ModuleModel module) => throw new NotSupportedException("components are not declared");

    public string EmitImports(ModuleModel module) => throw new NotSupportedException("components are not declared");

    /// <summary>One binding per component description, parsed once per file: an edit to C# code re-emits nothing.</summary>
    public void RegisterItems(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ComponentFile> components = context.AdditionalTextsProvider
            .Where(static text => ComponentFile.IsDescription(text.Path))
            .Select(static (text, cancellationToken) => ComponentFile.Parse(text.Path, text.GetText(cancellationToken)?.ToString()))
            .WithTrackingName(TrackingNames.Components);
        context.RegisterSourceOutput(components, static (spc, file) => ComponentOutput.Execute(spc, file));
    }
}
