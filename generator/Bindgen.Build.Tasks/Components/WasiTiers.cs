using System.Collections.Generic;
using System.Linq;

namespace Bindgen.Build.Tasks.Components;

/// <summary>How a component that imports WASI runs (docs/components.md, "WASI").</summary>
/// <param name="Bypass">True: its main core module runs on Wasmtime's own WASI preview 1, the adapter left out; false: the fallback.</param>
/// <param name="MainInstance">For the bypass: the core instance every export is lifted from.</param>
/// <param name="MainModule">For the bypass: the core module of that instance.</param>
/// <param name="Initialize">For the bypass: whether the component runs the main module's <c>_initialize</c> after instantiating it.</param>
/// <param name="Reason">For the fallback: why it runs there (the bypass does not apply, or the item asks for it).</param>
/// <param name="Imports">The WASI interfaces the component imports.</param>
/// <param name="Host">True: the whole component runs on core Wasmtime with Bindgen's WASI 0.2 host (<see cref="WasiHostTier"/>).</param>
public sealed record WasiTier(bool Bypass, int MainInstance, int MainModule, bool Initialize, string? Reason, IReadOnlyList<string> Imports, bool Host = false);

/// <summary>
/// Chooses the WASI tier of a component that imports only <c>wasi:</c> interfaces. The bypass applies when the plan
/// shows that the WASI 0.2 imports are reached only through the preview-1 adapter, so that Wasmtime's preview-1 WASI
/// gives the main module what the adapter would: every export is lifted from one core instance (its core function,
/// memory, realloc and post-return), that instance's imports are all <c>wasi_snapshot_preview1</c> functions, the
/// exports' types are plain values with UTF-8 strings, and no other core instance runs code at instantiation except
/// wit-component's fixup calling the main module's <c>_initialize</c> (which the bypass calls too). Otherwise, when the
/// exports' types are plain values, the component runs on Wasmtime.Components with its WASI 0.2 (the fallback).
/// </summary>
public static class WasiTiers
{
    /// <summary>The interfaces' namespace that marks WASI.</summary>
    public const string Prefix = "wasi:";

    /// <summary>The preview-1 module name wasi-libc and Rust's std import.</summary>
    public const string Preview1 = "wasi_snapshot_preview1";

    /// <summary>The tier, or null (with <paramref name="problem"/> when it imports WASI but cannot run at all).</summary>
    /// <param name="info">What the reader found.</param>
    /// <param name="modules">The core modules' imports and exports, by number.</param>
    /// <param name="problem">Why a component that imports WASI cannot be bound, or null.</param>
    public static WasiTier? Choose(ComponentInfo info, IReadOnlyList<WasmModuleInfo> modules, out string? problem)
    {
        problem = null;
        List<string> wasi = info.ImportedInterfaces.Select(i => i.Interface.Name).Where(IsWasi).ToList();
        if (wasi.Count == 0)
        {
            return null;
        }

        List<LiftedExport> lifts = info.ExportedInterfaces.SelectMany(e => e.Functions).Concat(info.ExportedFunctions).ToList();
        if (Unrunnable(info, lifts, "it imports WASI and also") is { } unrunnable)
        {
            problem = unrunnable;
            return null;
        }

        string? reason = WhyNotBypass(info, modules, lifts, out int main, out int module, out bool initialize);
        if (reason is null)
        {
            return new WasiTier(true, main, module, initialize, null, wasi);
        }

        return WasiHostTier.WhyNot(info) is { } notHost
            ? new WasiTier(false, -1, -1, false, "the preview-1 adapter cannot be left out: " + reason + "; and " + notHost, wasi)
            : new WasiTier(false, -1, -1, false, null, wasi, Host: true);
    }

    /// <summary>
    /// Bindgen's WASI 0.2 host for a component whose <c>BindgenComponent</c> item asks for it (<c>Host="Bindgen"</c>),
    /// even where the bypass applies; null with <paramref name="problem"/> when it cannot run there.
    /// </summary>
    /// <param name="info">What the reader found.</param>
    /// <param name="problem">Why it cannot run on the host, or null.</param>
    public static WasiTier? RequestedHost(ComponentInfo info, out string? problem)
    {
        List<LiftedExport> lifts = info.ExportedInterfaces.SelectMany(e => e.Functions).Concat(info.ExportedFunctions).ToList();
        problem = Unrunnable(info, lifts, "it imports") ?? WasiHostTier.WhyNot(info);
        return problem is null ? new WasiTier(false, -1, -1, false, null, info.ImportedInterfaces.Select(i => i.Interface.Name).ToList(), Host: true) : null;
    }

    /// <summary>
    /// The fallback for a component whose <c>BindgenComponent</c> item asks for Wasmtime.Components (<c>Host="Wasmtime.Components"</c>),
    /// or null with <paramref name="problem"/> when it cannot run there: it imports more than WASI, or its exports pass more than values.
    /// </summary>
    /// <param name="info">What the reader found.</param>
    /// <param name="problem">Why it cannot run on Wasmtime.Components, or null.</param>
    public static WasiTier? Requested(ComponentInfo info, out string? problem)
    {
        List<LiftedExport> lifts = info.ExportedInterfaces.SelectMany(e => e.Functions).Concat(info.ExportedFunctions).ToList();
        problem = Unrunnable(info, lifts, "it imports");
        return problem is null
            ? new WasiTier(false, -1, -1, false, "the BindgenComponent item asks for it (Host=\"Wasmtime.Components\")", info.ImportedInterfaces.Select(i => i.Interface.Name).ToList())
            : null;
    }

    /// <summary>Why neither the bypass nor the fallback can run the component: a non-WASI import (only WASI is provided there), or an export that passes more than values.</summary>
    private static string? Unrunnable(ComponentInfo info, List<LiftedExport> lifts, string importing)
    {
        string? other = info.ImportedInterfaces.Select(i => i.Interface.Name).Where(n => !IsWasi(n)).Concat(info.ImportedFunctions.Select(f => f.Name)).FirstOrDefault();
        if (other is not null)
        {
            return $"{importing} '{other}'; Bindgen runs a component on WASI or on Wasmtime.Components only when WASI is all it imports";
        }

        foreach (LiftedExport lift in lifts)
        {
            if (PlainValues(lift.Type) is { } what)
            {
                return $"its exported function '{lift.Name}' uses {what}, which neither the WASI bypass nor the fallback (Wasmtime.Components) can pass";
            }
        }

        return null;
    }

    /// <summary>Whether an interface name is a WASI interface.</summary>
    public static bool IsWasi(string interfaceName) => interfaceName.StartsWith(Prefix, System.StringComparison.Ordinal);

    private static string? WhyNotBypass(ComponentInfo info, IReadOnlyList<WasmModuleInfo> modules, List<LiftedExport> lifts, out int main, out int module, out bool initialize)
    {
        main = module = -1;
        initialize = false;
        if (lifts.Count == 0)
        {
            return "it exports no function of its own";
        }

        var instances = new HashSet<int>();
        foreach (LiftedExport lift in lifts)
        {
            foreach (CoreDef? def in new[] { lift.Core, lift.Options.Memory, lift.Options.Realloc, lift.Options.PostReturn })
            {
                if (def is not null)
                {
                    instances.Add(def.Kind == "export" ? def.Instance : -1);
                }
            }

            if (lift.Options.Encoding != "utf8")
            {
                return $"'{lift.Name}' is lifted with the string encoding {lift.Options.Encoding}";
            }
        }

        if (instances.Count != 1 || instances.Contains(-1))
        {
            return "its exports are not all lifted from one core instance with that instance's memory and allocator (an adapter or another module implements some)";
        }

        int mainInstance = main = instances.First();
        var steps = info.Plan.OfType<InstantiateStep>().ToList();
        InstantiateStep? mainStep = steps.FirstOrDefault(s => s.Instance == mainInstance);
        if (mainStep is null || mainStep.Module < 0 || mainStep.Module >= modules.Count)
        {
            return "the plan does not instantiate the main module from the component's own modules";
        }

        module = mainStep.Module;
        foreach ((string importModule, string name, string kind, CoreDef _) in mainStep.Imports)
        {
            if (importModule != Preview1 || kind != "function")
            {
                return $"the main module imports '{importModule}' '{name}' ({kind}), not only WASI preview-1 functions"
                    + (IsWasi(importModule) ? " (it calls WASI 0.2 directly)" : string.Empty);
            }
        }

        foreach (InstantiateStep step in steps.Where(s => s != mainStep))
        {
            if (step.Module >= 0 && step.Module < modules.Count && modules[step.Module].HasStart && !step.Imports.Any(i => i.Value.Kind == "export" && i.Value.Instance == mainInstance && i.Value.Name == "_initialize"))
            {
                return $"core module {step.Module} has a start function, which the bypass would not run";
            }

            foreach ((string _, string name, string kind, CoreDef value) in step.Imports)
            {
                if (value.Kind == "export" && value.Instance == main && kind == "function")
                {
                    if (name == "_initialize" && value.Name == "_initialize")
                    {
                        initialize = true;
                    }
                    else if (value.Name != "cabi_realloc")
                    {
                        return $"core instance {step.Instance} calls the main module's '{value.Name}', which the bypass would not";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>What a function's type uses besides plain values (a resource, a handle, async, a stream), or null.</summary>
    private static string? PlainValues(WitFunction function)
    {
        if (function.Async)
        {
            return "async";
        }

        var seen = new HashSet<WitType>();
        foreach (WitType type in function.Parameters.Select(p => p.Type).Concat(function.Result is null ? Enumerable.Empty<WitType>() : new[] { function.Result }))
        {
            if (NotPlain(type, seen) is { } what)
            {
                return what;
            }
        }

        return null;
    }

    private static string? NotPlain(WitType? type, HashSet<WitType> seen)
    {
        if (type is null || !seen.Add(type))
        {
            return null;
        }

        switch (type)
        {
            case WitResource:
                return "a resource";
            case WitNamed named:
                return NotPlain(named.Target, seen);
            case WitDefined defined:
                if (defined.Kind is "own" or "borrow" or "stream" or "future" or "map" or "fixed-list" or "error-context")
                {
                    return $"the type '{defined.Kind}'";
                }

                return defined.Types.Select(t => NotPlain(t, seen)).FirstOrDefault(w => w is not null);
            default:
                return null;
        }
    }
}
