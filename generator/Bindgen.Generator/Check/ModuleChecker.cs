using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Abi;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Check;

/// <summary>
/// Checks a [WasmModule(File = ...)] interface against the build's description of that module: every method's
/// export and signature, the initializer, what the binding's ABI checks on its own (<see cref="IAbiBackend.CheckDescription"/>),
/// and (for information) what the interface leaves unbound and which imports nothing in the compilation provides. Every
/// finding is added to the model's diagnostics, so all mismatches of an interface appear in one build.
/// </summary>
internal static class ModuleChecker
{
    /// <summary>The C convention's allocator exports (docs/abi.md section 1): the convention's, not the interface's to bind.</summary>
    internal const string MallocExport = "malloc";
    internal const string FreeExport = "free";
    private const string DefaultInitialize = "_initialize";
    private const int MaxListed = 20;

    public static ModuleModel Check(ModuleModel module, EquatableArray<ModuleDescription> descriptions, EquatableArray<string> providedImports, EquatableArray<Abi.Component.ComponentFile> components = default)
    {
        // An ABI may check its own way (wasm-bindgen against its glue).
        if (module.Kind != BindingKind.Exports || module.File is null || AbiBackends.For(module) is not { ChecksDescription: true })
        {
            return module;
        }

        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            // A component (a BindgenComponent item) is checked by its WIT functions, a module by its core exports.
            if (!HasModule(descriptions, module.File!) && ComponentChecker.TryCheck(module, components, diagnostics))
            {
                return diagnostics.Count == 0 ? module : module with { Diagnostics = module.Diagnostics.Concat(diagnostics).ToEquatableArray() };
            }

            CheckAgainst(module, descriptions, providedImports, diagnostics);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A generator must never throw into the compiler: report the failure at the interface instead.
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.InternalError, module.Location, module.InterfaceName, e.GetType().Name + ": " + e.Message));
        }

        return diagnostics.Count == 0 ? module : module with { Diagnostics = module.Diagnostics.Concat(diagnostics).ToEquatableArray() };
    }

    private static bool HasModule(EquatableArray<ModuleDescription> descriptions, string file) =>
        descriptions.Any(d => string.Equals(d.FileName, file, StringComparison.OrdinalIgnoreCase));

    private static void CheckAgainst(ModuleModel module, EquatableArray<ModuleDescription> descriptions, EquatableArray<string> providedImports, List<DiagnosticInfo> diagnostics)
    {
        string file = module.File!;
        LocationInfo? fileLocation = module.FileLocation ?? module.Location;
        ModuleDescription? description = descriptions.FirstOrDefault(d => string.Equals(d.FileName, file, StringComparison.Ordinal))
            ?? descriptions.FirstOrDefault(d => string.Equals(d.FileName, file, StringComparison.OrdinalIgnoreCase));
        if (description is null || description.Error is not null)
        {
            string reason = description?.Error
                ?? (file.Length == 0 ? "the file name is empty"
                : file.IndexOf(".component.", StringComparison.OrdinalIgnoreCase) >= 0
                    ? $"add <BindgenComponent Include=\"path/to/{file}\" /> (a component) or <BindgenModule Include=\"path/to/{file}\" /> (a core module) to the project file"
                : $"add <BindgenModule Include=\"path/to/{file}\" /> to the project file"
                    + (descriptions.Count == 0 ? string.Empty : "; the build describes " + Quoted(descriptions.Select(d => d.FileName).OrderBy(n => n, StringComparer.Ordinal))));
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ModuleFileNotFound, fileLocation, file, reason));
            return;
        }

        var exports = new Dictionary<string, DescribedItem>(StringComparer.Ordinal);
        foreach (DescribedItem export in description.Exports)
        {
            if (!exports.ContainsKey(export.Name))
            {
                exports.Add(export.Name, export);
            }
        }

        string[] functionNames = description.Exports.Where(e => e.Kind == "function").Select(e => e.Name).ToArray();
        var context = new DescriptionContext(description.FileName, exports, functionNames, description.Imports);
        if (module.Abi is Abi.WasmBindgen.WasmBindgenModule)
        {
            // A wasm-bindgen method names the glue's function, whose wrapper calls a core export of another name, and the
            // glue provides the imports: the ABI checks the core exports alone.
            AbiBackends.For(module)!.CheckDescription(module, context, diagnostics);
            return;
        }

        foreach (MethodModel method in module.Methods)
        {
            CheckMethod(method, description.FileName, exports, functionNames, diagnostics);
        }

        CheckInitializer(module, description.FileName, exports, functionNames, diagnostics);
        AbiBackends.For(module)!.CheckDescription(module, context, diagnostics);
        ListUnbound(module, description.FileName, functionNames, diagnostics);
        ListUnprovidedImports(module, description, providedImports, diagnostics);
    }

    private static void CheckMethod(MethodModel method, string file, Dictionary<string, DescribedItem> exports, string[] functionNames, List<DiagnosticInfo> diagnostics)
    {
        string expected = method.Lowered.Text;
        if (!exports.TryGetValue(method.ExportName, out DescribedItem? export))
        {
            IReadOnlyList<string> closest = SignatureAdvice.ClosestNames(method.ExportName, functionNames);
            string hint = closest.Count > 0 ? "; did you mean " + string.Join(" or ", closest.Select(n => "'" + n + "'")) + "?"
                : functionNames.Length == 0 ? "; it exports no functions"
                : "; its function exports are " + Quoted(functionNames.OrderBy(n => n, StringComparer.Ordinal));
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ExportNotFound, method.Location, $"Method '{method.Name}'", method.ExportName, file, hint));
            return;
        }

        if (export.Kind != "function")
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ExportSignatureMismatch, method.Location, $"Method '{method.Name}'", method.ExportName, expected, file,
                $"a {export.Kind} of that name", "Only functions can be called; name the function with [WasmExport(\"...\")]."));
            return;
        }

        if (export.Detail != expected)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ExportSignatureMismatch, method.Location, $"Method '{method.Name}'", method.ExportName, expected, file,
                "it as " + export.Detail, SignatureAdvice.Reason(export.Detail, expected)));
        }
    }

    /// <summary>
    /// A named initializer (Initialize = "...") must be exported as <c>() -&gt; ()</c>, as the runtime requires when the
    /// binding is created; the default <c>_initialize</c> is optional, and <c>""</c> calls none.
    /// </summary>
    private static void CheckInitializer(ModuleModel module, string file, Dictionary<string, DescribedItem> exports, string[] functionNames, List<DiagnosticInfo> diagnostics)
    {
        string? name = module.Initialize;
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        LocationInfo? location = module.InitializeLocation ?? module.Location;
        const string Who = "The initializer (Initialize)";
        const string Expected = "() -> ()";
        if (!exports.TryGetValue(name!, out DescribedItem? export))
        {
            IReadOnlyList<string> closest = SignatureAdvice.ClosestNames(name!, functionNames);
            string hint = closest.Count > 0 ? "; did you mean " + string.Join(" or ", closest.Select(n => "'" + n + "'")) + "?" : "; leave Initialize unset to call _initialize when exported, or set it to \"\" to call none";
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ExportNotFound, location, Who, name!, file, hint));
        }
        else if (export.Kind != "function" || export.Detail != Expected)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ExportSignatureMismatch, location, Who, name!, Expected, file,
                export.Kind == "function" ? "it as " + export.Detail : $"a {export.Kind} of that name", "An initializer takes no parameters and returns nothing."));
        }
    }

    private static void ListUnbound(ModuleModel module, string file, string[] functionNames, List<DiagnosticInfo> diagnostics)
    {
        // The allocator and the initializer are the convention's, not the interface's to bind: neither counted nor listed.
        var convention = new HashSet<string>(StringComparer.Ordinal) { MallocExport, FreeExport, module.Initialize ?? DefaultInitialize };
        var bound = new HashSet<string>(module.Methods.Select(m => m.ExportName), StringComparer.Ordinal);
        string[] callable = functionNames.Where(n => !convention.Contains(n)).Distinct().ToArray();
        string[] unbound = callable.Where(n => !bound.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        if (unbound.Length > 0)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.UnboundExports, module.Location, module.InterfaceName,
                (callable.Length - unbound.Length).ToString(CultureInfo.InvariantCulture), callable.Length.ToString(CultureInfo.InvariantCulture), file, Quoted(unbound)));
        }
    }

    private static void ListUnprovidedImports(ModuleModel module, ModuleDescription description, EquatableArray<string> providedImports, List<DiagnosticInfo> diagnostics)
    {
        var provided = new HashSet<string>(providedImports, StringComparer.Ordinal);
        // The runtime completes some imports itself: a memory (created from the import's limits), and for an emscripten
        // module the emscripten imports it implements.
        EmscriptenImports emscripten = EmscriptenImports.Of(module, description);
        DescribedItem[] missing = description.Imports
            .Where(i => !(i.Kind == "function" && provided.Contains(ImportKey(i.Module!, i.Name))) && !emscripten.Provides(i))
            .ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        if (emscripten.IsEmscripten)
        {
            // The module instantiates without them; each throws UnresolvedImportException if the guest calls it.
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.UnprovidedImports, module.Location, description.FileName,
                List(missing.Select(emscripten.Describe)),
                ": the runtime provides emscripten's standard imports, not these; the module instantiates without them, and a call to one throws UnresolvedImportException"));
            return;
        }

        bool wasi = missing.Any(i => i.Module is "wasi_snapshot_preview1" or "wasi_unstable");
        diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.UnprovidedImports, module.Location, description.FileName,
            List(missing.Select(i => $"{i.Module}.{i.Name} ({i.Kind})")),
            wasi ? " (for WASI: linker.DefineWasi() and a WASI configuration on the store)" : string.Empty));
    }

    /// <summary>How a [WasmImports] method's import is keyed: module name and import name.</summary>
    public static string ImportKey(string module, string name) => module + "\t" + name;

    internal static string Quoted(IEnumerable<string> names) => List(names.Select(n => "'" + n + "'"));

    private static string List(IEnumerable<string> items)
    {
        string[] all = items.ToArray();
        string shown = string.Join(", ", all.Take(MaxListed));
        return all.Length > MaxListed ? shown + $" and {all.Length - MaxListed} more" : shown;
    }
}

/// <summary>The build's description of one module, as an ABI's own checks read it.</summary>
/// <param name="FileName">The described module's file name, for messages.</param>
/// <param name="Exports">Its exports by name (the first of a name).</param>
/// <param name="FunctionNames">The names of its function exports, in order.</param>
/// <param name="Imports">Its imports, in order.</param>
internal sealed record DescriptionContext(string FileName, IReadOnlyDictionary<string, DescribedItem> Exports, string[] FunctionNames, EquatableArray<DescribedItem> Imports);
