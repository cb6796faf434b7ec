using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// Composed components: a function one inner component lifts, lowered into another (what <c>wac</c> and
/// <c>wasm-tools compose</c> produce). Wasmtime fuses the lift and the lower into one adapter; the plan records the
/// pair as an <see cref="AdapterStep"/>, which the generated glue runs as lift-from-the-caller, call-the-callee.
/// </summary>
internal sealed partial class ComponentFlattener
{
    /// <summary>The core function of a fused adapter for <paramref name="func"/>, lowered with the caller's <paramref name="options"/>.</summary>
    private CoreDefItem Adapt(CanonLower lower, FuncItem func, CanonicalOptions options)
    {
        string? problem = func.Lift is null ? "Bindgen cannot trace it to a lift or a host import" : AdapterProblem(func.Type);
        if (func.Lift is not { } callee || problem is not null)
        {
            Report("adapter", lower.Offset, $"canon lower of the function '{func.Name ?? "?"}'{(func.Lift is null ? string.Empty : ", which another component lifts")}: {problem}");
            return new CoreDefItem(new CoreDef("builtin", -1, "adapter", -1));
        }

        int number = Lowerings++;
        Plan.Add(new AdapterStep(number, func.Name ?? "adapter-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture), func.Type, options, callee.Core, callee.Options));
        return new CoreDefItem(new CoreDef("lowered", -1, string.Empty, number));
    }

    /// <summary>What an adapter cannot pass yet: handles (they move between two components' tables).</summary>
    private static string? AdapterProblem(WitFunction type)
    {
        if (type.Async)
        {
            return "it is async, which is not supported yet";
        }

        var seen = new HashSet<WitType>();
        foreach ((string _, WitType parameter) in type.Parameters)
        {
            if (HoldsHandle(parameter, seen))
            {
                return "it passes a resource handle between the two components, which Bindgen does not support yet";
            }
        }

        return type.Result is { } result && HoldsHandle(result, seen)
            ? "it returns a resource handle from one component to the other, which Bindgen does not support yet"
            : null;
    }

    private static bool HoldsHandle(WitType type, HashSet<WitType> seen)
    {
        if (!seen.Add(type))
        {
            return false;
        }

        switch (type)
        {
            case WitNamed named:
                return HoldsHandle(named.Target, seen);
            case WitResource:
                return true;
            case WitDefined defined:
                if (defined.Kind is "own" or "borrow" or "stream" or "future")
                {
                    return true;
                }

                foreach (WitType? inner in defined.Types)
                {
                    if (inner is not null && HoldsHandle(inner, seen))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
