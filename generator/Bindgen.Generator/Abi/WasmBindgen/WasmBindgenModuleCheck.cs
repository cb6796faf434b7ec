using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Check;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = ..., File = ...)] checked against the build's description of the
/// <c>.wasm</c>: each bound function's core export (the one its glue wrapper calls) must exist with the core signature
/// the glue calls it with, and each bound class's free export likewise. A glue and a module from different builds of
/// a package are then a compile error at the method instead of a <c>BindingException</c> when the binding is created.
/// The interface's own names are the glue's, so the core's per-method check, unbound list and import list do not apply.
/// </summary>
internal static class WasmBindgenModuleCheck
{
    public static void Check(ModuleModel module, DescriptionContext description, List<DiagnosticInfo> diagnostics)
    {
        // Without the glue (BG0023/BG0026 say why) nothing is known of the core exports.
        if (module.WasmBindgen() is not { Bound: { } glue } part)
        {
            return;
        }

        foreach (MethodModel method in module.Methods.Concat(part.Classes.SelectMany(c => c.Members)))
        {
            if (method.WasmBindgen().Export is { } export)
            {
                CheckExport($"Method '{method.Name}' (through the glue's '{export.JsName}')", export.WasmName, method.Lowered.Text, method.Location, glue.FileName, description, diagnostics);
            }
        }

        foreach (WasmBindgenClass cls in part.Classes)
        {
            if (cls.Bound is { Free: { } free } bound)
            {
                CheckExport($"Class '{cls.Name}' (disposing)", free, bound.FreeTakesFlag ? "(i32, i32) -> ()" : "(i32) -> ()", cls.Location ?? module.Location, glue.FileName, description, diagnostics);
            }
        }
    }

    private static void CheckExport(string who, string name, string expected, LocationInfo? location, string glueFile, DescriptionContext description, List<DiagnosticInfo> diagnostics)
    {
        if (!description.Exports.TryGetValue(name, out DescribedItem? found))
        {
            IReadOnlyList<string> closest = SignatureAdvice.ClosestNames(name, description.FunctionNames);
            string hint = $"; the glue '{glueFile}' calls it, so the glue and the module are from different builds of the package"
                + (closest.Count > 0 ? " (the module has " + string.Join(" and ", closest.Select(n => "'" + n + "'")) + ")" : string.Empty);
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ExportNotFound, location, who, name, description.FileName, hint));
            return;
        }

        if (found.Kind != "function" || found.Detail != expected)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ExportSignatureMismatch, location, who, name, expected, description.FileName,
                found.Kind == "function" ? "it as " + found.Detail : $"a {found.Kind} of that name",
                $"The signature is the one the glue '{glueFile}' calls the export with; use the .wasm and the glue of the same build of the package."));
        }
    }
}
