using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>A WIT value type after flattening. Compared by reference: one object per definition in the binary.</summary>
public abstract class WitType
{
}

/// <summary>bool, s8 ... u64, f32, f64, char, string (and error-context, which is reported as unsupported).</summary>
public sealed class WitPrimitive : WitType
{
    private static readonly Dictionary<string, WitPrimitive> All = new();

    private WitPrimitive(string name) => Name = name;

    /// <summary>The WIT name: <c>u32</c>, <c>string</c>.</summary>
    public string Name { get; }

    /// <summary>The one instance for <paramref name="name"/>.</summary>
    public static WitPrimitive Of(string name)
    {
        lock (All)
        {
            if (!All.TryGetValue(name, out WitPrimitive? type))
            {
                type = new WitPrimitive(name);
                All.Add(name, type);
            }

            return type;
        }
    }
}

/// <summary>
/// A structural type: <see cref="Kind"/> is record, variant, enum, flags, list, tuple, option, result, own, borrow,
/// or one of the forms reported as unsupported (stream, future, map, fixed-list).
/// </summary>
public sealed class WitDefined : WitType
{
    internal WitDefined(string kind, IReadOnlyList<string> labels, IReadOnlyList<WitType?> types, uint length)
    {
        Kind = kind;
        Labels = labels;
        Types = types;
        Length = length;
    }

    /// <summary>The WIT kind.</summary>
    public string Kind { get; }

    /// <summary>Record field, variant case, enum case or flag names, in order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Field, case (null: no payload), element, tuple, option, result (ok, error; null: absent) or handle types.</summary>
    public IReadOnlyList<WitType?> Types { get; }

    /// <summary>A fixed-size list's length.</summary>
    public uint Length { get; }
}

/// <summary>A type with a WIT name: <see cref="Owner"/> is the interface (or null for the world) that defines it.</summary>
public sealed class WitNamed : WitType
{
    internal WitNamed(string name, WitType target)
    {
        Name = name;
        Target = target;
    }

    /// <summary>The WIT name (kebab-case).</summary>
    public string Name { get; }

    /// <summary>The definition (another <see cref="WitNamed"/> for a type alias).</summary>
    public WitType Target { get; }

    /// <summary>The interface that defines it (<c>local:demo/text@1.0.0</c>), or null for a world-level type or one not yet placed.</summary>
    public string? Owner { get; internal set; }
}

/// <summary>
/// A resource type. One object per resource: handles (<c>own</c>, <c>borrow</c>) and the <c>resource.*</c> built-ins
/// refer to it by reference. A resource the component defines has <see cref="Defined"/> set (and maybe a
/// destructor); an imported one is abstract (a <c>(sub resource)</c> import).
/// </summary>
public sealed class WitResource : WitType
{
    internal WitResource(string? name, bool defined, CoreDef? destructor)
    {
        Name = name;
        Defined = defined;
        Destructor = destructor;
    }

    /// <summary>The name it was declared with, if any (a defined resource gets its name from the export that names it).</summary>
    public string? Name { get; }

    /// <summary>Defined by the component (<c>(type (resource (rep i32) ...))</c>), rather than imported.</summary>
    public bool Defined { get; }

    /// <summary>The core function the component runs when a handle it owns is dropped, or null.</summary>
    public CoreDef? Destructor { get; }
}

/// <summary>A WIT function type: named parameters and an optional result.</summary>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="Result">The result type, or null.</param>
/// <param name="Async">Declared <c>async</c> (reported as unsupported).</param>
public sealed record WitFunction(IReadOnlyList<(string Name, WitType Type)> Parameters, WitType? Result, bool Async);

/// <summary>
/// A core definition the plan refers to: an export of an instantiated core module (<see cref="Instance"/>,
/// <see cref="Name"/>), a host import lowered for the guest (<see cref="Lowering"/>), or a canonical built-in.
/// </summary>
/// <param name="Kind"><c>export</c>, <c>lowered</c> or <c>builtin</c>.</param>
/// <param name="Instance">The core instance (its step in the plan) of an export.</param>
/// <param name="Name">The export's name, or the built-in's name.</param>
/// <param name="Lowering">The lowering's number.</param>
public sealed record CoreDef(string Kind, int Instance, string Name, int Lowering)
{
    /// <summary>For a <c>resource.new</c>, <c>resource.rep</c> or <c>resource.drop</c> built-in: the resource it is for.</summary>
    public WitType? Resource { get; init; }

    /// <summary>The reference as the description writes it: <c>export 0 memory</c>, <c>lowered 3</c>.</summary>
    public string Text => Kind switch
    {
        "export" => $"export {Instance} {ComponentDescription.Escape(Name)}",
        "lowered" => $"lowered {Lowering}",
        _ => $"builtin {Name}",
    };
}

/// <summary>The canonical options of a lift or lower, resolved to core definitions.</summary>
/// <param name="Memory">The memory, or null.</param>
/// <param name="Realloc">The realloc function, or null.</param>
/// <param name="PostReturn">The post-return function (lifts only), or null.</param>
/// <param name="Encoding">utf8, utf16 or latin1+utf16.</param>
public sealed record CanonicalOptions(CoreDef? Memory, CoreDef? Realloc, CoreDef? PostReturn, string Encoding);

/// <summary>A step of the instantiation plan.</summary>
public abstract record PlanStep;

/// <summary>Instantiate core module <paramref name="Module"/> as core instance <paramref name="Instance"/>, each import given by a core definition.</summary>
/// <param name="Instance">The new instance's number (its place among the instantiations).</param>
/// <param name="Module">The core module's number (file order).</param>
/// <param name="Imports">Each import of the module (module name, field name, kind) and what satisfies it.</param>
public sealed record InstantiateStep(int Instance, int Module, IReadOnlyList<(string Module, string Name, string Kind, CoreDef Value)> Imports) : PlanStep;

/// <summary>Lower host import <paramref name="Function"/> of <paramref name="Interface"/> into core function number <paramref name="Lowering"/>.</summary>
/// <param name="Lowering">The lowering's number.</param>
/// <param name="Interface">The imported interface, or null for a world-level function.</param>
/// <param name="Function">The function's WIT name.</param>
/// <param name="Type">The function's type.</param>
/// <param name="Options">Memory, realloc and string encoding.</param>
public sealed record LowerStep(int Lowering, string? Interface, string Function, WitFunction Type, CanonicalOptions Options) : PlanStep;

/// <summary>
/// A fused adapter (a composed component): the function another inner component lifts, lowered with the caller's
/// options into core function number <paramref name="Lowering"/>.
/// </summary>
/// <param name="Lowering">The lowering's number (shared with <see cref="LowerStep"/>).</param>
/// <param name="Function">The name the caller imports it under.</param>
/// <param name="Type">The function's type.</param>
/// <param name="Caller">The lowering's options: memory, realloc and string encoding of the caller.</param>
/// <param name="Core">The callee's core function.</param>
/// <param name="Callee">The lift's options: memory, realloc, post-return and string encoding of the callee.</param>
public sealed record AdapterStep(int Lowering, string Function, WitFunction Type, CanonicalOptions Caller, CoreDef Core, CanonicalOptions Callee) : PlanStep;

/// <summary>An exported function: the core function lifted, and its options.</summary>
/// <param name="Interface">The exported interface, or null for a world-level function.</param>
/// <param name="Name">The WIT name.</param>
/// <param name="Type">The WIT type.</param>
/// <param name="Core">The core function that is lifted.</param>
/// <param name="Options">Memory, realloc, post-return and string encoding.</param>
public sealed record LiftedExport(string? Interface, string Name, WitFunction Type, CoreDef Core, CanonicalOptions Options);

/// <summary>A host function the component imports.</summary>
/// <param name="Interface">The imported interface, or null for a world-level function.</param>
/// <param name="Name">The WIT name.</param>
/// <param name="Type">The WIT type.</param>
public sealed record ImportedFunction(string? Interface, string Name, WitFunction Type);

/// <summary>An imported or exported interface: its full name and the types it defines or uses, in order.</summary>
/// <param name="Name">The full name: <c>local:demo/text@1.0.0</c>, or a plain name.</param>
/// <param name="Types">Its named types.</param>
public sealed record WitInterface(string Name, IReadOnlyList<WitNamed> Types)
{
    /// <summary>The package (<c>local:demo</c>), or null for a plain name.</summary>
    public string? Package => Split().Package;

    /// <summary>The interface's own name (<c>text</c>).</summary>
    public string ShortName => Split().Name;

    /// <summary>The version (<c>1.0.0</c>), or null.</summary>
    public string? Version => Split().Version;

    private (string? Package, string Name, string? Version) Split()
    {
        string rest = Name;
        string? version = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            version = rest.Substring(at + 1);
            rest = rest.Substring(0, at);
        }

        int slash = rest.LastIndexOf('/');
        return slash < 0 ? (null, rest, version) : (rest.Substring(0, slash), rest.Substring(slash + 1), version);
    }
}

/// <summary>Something the reader read but Bindgen cannot bind yet (or at all): what, where, and why.</summary>
/// <param name="What">A short name: <c>resource</c>, <c>async</c>, <c>string-encoding</c>, <c>section</c>, ...</param>
/// <param name="Where">The location: the byte offset and the import or export it belongs to.</param>
/// <param name="Message">The explanation.</param>
public sealed record ComponentDiagnostic(string What, string Where, string Message);
