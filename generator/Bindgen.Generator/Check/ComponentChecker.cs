using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Abi.Component;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Check;

/// <summary>
/// Checks a [WasmModule(File = "x.component.wasm", Abi = WasmAbi.Canonical)] interface against the build's description
/// of that component (a <c>BindgenComponent</c> item): each method must call a function the component lifts, named as
/// wit-component names the core export (<c>namespace:package/interface@version#function</c>, or the bare name at world
/// level), with the WIT signature the method's C# signature derives. A binding with another ABI cannot call a component.
/// </summary>
internal static class ComponentChecker
{
    /// <summary>Whether <paramref name="module"/>'s File names a described component; if so its findings are in <paramref name="diagnostics"/>.</summary>
    public static bool TryCheck(ModuleModel module, EquatableArray<ComponentFile> components, List<DiagnosticInfo> diagnostics)
    {
        string file = module.File!;
        ComponentFile? component = components.FirstOrDefault(c => string.Equals(c.FileName, file, StringComparison.Ordinal))
            ?? components.FirstOrDefault(c => string.Equals(c.FileName, file, StringComparison.OrdinalIgnoreCase));
        if (component is null)
        {
            return false;
        }

        LocationInfo? fileLocation = module.FileLocation ?? module.Location;
        if (module.Abi.Kind != AbiKind.Canonical)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ComponentNeedsCanonicalAbi, fileLocation, component.FileName, module.InterfaceName));
            return true;
        }

        if (component.Error is not null)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ModuleFileNotFound, fileLocation, file, component.Error));
            return true;
        }

        var types = new ComponentTypes(component, Containers(component));
        var exported = component.Functions.Where(f => f.IsExport).ToDictionary(CoreName, f => f, StringComparer.Ordinal);
        foreach (MethodModel method in module.Methods)
        {
            if (!exported.TryGetValue(method.ExportName, out DescribedFunction? function))
            {
                IReadOnlyList<string> closest = SignatureAdvice.ClosestNames(method.ExportName, exported.Keys);
                string hint = closest.Count > 0 ? "; did you mean " + string.Join(" or ", closest.Select(n => "'" + n + "'")) + "?"
                    : exported.Count == 0 ? "; it exports no functions"
                    : "; it exports " + string.Join(", ", exported.Keys.OrderBy(n => n, StringComparer.Ordinal).Take(20).Select(n => "'" + n + "'"));
                diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ComponentExportNotFound, method.Location, method.Name, method.ExportName, component.FileName, hint));
                continue;
            }

            CheckSignature(method, function, types, component.FileName, diagnostics);
        }

        return true;
    }

    /// <summary>The core export name wit-component gives a lifted function: <c>interface#function</c>, or the function alone at world level.</summary>
    public static string CoreName(DescribedFunction function) =>
        function.Interface is null ? function.Name : function.Interface + "#" + function.Name;

    private static void CheckSignature(MethodModel method, DescribedFunction function, ComponentTypes types, string file, List<DiagnosticInfo> diagnostics)
    {
        CanonicalSignature declared = method.Canonical();
        var exportedParameters = new List<WitType>();
        foreach (DescribedParameter p in function.Parameters)
        {
            if (types.Get(p.Type) is not { } t)
            {
                return; // the component's own binding reports a type it cannot map (BG0030)
            }

            exportedParameters.Add(t.Wit);
        }

        WitType? exportedResult = null;
        if (function.Result is { } r)
        {
            if (types.Get(r) is not { } t)
            {
                return;
            }

            exportedResult = t.Wit;
        }

        string expected = Spell(declared.Parameters.ToList(), declared.Result, null);
        string found = Spell(exportedParameters, exportedResult, function.Parameters.Select(p => p.Name).ToList());
        string? difference = null;
        if (declared.Parameters.Count != exportedParameters.Count)
        {
            difference = $"the method has {declared.Parameters.Count} parameter(s), the function {exportedParameters.Count}";
        }
        else
        {
            for (int i = 0; i < exportedParameters.Count && difference is null; i++)
            {
                if (Shape(declared.Parameters[i]) != Shape(exportedParameters[i]))
                {
                    difference = $"parameter {i + 1} ('{method.Parameters[i].PlainName}') is {Shape(declared.Parameters[i])}, the function's '{function.Parameters[i].Name}' is {Shape(exportedParameters[i])}";
                }
            }
        }

        string declaredResult = declared.Result is null ? "nothing" : Shape(declared.Result);
        string exportedResultText = exportedResult is null ? "nothing" : Shape(exportedResult);
        if (difference is null && declaredResult != exportedResultText)
        {
            difference = $"the method returns {declaredResult}, the function {exportedResultText}";
        }

        if (difference is not null)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.ComponentSignatureMismatch, method.Location, method.Name, method.ExportName, expected, file, found, difference));
        }
    }

    private static string Spell(IReadOnlyList<WitType> parameters, WitType? result, IReadOnlyList<string>? names) =>
        "func(" + string.Join(", ", parameters.Select((p, i) => (names is null ? string.Empty : names[i] + ": ") + Shape(p))) + ")"
        + (result is null ? string.Empty : " -> " + Shape(result));

    /// <summary>
    /// A WIT type's structure, which is all the canonical ABI lays out: records and variants by their fields' and cases'
    /// types, enums and flags by their number of cases (names are C#'s on one side and WIT's on the other).
    /// </summary>
    internal static string Shape(WitType type) => type.Kind switch
    {
        WitKind.List => $"list<{Shape(type.Elements[0])}>",
        WitKind.Option => $"option<{Shape(type.Elements[0])}>",
        WitKind.Result => $"result<{Shape(type.Elements[0])}, {Shape(type.Elements[1])}>",
        WitKind.Tuple => "tuple<" + string.Join(", ", type.Elements.Select(Shape)) + ">",
        WitKind.Record => "record { " + string.Join(", ", type.Members.Select(m => m.Type is null ? "_" : Shape(m.Type))) + " }",
        WitKind.Variant => "variant { " + string.Join(", ", type.Members.Select(m => m.Type is null ? "case" : "case(" + Shape(m.Type) + ")")) + " }",
        WitKind.Enum => $"enum of {type.Members.Count} cases",
        WitKind.Flags => $"flags of {type.Members.Count}",
        WitKind.Unit => "_",
        _ => type.Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Any C# containers will do: only the types' structure is compared.</summary>
    private static Dictionary<string, string> Containers(ComponentFile component)
    {
        var containers = new Dictionary<string, string>(StringComparer.Ordinal) { ["-"] = "global::__World" };
        foreach (DescribedInterface i in component.Interfaces)
        {
            containers[i.Name] = "global::__I" + containers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return containers;
    }
}
