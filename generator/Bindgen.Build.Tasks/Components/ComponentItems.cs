using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>An entry of an index space while a component is flattened.</summary>
internal abstract record Item;

/// <summary>A type: a <see cref="WitType"/>, a <see cref="WitFunction"/>, an <see cref="InstanceShape"/>, or null for a type Bindgen does not model.</summary>
internal sealed record TypeItem(object? Value) : Item;

/// <summary>A component function: imported from the host, or lifted from a core function.</summary>
internal sealed record FuncItem(WitFunction Type, ImportedFunction? Import, LiftedExport? Lift) : Item
{
    /// <summary>The name it was last imported or aliased under, for messages about it.</summary>
    public string? Name { get; init; }
}

/// <summary>A component instance: its exports by name, in order.</summary>
internal sealed record InstanceItem(IReadOnlyList<(string Name, Item Item)> Exports) : Item
{
    public Item? Find(string name)
    {
        foreach ((string n, Item item) in Exports)
        {
            if (n == name)
            {
                return item;
            }
        }

        return null;
    }
}

/// <summary>A component definition with the scope it was defined in and that scope's index-space sizes at the time.</summary>
internal sealed record ComponentItem(ComponentSyntax Syntax, Scope Parent, int[] ParentCounts) : Item;

internal sealed record CoreModuleItem(int Module) : Item;

/// <summary>A core instance: instantiated (<see cref="Instance"/> set, exports checked against the module) or made of inline exports.</summary>
internal sealed record CoreInstanceItem(int? Instance, int Module, IReadOnlyDictionary<string, CoreDef>? Inline) : Item;

internal sealed record CoreDefItem(CoreDef Def) : Item;

/// <summary>A definition Bindgen does not model (a value, a core type, an imported component): it only holds its place.</summary>
internal sealed record PlaceholderItem(string What) : Item;

/// <summary>The exports an instance type declares: functions, named types, nested instance shapes.</summary>
internal sealed record InstanceShape(IReadOnlyList<(string Name, object? Declared)> Exports);

/// <summary>The index spaces of one scope: a component, or a component or instance type. Outer aliases walk <see cref="Parent"/>.</summary>
internal sealed class Scope
{
    private readonly List<Item>[] _spaces = new List<Item>[13];

    public Scope(Scope? parent, int[]? parentCounts)
    {
        Parent = parent;
        ParentCounts = parentCounts;
        for (int i = 0; i < _spaces.Length; i++)
        {
            _spaces[i] = new List<Item>();
        }
    }

    public Scope? Parent { get; }

    /// <summary>For a component: how much of the parent's index spaces it may see through outer aliases. Null for a type scope (sees all).</summary>
    public int[]? ParentCounts { get; }

    public void Add(Sort sort, Item item) => _spaces[(int)sort].Add(item);

    public int[] Counts()
    {
        var counts = new int[_spaces.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = _spaces[i].Count;
        }

        return counts;
    }

    public Item Get(Sort sort, uint index, int offset, int limit = int.MaxValue)
    {
        List<Item> space = _spaces[(int)sort];
        if (index >= space.Count || index >= limit)
        {
            throw new ComponentFormatException($"the definition at offset {offset} refers to {SortName(sort)} {index}, which does not exist (there are {System.Math.Min(space.Count, limit)})");
        }

        return space[(int)index];
    }

    public Item Outer(Sort sort, uint count, uint index, int offset)
    {
        Scope scope = this;
        int limit = int.MaxValue;
        for (uint i = 0; i < count; i++)
        {
            if (scope.Parent is null)
            {
                throw new ComponentFormatException($"the outer alias at offset {offset} reaches {count} scopes out, past the outermost component");
            }

            // Crossing a component boundary: the enclosing component's definitions after this one are not visible.
            limit = scope.ParentCounts is { } counts ? counts[(int)sort] : int.MaxValue;
            scope = scope.Parent;
        }

        return scope.Get(sort, index, offset, limit);
    }

    public static string SortName(Sort sort) => sort switch
    {
        Sort.CoreFunc => "core func",
        Sort.CoreTable => "core table",
        Sort.CoreMemory => "core memory",
        Sort.CoreGlobal => "core global",
        Sort.CoreTag => "core tag",
        Sort.CoreType => "core type",
        Sort.CoreModule => "core module",
        Sort.CoreInstance => "core instance",
        Sort.Func => "func",
        Sort.Value => "value",
        Sort.Type => "type",
        Sort.Component => "component",
        _ => "instance",
    };
}
