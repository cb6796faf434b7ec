using System;
using System.Linq;
using Bindgen.Generator.Abi;
using Bindgen.Generator.Abi.Component;
using Bindgen.Generator.Check;
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
/// registers an implementation as the module's imports. Pipeline: Parse (symbols to <see cref="ModuleModel"/>), Resolve
/// (all bindings together), Check (against the build's description of the module, for [WasmModule(File = ...)]), then Emit.
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

        // Modules the build described (<BindgenModule> items, docs/module-description.md): parsed once per file, so
        // an edit to C# code reuses them, and a replaced .wasm (a new description) is checked again.
        IncrementalValueProvider<EquatableArray<ModuleDescription>> descriptions = context.AdditionalTextsProvider
            .Where(static text => ModuleDescription.IsDescription(text.Path))
            .Select(static (text, cancellationToken) => ModuleDescription.Parse(text.Path, text.GetText(cancellationToken)?.ToString()))
            .WithTrackingName(TrackingNames.Descriptions)
            .Collect()
            .Select(static (all, _) => all.OrderBy(d => d.FileName, StringComparer.Ordinal).ToEquatableArray());

        // The imports the compilation's [WasmImports] interfaces register, for the check's list of the others.
        IncrementalValueProvider<EquatableArray<string>> providedImports = resolved
            .Where(static model => model.Kind == BindingKind.Imports && model.CanEmit)
            .SelectMany(static (model, _) => model.Methods.Select(m => ModuleChecker.ImportKey(model.ImportModule ?? string.Empty, m.ExportName)))
            .Collect()
            .Select(static (all, _) => all.Distinct().OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray());

        // Additional files an ABI reads (wasm-bindgen's JavaScript glue, emscripten's), read once by each ABI that reads
        // them: a .js file is wasm-bindgen's glue to one and emscripten's to the other, and each binder takes its own.
        IncrementalValueProvider<EquatableArray<AbiInput>> abiInputs = context.AdditionalTextsProvider
            .Where(static text => AbiBackends.All.Any(b => b.ReadsInput(text.Path)))
            .Select(static (text, cancellationToken) => (Path: text.Path, Text: text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .SelectMany(static (file, _) => AbiBackends.All.Where(b => b.ReadsInput(file.Path))
                .Select(b => b.ReadInput(System.IO.Path.GetFileName(file.Path), file.Text)).ToArray())
            .Collect()
            .Select(static (all, _) => all.OrderBy(i => i.FileName, StringComparer.Ordinal).ThenBy(i => i.GetType().Name, StringComparer.Ordinal).ToEquatableArray());

        // Components the build described (<BindgenComponent> items): a canonical interface may name one with File.
        IncrementalValueProvider<EquatableArray<ComponentFile>> components = context.AdditionalTextsProvider
            .Where(static text => ComponentFile.IsDescription(text.Path))
            .Select(static (text, cancellationToken) => ComponentFile.Parse(text.Path, text.GetText(cancellationToken)?.ToString()))
            .Collect()
            .Select(static (all, _) => all.OrderBy(c => c.FileName, StringComparer.Ordinal).ToEquatableArray());

        // Bound to its ABI's inputs before the check, so the check sees the names the module has (emscripten's glue
        // maps the declared C names to minified ones).
        IncrementalValuesProvider<ModuleModel> checkedModels = resolved
            .Combine(abiInputs)
            .Select(static (input, _) => AbiBackends.For(input.Left) is { } backend ? backend.Bind(input.Left, input.Right) : input.Left)
            .Combine(descriptions)
            .Combine(providedImports)
            .Combine(components)
            .Select(static (input, _) => ModuleChecker.Check(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Checked);

        context.RegisterSourceOutput(checkedModels, static (spc, module) => Execute(spc, module));

        // Components (<BindgenComponent> items): bound from the build's descriptions alone, independent of the C# code.
        ComponentBackend.Instance.RegisterItems(context);
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

        // A binding without a backend (an ABI value not implemented) has a BG error and cannot emit.
        if (!module.CanEmit || AbiBackends.For(module) is not { } backend)
        {
            return;
        }

        try
        {
            string source = module.Kind == BindingKind.Imports ? backend.EmitImports(module) : backend.EmitExports(module);
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

    /// <summary>The step that parses each module description the build passes as an additional file.</summary>
    public const string Descriptions = "Bindgen.Descriptions";

    /// <summary>The step that checks each binding against its module's description (a binding without one passes through).</summary>
    public const string Checked = "Bindgen.Checked";

    /// <summary>The step that parses each component description (one per <c>BindgenComponent</c> item).</summary>
    public const string Components = "Bindgen.Components";
}
