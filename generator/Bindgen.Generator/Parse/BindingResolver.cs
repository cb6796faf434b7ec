using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Parse;

/// <summary>
/// Looks at every binding of the compilation together: two bindings that would generate the same class are
/// both refused (BG0009), and every generated file gets a hint name that no other one shares, compared as the
/// compiler compares them (ignoring case), so one clash never takes the other bindings down with it.
/// </summary>
internal static class BindingResolver
{
    public static ImmutableArray<ModuleModel> Resolve(ImmutableArray<ModuleModel> modules, ImmutableArray<ModuleModel> imports)
    {
        ModuleModel[] all = modules.Concat(imports).ToArray();

        foreach (IGrouping<string, int> clash in Enumerable.Range(0, all.Length)
            .Where(i => all[i].CanEmit)
            .GroupBy(i => all[i].QualifiedClassName, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToArray())
        {
            int[] members = clash.ToArray();
            foreach (int i in members)
            {
                string others = string.Join(" and ", members.Where(j => j != i).Select(j => $"{AttributeName(all[j])} interface '{all[j].InterfaceName}'"));
                DiagnosticInfo diagnostic = ParseSupport.Diagnostic(DiagnosticDescriptors.ClassNameClash, all[i].Location,
                    all[i].InterfaceName, AttributeName(all[i]), all[i].ClassName, others + " also generates");
                all[i] = all[i] with { CanEmit = false, Diagnostics = all[i].Diagnostics.Append(diagnostic).ToEquatableArray() };
            }
        }

        // Distinct classes whose names differ only in case (IAbc and IABC) would share a hint name on a
        // case-insensitive comparison: the first (in ordinal order) keeps it, the others get a number.
        foreach (IGrouping<string, int> group in Enumerable.Range(0, all.Length)
            .Where(i => all[i].CanEmit)
            .GroupBy(i => all[i].HintName, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .ToArray())
        {
            int[] ordered = group.OrderBy(i => all[i].HintName, StringComparer.Ordinal).ThenBy(i => all[i].Kind).ToArray();
            for (int n = 1; n < ordered.Length; n++)
            {
                ModuleModel model = all[ordered[n]];
                string stem = model.HintName.Substring(0, model.HintName.Length - ".g.cs".Length);
                all[ordered[n]] = model with { HintName = stem + "." + (n + 1).ToString(CultureInfo.InvariantCulture) + ".g.cs" };
            }
        }

        return all.ToImmutableArray();
    }

    private static string AttributeName(ModuleModel model) => model.Kind == BindingKind.Exports ? "[WasmModule]" : "[WasmImports]";
}
