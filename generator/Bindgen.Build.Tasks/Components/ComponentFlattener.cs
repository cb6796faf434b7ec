using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// Flattens a component the way wasmtime-environ's inliner does: nested components are instantiated symbolically
/// (their imports replaced by the arguments), aliases resolved, and what remains at run time is an ordered plan of
/// core instantiations and host lowerings, plus the lifted exports. Everything Bindgen cannot bind becomes a
/// <see cref="ComponentDiagnostic"/>; corrupt input a <see cref="ComponentFormatException"/>.
/// </summary>
internal sealed partial class ComponentFlattener
{
    /// <summary>Bounds on the symbolic instantiation, so a hostile component cannot make the build run away.</summary>
    private const int MaxInstantiations = 10_000;

    private readonly IReadOnlyList<WasmModuleInfo> _modules;
    private int _componentInstantiations;
    private string _context = "the component";

    private ComponentFlattener(IReadOnlyList<WasmModuleInfo> modules) => _modules = modules;

    public List<PlanStep> Plan { get; } = new();

    public List<ComponentDiagnostic> Diagnostics { get; } = new();

    private int CoreInstances { get; set; }

    private int Lowerings { get; set; }

    public static ComponentFlattener Run(ComponentSyntax root, IReadOnlyList<WasmModuleInfo> modules, out List<(string Name, Item Item)> imports, out List<(string Name, Item Item)> exports)
    {
        var flattener = new ComponentFlattener(modules);
        imports = new List<(string, Item)>();
        exports = flattener.Evaluate(root, new Scope(null, null), null, imports, 0);
        return flattener;
    }

    /// <summary>Evaluates a component's definitions; <paramref name="arguments"/> supply its imports (null at the root).</summary>
    private List<(string Name, Item Item)> Evaluate(ComponentSyntax component, Scope scope, IReadOnlyDictionary<string, Item>? arguments, List<(string Name, Item Item)> rootImports, int depth)
    {
        var exports = new List<(string Name, Item Item)>();
        string outerContext = _context;
        _context = component.Parent is null ? "the component" : $"the nested component at offset {component.Offset}";
        foreach (Definition definition in component.Definitions)
        {
            switch (definition)
            {
                case CoreModuleDefinition m:
                    scope.Add(Sort.CoreModule, new CoreModuleItem(m.Module));
                    break;
                case CoreTypeDefinition:
                    scope.Add(Sort.CoreType, new PlaceholderItem("core type"));
                    break;
                case CoreInstantiate ci:
                    scope.Add(Sort.CoreInstance, Instantiate(ci, scope));
                    break;
                case CoreInlineExports inline:
                    var map = new Dictionary<string, CoreDef>();
                    foreach ((string name, Sort sort, uint index) in inline.Exports)
                    {
                        map[name] = CoreDefinition(scope, sort, index, inline.Offset);
                    }

                    scope.Add(Sort.CoreInstance, new CoreInstanceItem(null, -1, map));
                    break;
                case NestedComponent nested:
                    scope.Add(Sort.Component, new ComponentItem(nested.Component, scope, scope.Counts()));
                    break;
                case ComponentInstantiate instantiate:
                    scope.Add(Sort.Instance, InstantiateComponent(instantiate, scope, depth));
                    break;
                case ComponentInlineExports inline:
                    var items = new List<(string, Item)>();
                    foreach ((string name, Sort sort, uint index) in inline.Exports)
                    {
                        items.Add((name, scope.Get(sort, index, inline.Offset)));
                    }

                    scope.Add(Sort.Instance, new InstanceItem(items));
                    break;
                case AliasDefinition alias:
                    scope.Add(alias.Sort, Alias(alias, scope));
                    break;
                case TypeDefinition type:
                    scope.Add(Sort.Type, new TypeItem(Type(type.Type, scope, null)));
                    break;
                case CanonLift lift:
                    scope.Add(Sort.Func, Lift(lift, scope));
                    break;
                case CanonLower lower:
                    scope.Add(Sort.CoreFunc, Lower(lower, scope));
                    break;
                case CanonBuiltin builtin:
                    scope.Add(Sort.CoreFunc, new CoreDefItem(Builtin(builtin, scope)));
                    break;
                case StartDefinition start:
                    Report("start", start.Offset, "a component start function (the gated 'value' feature) is not supported");
                    for (uint i = 0; i < start.Results && i < 64; i++)
                    {
                        scope.Add(Sort.Value, new PlaceholderItem("value"));
                    }

                    break;
                case ImportDefinition import:
                    Item imported = arguments is null ? RootImport(import, scope) : Argument(import, arguments);
                    if (arguments is null)
                    {
                        rootImports.Add((import.Name, imported));
                    }

                    scope.Add(import.Type.Sort, imported);
                    break;
                case ExportDefinition export:
                    Item exported = Export(export, scope);
                    exports.Add((export.Name, exported));
                    scope.Add(export.Sort, exported);
                    break;
                case UnsupportedDefinition unsupported:
                    Report("section", unsupported.Offset, $"{unsupported.What} is not supported");
                    scope.Add(unsupported.Sort, new PlaceholderItem(unsupported.What));
                    break;
            }
        }

        _context = outerContext;
        return exports;
    }

    private CoreInstanceItem Instantiate(CoreInstantiate instantiate, Scope scope)
    {
        if (scope.Get(Sort.CoreModule, instantiate.Module, instantiate.Offset) is not CoreModuleItem module)
        {
            Report("module", instantiate.Offset, "the instantiated core module is not one Bindgen can embed (an imported module)");
            return new CoreInstanceItem(null, -1, new Dictionary<string, CoreDef>());
        }

        var arguments = new Dictionary<string, CoreInstanceItem>();
        foreach ((string name, uint index) in instantiate.Arguments)
        {
            arguments[name] = scope.Get(Sort.CoreInstance, index, instantiate.Offset) as CoreInstanceItem
                ?? throw new ComponentFormatException($"argument '{name}' at offset {instantiate.Offset} is not a core instance");
        }

        var imports = new List<(string, string, string, CoreDef)>();
        foreach (WasmItem import in _modules[module.Module].Imports)
        {
            if (!arguments.TryGetValue(import.Module!, out CoreInstanceItem? from))
            {
                throw new ComponentFormatException($"core module {module.Module} imports from '{import.Module}', but its instantiation at offset {instantiate.Offset} supplies no instance of that name");
            }

            imports.Add((import.Module!, import.Name, import.Kind, CoreExport(from, import.Name, import.Kind, instantiate.Offset)));
        }

        if (CoreInstances >= MaxInstantiations)
        {
            throw new ComponentFormatException($"the component instantiates more than {MaxInstantiations} core modules");
        }

        int instance = CoreInstances++;
        Plan.Add(new InstantiateStep(instance, module.Module, imports));
        return new CoreInstanceItem(instance, module.Module, null);
    }

    /// <summary>The export <paramref name="name"/> of a core instance, checked to exist (with <paramref name="kind"/>, when given).</summary>
    private CoreDef CoreExport(CoreInstanceItem instance, string name, string? kind, int offset)
    {
        if (instance.Inline is { } inline)
        {
            return inline.TryGetValue(name, out CoreDef? def) ? def : throw new ComponentFormatException($"the core instance used at offset {offset} has no export '{name}'");
        }

        if (instance.Instance is not int number)
        {
            throw new ComponentFormatException($"the core instance used at offset {offset} cannot be instantiated");
        }

        foreach (WasmItem export in _modules[instance.Module].Exports)
        {
            if (export.Name == name && (kind is null || export.Kind == kind))
            {
                return new CoreDef("export", number, name, -1);
            }
        }

        throw new ComponentFormatException($"core module {instance.Module} has no {kind ?? "export"} '{name}' (needed at offset {offset})");
    }

    private CoreDef CoreDefinition(Scope scope, Sort sort, uint index, int offset) => scope.Get(sort, index, offset) switch
    {
        CoreDefItem item => item.Def,
        _ => throw new ComponentFormatException($"{Scope.SortName(sort)} {index} used at offset {offset} is not a core definition"),
    };

    private Item InstantiateComponent(ComponentInstantiate instantiate, Scope scope, int depth)
    {
        if (scope.Get(Sort.Component, instantiate.Component, instantiate.Offset) is not ComponentItem component)
        {
            Report("component", instantiate.Offset, "the instantiated component is imported; Bindgen instantiates only the components a file defines");
            return new InstanceItem(new List<(string, Item)>());
        }

        if (++_componentInstantiations > MaxInstantiations || depth > ComponentParser.MaxNesting)
        {
            throw new ComponentFormatException($"the component instantiation at offset {instantiate.Offset} nests or repeats beyond the reader's limits");
        }

        var arguments = new Dictionary<string, Item>();
        foreach ((string name, Sort sort, uint index) in instantiate.Arguments)
        {
            arguments[name] = scope.Get(sort, index, instantiate.Offset);
        }

        var inner = new Scope(component.Parent, component.ParentCounts);
        return new InstanceItem(Evaluate(component.Syntax, inner, arguments, new List<(string, Item)>(), depth + 1));
    }

    private Item Alias(AliasDefinition alias, Scope scope)
    {
        switch (alias.Kind)
        {
            case AliasKind.Outer:
                return scope.Outer(alias.Sort, alias.Count, alias.Index, alias.Offset);
            case AliasKind.CoreInstanceExport:
                var core = scope.Get(Sort.CoreInstance, alias.Instance, alias.Offset) as CoreInstanceItem
                    ?? throw new ComponentFormatException($"the alias at offset {alias.Offset} does not name a core instance");
                return new CoreDefItem(CoreExport(core, alias.Name, CoreKind(alias.Sort), alias.Offset));
            default:
                Item item = scope.Get(Sort.Instance, alias.Instance, alias.Offset);
                return item is InstanceItem instance
                    ? Named(instance.Find(alias.Name), alias.Name) ?? throw new ComponentFormatException($"instance {alias.Instance} has no export '{alias.Name}' (alias at offset {alias.Offset})")
                    : new PlaceholderItem("an export of an unsupported instance");
        }
    }

    private static string? CoreKind(Sort sort) => sort switch
    {
        Sort.CoreFunc => "function",
        Sort.CoreTable => "table",
        Sort.CoreMemory => "memory",
        Sort.CoreGlobal => "global",
        Sort.CoreTag => "tag",
        _ => null,
    };

    private static Item? Named(Item? item, string name) => item is FuncItem func ? func with { Name = name } : item;

    private Item Argument(ImportDefinition import, IReadOnlyDictionary<string, Item> arguments) =>
        arguments.TryGetValue(import.Name, out Item? supplied)
            ? Named(supplied, import.Name)!
            : throw new ComponentFormatException($"a nested component's import '{import.Name}' (offset {import.Offset}) is not supplied by its instantiation");

    private Item Export(ExportDefinition export, Scope scope)
    {
        Item item = scope.Get(export.Sort, export.Index, export.Offset);
        object? ascribed = export.Type is { } type && type.Sort is Sort.Func or Sort.Type && !type.SubResource
            ? TypeAt(scope, type.Index, type.Offset)
            : null;
        switch (item)
        {
            case FuncItem func when ascribed is WitFunction signature:
                return func with { Type = signature };
            case TypeItem { Value: WitType value }:
                // Exporting a type gives it its WIT name; re-exporting a type under the name it has is a `use`.
                return new TypeItem(value is WitNamed named && named.Name == export.Name ? named : new WitNamed(export.Name, value));
            default:
                return item;
        }
    }

    /// <summary>A canonical built-in: resource.new, resource.rep and resource.drop are bound (for the resource they name); the rest reported.</summary>
    private CoreDef Builtin(CanonBuiltin builtin, Scope scope)
    {
        var def = new CoreDef("builtin", -1, builtin.Name, -1);
        if (builtin.Name is not ("resource.new" or "resource.rep" or "resource.drop"))
        {
            Report(builtin.Name.StartsWith("resource.", System.StringComparison.Ordinal) ? "resource" : "async", builtin.Offset, $"the canonical built-in '{builtin.Name}' is not supported yet (async is part 2 of the component support)");
            return def;
        }

        object? type = TypeAt(scope, builtin.Type ?? 0, builtin.Offset);
        WitResource resource = ResourceOf(type) ?? throw new ComponentFormatException($"canon {builtin.Name} at offset {builtin.Offset} names type {builtin.Type}, which is not a resource");
        if (!resource.Defined && builtin.Name != "resource.drop")
        {
            throw new ComponentFormatException($"canon {builtin.Name} at offset {builtin.Offset} names an imported resource; only the component that defines a resource may create it or read its representation");
        }

        return def with { Resource = resource };
    }

    private void Report(string what, int offset, string message) => Diagnostics.Add(new ComponentDiagnostic(what, $"offset {offset} in {_context}", message));
}
