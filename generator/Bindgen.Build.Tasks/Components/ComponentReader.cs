using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>An interface the component imports or exports, with its functions.</summary>
/// <typeparam name="TFunction">ImportedFunction or LiftedExport.</typeparam>
/// <param name="Interface">The interface and its types.</param>
/// <param name="Functions">Its functions, in order.</param>
public sealed record WitInterfaceFunctions<TFunction>(WitInterface Interface, IReadOnlyList<TFunction> Functions);

/// <summary>What the build learns from a component binary: its WIT world, its core modules and its instantiation plan.</summary>
public sealed class ComponentInfo
{
    /// <summary>The core modules, in file order (nested components' included): the plan instantiates them by number.</summary>
    public List<byte[]> Modules { get; } = new();

    /// <summary>The ordered steps that instantiate the component on core WebAssembly.</summary>
    public List<PlanStep> Plan { get; } = new();

    /// <summary>The imported interfaces.</summary>
    public List<WitInterfaceFunctions<ImportedFunction>> ImportedInterfaces { get; } = new();

    /// <summary>Functions imported at world level.</summary>
    public List<ImportedFunction> ImportedFunctions { get; } = new();

    /// <summary>The exported interfaces, each function with the core function it lifts.</summary>
    public List<WitInterfaceFunctions<LiftedExport>> ExportedInterfaces { get; } = new();

    /// <summary>Functions exported at world level.</summary>
    public List<LiftedExport> ExportedFunctions { get; } = new();

    /// <summary>Types named at world level (imported or exported types outside an interface).</summary>
    public List<WitNamed> WorldTypes { get; } = new();

    /// <summary>For a component that imports WASI: how it runs (<see cref="WasiTiers"/>); null otherwise.</summary>
    public WasiTier? Wasi { get; set; }

    /// <summary>Why a component that imports WASI cannot run at all, or null.</summary>
    public string? WasiProblem { get; set; }

    /// <summary>What Bindgen cannot bind: when not empty, no binding is generated.</summary>
    public List<ComponentDiagnostic> Diagnostics { get; } = new();
}

/// <summary>
/// Reads a component binary (the component model's Binary.md) into a <see cref="ComponentInfo"/>. Written here, like
/// <see cref="WasmReader"/>, because the build task cannot carry dependencies; the format's rules are followed as
/// Binary.md and Explainer.md state them, and validation that Wasmtime does at run time is not repeated.
/// </summary>
public static class ComponentReader
{
    /// <summary>Reads the component.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <returns>Its world, modules, plan and diagnostics.</returns>
    /// <exception cref="ComponentFormatException">The bytes are not a component, or are truncated or corrupt (the only exception thrown).</exception>
    public static ComponentInfo Read(byte[] bytes)
    {
        if (!ComponentParser.IsComponent(bytes))
        {
            throw new ComponentFormatException(bytes.Length >= 8 && bytes[0] == 0 && bytes[1] == 0x61 && bytes[2] == 0x73 && bytes[3] == 0x6D && bytes[6] == 0 && bytes[7] == 0
                ? "it is a core WebAssembly module, not a component (use BindgenModule for a module)"
                : "it is not a WebAssembly component (no \\0asm magic number with layer 1)");
        }

        try
        {
            return ReadChecked(bytes);
        }
        catch (System.Exception e) when (e is not ComponentFormatException)
        {
            // A reader bug must still reach the user as a diagnostic at the item, never as a crashed build.
            throw new ComponentFormatException($"the component could not be read ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static ComponentInfo ReadChecked(byte[] bytes)
    {
        (ComponentSyntax root, List<(int Start, int End)> ranges) = ComponentParser.Parse(bytes);
        var info = new ComponentInfo();
        var modules = new List<WasmModuleInfo>();
        foreach ((int start, int end) in ranges)
        {
            byte[] module = new byte[end - start];
            System.Array.Copy(bytes, start, module, 0, module.Length);
            try
            {
                modules.Add(WasmReader.Read(module));
            }
            catch (WasmFormatException e)
            {
                throw new ComponentFormatException($"core module {info.Modules.Count} at offset {start}: {e.Message}");
            }

            info.Modules.Add(module);
        }

        ComponentFlattener flattener = ComponentFlattener.Run(root, modules, out var imports, out var exports);
        info.Plan.AddRange(flattener.Plan);
        info.Diagnostics.AddRange(System.Linq.Enumerable.Distinct(flattener.Diagnostics));
        foreach ((string name, Item item) in imports)
        {
            Import(info, name, item);
        }

        foreach ((string name, Item item) in exports)
        {
            Export(info, name, item);
        }

        info.Wasi = WasiTiers.Choose(info, modules, out string? wasiProblem);
        info.WasiProblem = wasiProblem;
        return info;
    }

    private static void Import(ComponentInfo info, string name, Item item)
    {
        switch (item)
        {
            case FuncItem { Import: { } function }:
                info.ImportedFunctions.Add(function);
                break;
            case InstanceItem instance:
                var functions = new List<ImportedFunction>();
                foreach ((string _, Item member) in instance.Exports)
                {
                    if (member is FuncItem { Import: { } f })
                    {
                        functions.Add(f);
                    }
                }

                info.ImportedInterfaces.Add(new(new WitInterface(name, Types(instance, name)), functions));
                break;
            case TypeItem { Value: WitNamed named }:
                info.WorldTypes.Add(named);
                break;
        }
    }

    private static void Export(ComponentInfo info, string name, Item item)
    {
        switch (item)
        {
            case FuncItem func:
                if (Lifted(info, null, name, func) is { } lifted)
                {
                    info.ExportedFunctions.Add(lifted);
                }

                break;
            case InstanceItem instance:
                var functions = new List<LiftedExport>();
                foreach ((string member, Item value) in instance.Exports)
                {
                    if (value is FuncItem f && Lifted(info, name, member, f) is { } liftedMember)
                    {
                        functions.Add(liftedMember);
                    }
                    else if (value is not FuncItem and not TypeItem)
                    {
                        info.Diagnostics.Add(new ComponentDiagnostic("export", $"export '{name}', member '{member}'", "only functions and types can be exported from an interface"));
                    }
                }

                info.ExportedInterfaces.Add(new(new WitInterface(name, Types(instance, name)), functions));
                break;
            case TypeItem { Value: WitNamed named }:
                info.WorldTypes.Add(named);
                break;
            default:
                info.Diagnostics.Add(new ComponentDiagnostic("export", $"export '{name}'", "only functions, interfaces and types can be exported; Bindgen does not bind an exported module or component"));
                break;
        }
    }

    private static LiftedExport? Lifted(ComponentInfo info, string? interfaceName, string name, FuncItem func)
    {
        if (func.Lift is { } lift)
        {
            return lift with { Interface = interfaceName, Name = name, Type = func.Type };
        }

        string where = interfaceName is null ? $"export '{name}'" : $"export '{interfaceName}', function '{name}'";
        info.Diagnostics.Add(new ComponentDiagnostic("reexport", where, "the exported function is an import passed straight through; Bindgen binds functions the component lifts"));
        return null;
    }

    private static List<WitNamed> Types(InstanceItem instance, string owner)
    {
        var types = new List<WitNamed>();
        foreach ((string _, Item member) in instance.Exports)
        {
            if (member is TypeItem { Value: WitNamed named })
            {
                named.Owner ??= owner;
                types.Add(named);
            }
        }

        return types;
    }
}
