using System.Collections.Generic;
using System.Linq;
using System.Text;
using Bindgen.Generator.Check;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>One described type as C#: the canonical ABI's model of it (which the codec lowers and lifts) and its WIT spelling.</summary>
internal sealed record ComponentType(WitType Wit, string WitText);

/// <summary>A resource of the component: its number at run time, WIT name and owner, C# type, destructor; defined and exported, or imported (<paramref name="Imported"/>: the host implements it).</summary>
/// <param name="Index">Its number in the instance's resource types (the order of the description).</param>
/// <param name="WitName">The WIT name (<c>counter</c>).</param>
/// <param name="Owner">The interface that defines it, or <c>-</c> for the world.</param>
/// <param name="ClassName">The C# class's simple name.</param>
/// <param name="FullName">The C# class's full name.</param>
/// <param name="Destructor">The destructor's core definition, or null.</param>
/// <param name="Imported">Imported by the component: a C# interface the host implements (<c>I</c> + its name), no destructor.</param>
internal sealed record ComponentResourceType(int Index, string WitName, string Owner, string ClassName, string FullName, string? Destructor, bool Imported = false);

/// <summary>
/// Maps the description's WIT types to C#: records to sealed positional records, variants to closed abstract
/// records with one nested sealed record per case (payload <c>Value</c>), enums to enums, flags to <c>[Flags]</c>
/// enums, options to <c>T?</c>, results to <c>Bindgen.Result&lt;T, E&gt;</c>, lists to arrays, tuples to value tuples.
/// Named types are declared inside the C# interface of the WIT interface that defines them (or the world class).
/// </summary>
internal sealed class ComponentTypes
{
    private readonly Dictionary<string, ComponentType> _types = new();
    private readonly Dictionary<string, string> _containers;
    private readonly Dictionary<string, (string Owner, string Name)> _names = new();
    private readonly ComponentDocs _docs;
    private readonly string _world;
    private readonly ComponentFile _file;

    /// <summary>The declarations to write into each container (by container full name), in order.</summary>
    public Dictionary<string, List<string>> Declarations { get; } = new();

    /// <summary>The resources the component defines, by the description's id of the resource and of its name.</summary>
    public Dictionary<string, ComponentResourceType> Resources { get; } = new();

    /// <summary>The WIT labels (field, case or flag names, in order) of each declared type, by its C# full name.</summary>
    public Dictionary<string, string[]> Labels { get; } = new();

    /// <summary>Why a type could not be mapped, or null.</summary>
    public string? Problem { get; private set; }

    /// <param name="containers">Owner (WIT interface name, or "-" for the world) to the C# type that holds its types.</param>
    /// <param name="docs">The WIT doc comments, for the declarations' XML docs.</param>
    public ComponentTypes(ComponentFile file, Dictionary<string, string> containers, ComponentDocs? docs = null)
    {
        _containers = containers;
        _docs = docs ?? ComponentDocs.None;
        _world = containers["-"];
        _file = file;
        foreach (DescribedType type in file.Types)
        {
            if (type.Kind == "named" && type.Fields.Count == 3)
            {
                _names[type.Fields[2]] = (ModuleDescription.Unescape(type.Fields[0]), ModuleDescription.Unescape(type.Fields[1]));
            }
        }

        foreach (DescribedType type in file.Types)
        {
            if (Problem is null)
            {
                Map(type);
            }
        }
    }

    public ComponentType? Get(string reference) =>
        Primitive(reference) ?? (_types.TryGetValue(reference, out ComponentType? type) ? type : Fail($"type {reference} is not described"));

    private void Map(DescribedType type)
    {
        EquatableArray<string> f = type.Fields;
        ComponentType? mapped;
        if (type.Kind == "named")
        {
            // The structure it names was declared under this name already; an alias (of a list, a primitive, another name) is its target.
            mapped = Get(f[2]);
            if (mapped is not null && Resources.TryGetValue(f[2], out ComponentResourceType? resource))
            {
                Resources[type.Id] = resource;
            }

            if (mapped is not null)
            {
                mapped = mapped with { WitText = ModuleDescription.Unescape(f[1]) };
            }
        }
        else
        {
            mapped = type.Kind switch
            {
                "list" => Wrap(f, e => new WitType(WitKind.List, e.Wit.ClrType + "[]", new[] { e.Wit }.ToEquatableArray(), EquatableArray<WitMember>.Empty, IsValueType: false), "list"),
                "resource" => Resource(type),
                "own" or "borrow" => Handle(type),
                "option" => Option(f),
                "result" => Result(f),
                "tuple" => Tuple(f),
                "record" or "variant" or "enum" or "flags" => Declared(type),
                _ => Fail($"the WIT type '{type.Kind}' is not supported"),
            };
        }

        if (mapped is not null)
        {
            _types[type.Id] = mapped;
        }
    }

    /// <summary>
    /// A resource the component defines: a sealed class nested in the world class, named after it; one it imports: an
    /// interface nested in the world class (<c>I</c> + its name) that the host implements. Its value type is the
    /// owning handle (a bare resource name in WIT is <c>own</c>).
    /// </summary>
    private ComponentType? Resource(DescribedType type)
    {
        if (type.Fields.Count < 2 || type.Fields[0] is not ("defined" or "imported"))
        {
            return Fail("a resource type needs to be defined or imported");
        }

        bool imported = type.Fields[0] == "imported";
        if (!_names.TryGetValue(type.Id, out (string Owner, string Name) named) && !(imported && NameFromFunctions(type.Id, out named)))
        {
            return Fail("a resource without a name cannot be declared in C#");
        }

        if (imported)
        {
            // The name an exported interface gives it by `use` may be the one described; its owner is the import that declares its functions.
            DescribedFunction? member = _file.Functions.FirstOrDefault(f => !f.IsExport && ComponentBinding.ResourceMember(f.Name)?.Resource == named.Name);
            named.Owner = member is null ? named.Owner : member.Interface ?? "-";
        }

        string name = (imported ? "I" : string.Empty) + ComponentNames.Pascal(named.Name);
        int index = Resources.Values.Distinct().Count();
        var resource = new ComponentResourceType(index, named.Name, named.Owner, name, _world + "." + name, type.Fields[1] == "-" ? null : type.Fields[1], imported);
        Resources[type.Id] = resource;
        return new ComponentType(new WitType(WitKind.Own, resource.FullName, EquatableArray<WitType>.Empty, EquatableArray<WitMember>.Empty, IsValueType: false, HostResource: imported ? index : -1), named.Name);
    }

    /// <summary>A resource the world imports has no named type: its name and owner are those of the imported functions whose handles name it.</summary>
    private bool NameFromFunctions(string resource, out (string Owner, string Name) named)
    {
        var handles = new HashSet<string>(_file.Types.Where(t => t.Kind is "own" or "borrow" && t.Fields.Count == 1 && t.Fields[0] == resource).Select(t => t.Id));
        foreach (DescribedFunction f in _file.Functions.Where(f => !f.IsExport))
        {
            if (ComponentBinding.ResourceMember(f.Name) is { } member && (handles.Contains(f.Result ?? string.Empty) || f.Parameters.Any(p => handles.Contains(p.Type))))
            {
                named = (f.Interface ?? "-", member.Resource);
                return true;
            }
        }

        named = default;
        return false;
    }

    private ComponentType? Handle(DescribedType type)
    {
        if (type.Fields.Count != 1 || Get(type.Fields[0]) is not { Wit.Kind: WitKind.Own } resource)
        {
            return Fail($"a {type.Kind} handle needs a resource type");
        }

        return type.Kind == "own"
            ? resource
            : new ComponentType(resource.Wit with { Kind = WitKind.Borrow }, $"borrow<{resource.WitText}>");
    }

    private ComponentType? Wrap(EquatableArray<string> f, System.Func<ComponentType, WitType> make, string kind)
    {
        ComponentType? element = f.Count == 1 ? Get(f[0]) : Fail($"a {kind} needs one element type");
        return element is null ? null : new ComponentType(make(element), $"{kind}<{element.WitText}>");
    }

    private ComponentType? Option(EquatableArray<string> f)
    {
        ComponentType? inner = f.Count == 1 ? Get(f[0]) : null;
        if (inner is null)
        {
            return Fail("an option needs one type");
        }

        return inner.Wit.Kind == WitKind.Option
            ? Fail($"option<{inner.WitText}> has no C# form (T?? is T?)")
            : new ComponentType(new WitType(WitKind.Option, inner.Wit.ClrType + "?", new[] { inner.Wit }.ToEquatableArray(), EquatableArray<WitMember>.Empty, IsValueType: inner.Wit.IsValueType), $"option<{inner.WitText}>");
    }

    private ComponentType? Result(EquatableArray<string> f)
    {
        ComponentType unit = new(WitType.Primitive(WitKind.Unit, "global::Bindgen.Unit"), "_");
        ComponentType? ok = f.Count == 2 ? (f[0] == "_" ? unit : Get(f[0])) : null;
        ComponentType? error = f.Count == 2 ? (f[1] == "_" ? unit : Get(f[1])) : null;
        if (ok is null || error is null)
        {
            return Fail("a result needs an ok and an error type");
        }

        string clr = $"global::Bindgen.Result<{ok.Wit.ClrType}, {error.Wit.ClrType}>";
        return new ComponentType(new WitType(WitKind.Result, clr, new[] { ok.Wit, error.Wit }.ToEquatableArray(), EquatableArray<WitMember>.Empty), $"result<{ok.WitText}, {error.WitText}>");
    }

    private ComponentType? Tuple(EquatableArray<string> f)
    {
        if (f.Count < 2)
        {
            return Fail("a tuple of one element has no C# tuple syntax");
        }

        var elements = new List<ComponentType>();
        foreach (string reference in f)
        {
            if (Get(reference) is not { } element)
            {
                return null;
            }

            elements.Add(element);
        }

        return new ComponentType(
            new WitType(WitKind.Tuple, "(" + string.Join(", ", elements.Select(e => e.Wit.ClrType)) + ")", elements.Select(e => e.Wit).ToEquatableArray(), EquatableArray<WitMember>.Empty),
            "tuple<" + string.Join(", ", elements.Select(e => e.WitText)) + ">");
    }

    /// <summary>A record, variant, enum or flags type: declared in its owner's container under its WIT name.</summary>
    private ComponentType? Declared(DescribedType type)
    {
        if (!_names.TryGetValue(type.Id, out (string Owner, string Name) named))
        {
            return Fail($"a {type.Kind} without a name cannot be declared in C#");
        }

        if (!_containers.TryGetValue(named.Owner, out string? container))
        {
            return Fail($"the {type.Kind} '{named.Name}' belongs to '{named.Owner}', which the component neither imports nor exports");
        }

        string name = ComponentNames.Pascal(named.Name);
        string full = container + "." + name;
        string what = $"The WIT {type.Kind} <c>{CSharpText.DocText(named.Name)}</c>" + (named.Owner == "-" ? " of the world." : $" of <c>{CSharpText.DocText(named.Owner)}</c>.");
        var members = new List<WitMember>();
        var declaration = new StringBuilder();
        foreach (string line in ComponentDocs.Summary(_docs.Type(named.Owner, named.Name), what))
        {
            declaration.Append(line).Append('\n');
        }

        string? ItemDoc(string label) => _docs.Item(named.Owner, named.Name, label);
        string[] labels = type.Fields.Select(ModuleDescription.Unescape).ToArray();
        Labels[full] = labels.Select(l => type.Kind is "record" or "variant" && l.LastIndexOf(':') >= 0 ? l.Substring(0, l.LastIndexOf(':')) : l).ToArray();
        switch (type.Kind)
        {
            case "record":
                var parameters = new List<string>();
                foreach (string field in labels)
                {
                    int colon = field.LastIndexOf(':');
                    if (colon < 0 || Get(field.Substring(colon + 1)) is not { } fieldType)
                    {
                        return Fail($"field '{field}' of record '{named.Name}' has no type");
                    }

                    string member = ComponentNames.Member(field.Substring(0, colon), name);
                    if (ItemDoc(field.Substring(0, colon)) is { } fieldDoc)
                    {
                        declaration.Append($"/// <param name=\"{member}\">{string.Join(" ", ComponentDocs.Lines(fieldDoc).Select(l => l.Substring(3).Trim()))}</param>\n");
                    }

                    members.Add(new WitMember(member, fieldType.Wit));
                    parameters.Add($"{fieldType.Wit.ClrType} {member}");
                }

                declaration.Append($"public sealed record {name}({string.Join(", ", parameters)});");
                Add(container, declaration.ToString());
                return new ComponentType(new WitType(WitKind.Record, full, EquatableArray<WitType>.Empty, members.ToEquatableArray(), IsValueType: false), named.Name);
            case "variant":
                declaration.Append($"public abstract record {name}\n{{\n    private {name}()\n    {{\n    }}\n");
                foreach (string label in labels)
                {
                    int colon = label.LastIndexOf(':');
                    string caseLabel = colon < 0 ? label : label.Substring(0, colon);
                    string caseName = ComponentNames.Case(caseLabel, name);
                    declaration.Append('\n');
                    foreach (string line in ComponentDocs.Summary(ItemDoc(caseLabel), $"The case <c>{CSharpText.DocText(caseLabel)}</c>.", "    "))
                    {
                        declaration.Append(line).Append('\n');
                    }

                    if (colon < 0)
                    {
                        declaration.Append($"    public sealed record {caseName}() : {name};\n");
                        members.Add(new WitMember(full + "." + caseName, null));
                        continue;
                    }

                    if (Get(label.Substring(colon + 1)) is not { } payload)
                    {
                        return null;
                    }

                    declaration.Append($"    public sealed record {caseName}({payload.Wit.ClrType} Value) : {name};\n");
                    members.Add(new WitMember(full + "." + caseName, payload.Wit, "Value"));
                }

                declaration.Append('}');
                Add(container, declaration.ToString());
                return new ComponentType(new WitType(WitKind.Variant, full, EquatableArray<WitType>.Empty, members.ToEquatableArray(), IsValueType: false), named.Name);
            case "enum":
                string[] cases = labels.Select(l => ComponentNames.Member(l, name)).ToArray();
                declaration.Append($"public enum {name}\n{{\n" + string.Join(",\n", cases.Select((c, i) => MemberDoc(ItemDoc(labels[i])) + "    " + c)) + ",\n}");
                Add(container, declaration.ToString());
                return new ComponentType(new WitType(WitKind.Enum, full, EquatableArray<WitType>.Empty, cases.Select(c => new WitMember(c, null)).ToEquatableArray()), named.Name);
            default:
                string[] flags = labels.Select(l => ComponentNames.Member(l, name)).ToArray();
                var lines = new List<string>();
                if (!flags.Contains("None"))
                {
                    lines.Add("    None = 0,");
                }

                lines.AddRange(flags.Select((flag, i) => $"{MemberDoc(ItemDoc(labels[i]))}    {flag} = 1u << {i.ToString(System.Globalization.CultureInfo.InvariantCulture)},"));
                declaration.Append($"[global::System.Flags]\npublic enum {name} : uint\n{{\n" + string.Join("\n", lines) + "\n}");
                Add(container, declaration.ToString());
                return new ComponentType(new WitType(WitKind.Flags, full, EquatableArray<WitType>.Empty, flags.Select(c => new WitMember(c, null)).ToEquatableArray()), named.Name);
        }
    }

    /// <summary>An enum member's doc lines (ending in a line break), or nothing without a WIT doc.</summary>
    private static string MemberDoc(string? doc) =>
        doc is null ? string.Empty : string.Concat(new[] { "    /// <summary>" }.Concat(ComponentDocs.Lines(doc, "    ")).Append("    /// </summary>").Select(l => l + "\n"));

    private void Add(string container, string declaration)
    {
        if (!Declarations.TryGetValue(container, out List<string>? list))
        {
            list = new List<string>();
            Declarations.Add(container, list);
        }

        list.Add(declaration);
    }

    private static ComponentType? Primitive(string reference) => reference switch
    {
        "bool" => P(WitKind.Bool, "bool"),
        "s8" => P(WitKind.S8, "sbyte"),
        "u8" => P(WitKind.U8, "byte"),
        "s16" => P(WitKind.S16, "short"),
        "u16" => P(WitKind.U16, "ushort"),
        "s32" => P(WitKind.S32, "int"),
        "u32" => P(WitKind.U32, "uint"),
        "s64" => P(WitKind.S64, "long"),
        "u64" => P(WitKind.U64, "ulong"),
        "f32" => P(WitKind.F32, "float"),
        "f64" => P(WitKind.F64, "double"),
        "char" => P(WitKind.Char, "global::System.Text.Rune"),
        "string" => new ComponentType(WitType.Primitive(WitKind.String, "string") with { IsValueType = false }, "string"),
        _ => null,
    };

    private static ComponentType P(WitKind kind, string clr) => new(WitType.Primitive(kind, clr), kind.ToString().ToLowerInvariant());

    /// <summary>Records a problem found while binding a function.</summary>
    public void Report(string problem) => Problem ??= problem;

    private ComponentType? Fail(string problem)
    {
        Problem ??= problem;
        return null;
    }
}
