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

        context.RegisterSourceOutput(modules, static (spc, module) => Execute(spc, module));
        context.RegisterSourceOutput(imports, static (spc, module) => Execute(spc, module));
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
        try
        {
            foreach (DiagnosticInfo info in module.Diagnostics)
            {
                context.ReportDiagnostic(ToDiagnostic(info));
            }

            if (!module.HasErrors)
            {
                string source = module.Kind == BindingKind.Exports ? ModuleEmitter.Emit(module) : ImportsEmitter.Emit(module);
                context.AddSource(module.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, module.InterfaceName, e.GetType().Name + ": " + e.Message));
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
}
