using System;
using System.Linq;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Bindgen.Generator;

/// <summary>
/// Bindgen's source generator: for every interface marked <c>[Bindgen.WasmModule]</c> it emits a sealed
/// class that calls the module's exports; for every <c>[Bindgen.WasmImports]</c> interface, a static class that
/// registers an implementation as the module's imports. Pipeline: Parse (symbols to <see cref="ModuleModel"/>) then Emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class BindgenGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModuleModel> modules = Bindings(context, ModuleParser.WasmModuleAttribute, ModuleParser.Parse, TrackingNames.Modules);
        IncrementalValuesProvider<ModuleModel> imports = Bindings(context, ModuleParser.WasmImportsAttribute, ModuleParser.ParseImports, TrackingNames.Imports);

        // Class names and hint names must be unique across all bindings: resolve them together, then go back to
        // one item per binding so an edit to one interface re-emits only its file.
        IncrementalValuesProvider<ModuleModel> resolved = modules.Collect()
            .Combine(imports.Collect())
            .SelectMany(static (pair, _) => BindingResolver.Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Resolved);

        context.RegisterSourceOutput(resolved, static (spc, module) => Execute(spc, module));
    }

    /// <summary>One model per interface carrying <paramref name="attribute"/>, as a tracked step.</summary>
    private static IncrementalValuesProvider<ModuleModel> Bindings(
        IncrementalGeneratorInitializationContext context,
        string attribute,
        Func<GeneratorAttributeSyntaxContext, System.Threading.CancellationToken, ModuleModel?> parse,
        string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attribute, static (node, _) => node is TypeDeclarationSyntax, parse)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(trackingName);

    private static void Execute(SourceProductionContext context, ModuleModel module)
    {
        foreach (DiagnosticInfo info in module.Diagnostics)
        {
            context.ReportDiagnostic(ToDiagnostic(info));
        }

        if (!module.CanEmit)
        {
            return;
        }

        try
        {
            string source = module.Abi == AbiKind.Canonical
                ? (module.Kind == BindingKind.Imports ? CanonicalImportsEmitter.Emit(module) : CanonicalEmitter.Emit(module))
                : module.Kind == BindingKind.Imports ? ImportsEmitter.Emit(module) : ModuleEmitter.Emit(module);
            context.AddSource(module.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(ToDiagnostic(new DiagnosticInfo(DiagnosticDescriptors.InternalError.Id, module.Location,
                new[] { module.InterfaceName, e.GetType().Name + ": " + e.Message }.ToEquatableArray())));
        }
    }

    private static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        Location location = info.Location is { } l ? Location.Create(l.FilePath, l.Span, l.LineSpan) : Location.None;
        return Diagnostic.Create(DiagnosticDescriptors.ById[info.Id], location, info.MessageArgs.Cast<object>().ToArray());
    }
}

/// <summary>Tracking names of the pipeline's steps, for incrementality tests.</summary>
public static class TrackingNames
{
    /// <summary>The step that produces one model per [WasmModule] interface.</summary>
    public const string Modules = "Bindgen.Modules";

    /// <summary>The step that produces one model per [WasmImports] interface.</summary>
    public const string Imports = "Bindgen.Imports";

    /// <summary>The step that checks every binding against the others and yields one resolved model each.</summary>
    public const string Resolved = "Bindgen.Resolved";
}
