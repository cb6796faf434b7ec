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
/// class that calls the module's exports. Pipeline: Parse (symbols to <see cref="ModuleModel"/>) then Emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class BindgenGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModuleModel> modules = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ModuleParser.WasmModuleAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ModuleParser.Parse(ctx, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Modules);

        context.RegisterSourceOutput(modules, static (spc, module) => Execute(spc, module));
    }

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
                context.AddSource(module.HintName, SourceText.From(ModuleEmitter.Emit(module), System.Text.Encoding.UTF8));
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
}
