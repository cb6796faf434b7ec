using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Abi.C.Emscripten;

/// <summary>
/// A C binding with emscripten's glue (<c>[WasmModule(Glue = "x.js")]</c>): the declared C names become the module's
/// minified ones (exports, memory, <c>malloc</c>/<c>free</c>, the constructors), and the minified import names are kept
/// for the runtime, which provides emscripten's imports by their real names. Runs before the module check, which then
/// sees the names the module has.
/// </summary>
internal static class EmscriptenBinder
{
    public static ModuleModel Bind(ModuleModel module, EquatableArray<AbiInput> inputs)
    {
        if (module.Kind != BindingKind.Exports || module.Abi is not CModule { Glue: { Length: > 0 } glueName } part)
        {
            return module;
        }

        EmscriptenGlue[] glues = inputs.AsSpan().ToArray().OfType<EmscriptenGlue>().ToArray();
        EmscriptenGlue? glue = glues.FirstOrDefault(g => string.Equals(g.FileName, glueName, StringComparison.Ordinal))
            ?? glues.FirstOrDefault(g => string.Equals(g.FileName, glueName, StringComparison.OrdinalIgnoreCase));
        if (glue is null)
        {
            string reason = $"add the package's '{glueName}' to the project as an AdditionalFiles item";
            DiagnosticInfo missing = ParseSupport.Diagnostic(DiagnosticDescriptors.GlueNotFound, part.GlueLocation ?? module.Location, module.InterfaceName, reason);
            return module with { Diagnostics = module.Diagnostics.Concat(new[] { missing }).ToEquatableArray() };
        }

        // A name the interface gives explicitly wins; a C name the glue knows becomes its minified export.
        ConventionNames names = part.Convention ?? new ConventionNames(null, null, null);
        var convention = new ConventionNames(
            names.Memory ?? glue.Memory,
            names.Malloc ?? glue.ExportOf("malloc"),
            names.Free ?? glue.ExportOf("free"));
        MethodModel[] methods = module.Methods.Select(m => glue.ExportOf(m.ExportName) is { } minified ? m with { ExportName = minified } : m).ToArray();
        var importNames = new List<string>();
        foreach (string import in glue.Imports)
        {
            importNames.AddRange(import.Split('\t'));
        }

        return module with
        {
            Methods = methods.ToEquatableArray(),
            Initialize = module.Initialize ?? glue.Constructors,
            Abi = part with
            {
                Convention = convention.Memory is null && convention.Malloc is null && convention.Free is null ? null : convention,
                ImportNames = importNames.ToEquatableArray(),
            },
        };
    }
}
