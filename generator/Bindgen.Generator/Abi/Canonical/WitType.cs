using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>The WIT value types the canonical ABI binds.</summary>
internal enum WitKind
{
    Bool,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    Char,
    String,
    List,
    Tuple,
    Record,
    Variant,
    Enum,
    Flags,
    Option,
    Result,

    /// <summary>The absent payload of a result (<c>Bindgen.Unit</c>): no bytes, no flat values.</summary>
    Unit,

    /// <summary>An owning handle to a resource a component exports (<c>own&lt;T&gt;</c>): one i32, the handle.</summary>
    Own,

    /// <summary>A borrowed handle to a resource a component exports (<c>borrow&lt;T&gt;</c>): one i32, the representation when lent to the component that defines it.</summary>
    Borrow,
}

/// <summary>
/// A WIT type as the canonical ABI lays it out, with the C# type it maps to. Recursive and value-equatable (no
/// symbols), so the incremental pipeline can cache models that hold it.
/// </summary>
/// <param name="Kind">The WIT type.</param>
/// <param name="ClrType">The C# type, fully qualified, as generated code spells it.</param>
/// <param name="Elements">
/// The component types: the element of a list, the payload of an option, ok and error of a result, the elements
/// of a tuple; for records, variants, enums and flags see <paramref name="Members"/>.
/// </param>
/// <param name="Members">Record fields, variant cases, enum cases or flags, in WIT order.</param>
/// <param name="IsSpan">A list parameter declared as <c>ReadOnlySpan&lt;T&gt;</c> rather than <c>T[]</c>.</param>
/// <param name="IsValueType">Whether the C# type is a value type (an option of it is <c>Nullable&lt;T&gt;</c>).</param>
/// <param name="Construction">How a record is built: <c>ctor</c> (positional) or <c>init</c> (object initializer).</param>
/// <param name="HostResource">For a handle to a resource the component imports (the host implements it): its resource type number; -1 otherwise.</param>
internal sealed record WitType(
    WitKind Kind,
    string ClrType,
    EquatableArray<WitType> Elements,
    EquatableArray<WitMember> Members,
    bool IsSpan = false,
    bool IsValueType = true,
    string Construction = "ctor",
    int HostResource = -1)
{
    public static WitType Primitive(WitKind kind, string clrType) => new(kind, clrType, EquatableArray<WitType>.Empty, EquatableArray<WitMember>.Empty);

    /// <summary>A short WIT spelling, for messages and type names in errors.</summary>
    public string Wit => Kind switch
    {
        WitKind.List => $"list<{Elements[0].Wit}>",
        WitKind.Option => $"option<{Elements[0].Wit}>",
        WitKind.Result => $"result<{(Elements[0].Kind == WitKind.Unit ? "_" : Elements[0].Wit)}, {(Elements[1].Kind == WitKind.Unit ? "_" : Elements[1].Wit)}>",
        WitKind.Tuple => "tuple<" + string.Join(", ", System.Linq.Enumerable.Select(Elements, e => e.Wit)) + ">",
        WitKind.Record or WitKind.Variant or WitKind.Enum or WitKind.Flags => Kind.ToString().ToLowerInvariant() + " " + ClrType.Replace("global::", string.Empty),
        WitKind.Unit => "_",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// A member of a record (field), variant (case), enum (case) or flags (flag).
/// </summary>
/// <param name="Name">The C# member: field or property name, case type (fully qualified), or enum member name.</param>
/// <param name="Type">A field's type or a case's payload; null for a payload-less case, an enum case or a flag.</param>
/// <param name="PayloadMember">For a variant case with a payload: the case type's property that holds it.</param>
internal sealed record WitMember(string Name, WitType? Type, string? PayloadMember = null);
