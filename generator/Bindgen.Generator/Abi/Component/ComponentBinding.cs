using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>One WIT interface as C#: its interface type, its functions as canonical-ABI methods, and (for exports) their lifts.</summary>
/// <param name="Wit">The WIT interface name, or null for the world's own functions.</param>
/// <param name="IsExport">Exported (the component implements it) or imported (the user does).</param>
/// <param name="TypeName">The C# interface's simple name.</param>
/// <param name="FullName">The C# interface's full name (<c>global::</c>...).</param>
/// <param name="Module">The canonical emitters' model of it.</param>
/// <param name="Lifts">For an export: each method's lift, in method order.</param>
/// <param name="WitSignatures">Each method's WIT signature, for the XML docs.</param>
internal sealed record ComponentInterface(string? Wit, bool IsExport, string TypeName, string FullName, ModuleModel Module, List<DescribedLift> Lifts, List<string> WitSignatures)
{
    /// <summary>The property (exports) or parameter (imports) that carries it; world-level functions have none.</summary>
    public string MemberName => ComponentNames.Pascal(TypeName.Substring(1));
}

/// <summary>Builds the canonical emitters' models for a component's interfaces from its description.</summary>
internal static class ComponentBinding
{
    public static List<ComponentInterface> Interfaces(ComponentFile file, ComponentTypes types, string? ns, string worldClass, out string? problem)
    {
        problem = null;
        var result = new List<ComponentInterface>();
        var names = new Dictionary<(string?, bool), string>();
        foreach (DescribedInterface i in file.Interfaces)
        {
            names[(i.Name, i.IsExport)] = InterfaceTypeName(file, i, worldClass);
        }

        foreach (bool isExport in new[] { false, true })
        {
            var keys = file.Interfaces.Where(x => x.IsExport == isExport).Select(x => (string?)x.Name).ToList();
            if (file.Functions.Any(f => f.IsExport == isExport && f.Interface is null))
            {
                keys.Add(null);
            }

            foreach (string? key in keys)
            {
                DescribedFunction[] group = file.Functions.Where(f => f.IsExport == isExport && f.Interface == key).ToArray();
                string typeName = key is null ? "I" + worldClass + (isExport ? "Exports" : "Imports") : names[(key, isExport)];
                string full = "global::" + (ns is null ? string.Empty : CSharpText.QualifiedIdentifier(ns) + ".") + typeName;
                var methods = new List<MethodModel>();
                var lifts = new List<DescribedLift>();
                var docs = new List<string>();
                var declaredTypes = new HashSet<string>(file.Interfaces.Where(x => x.Name == key).SelectMany(x => x.Types).Select(id => types.Get(id)?.Wit.ClrType ?? string.Empty));
                foreach (DescribedFunction function in group)
                {
                    MethodModel? method = Method(function, types, full, isExport, methods.Count, declaredTypes, out string signature);
                    if (method is null)
                    {
                        problem = types.Problem ?? $"function '{function.Name}' cannot be bound";
                        return result;
                    }

                    methods.Add(method);
                    docs.Add(signature);
                    if (isExport)
                    {
                        DescribedLift? lift = file.Lifts.FirstOrDefault(l => l.Interface == function.Interface && l.Name == function.Name);
                        if (lift is null)
                        {
                            problem = $"the exported function '{function.Name}' has no lift in the description";
                            return result;
                        }

                        lifts.Add(lift);
                    }
                }

                var module = new ModuleModel(
                    isExport ? BindingKind.Exports : BindingKind.Imports, key, ns, typeName, full, "__" + typeName.Substring(1) + "Core", "private",
                    file.FileName, methods.ToEquatableArray(), EquatableArray<MemberStub>.Empty, EquatableArray<DiagnosticInfo>.Empty, true, null, CanonicalModule.Instance);
                result.Add(new ComponentInterface(key, isExport, typeName, full, module, lifts, docs));
            }
        }

        return result;
    }

    /// <summary><c>I</c> + the interface's name in PascalCase; with its package when two interfaces share a name.</summary>
    public static string InterfaceTypeName(ComponentFile file, DescribedInterface i, string worldClass)
    {
        string name = "I" + ComponentNames.Pascal(i.ShortName);
        bool clash = file.Interfaces.Any(o => o != i && o.ShortName == i.ShortName) || name == "I" + worldClass + "Imports" || name == "I" + worldClass + "Exports";
        return clash ? "I" + ComponentNames.Pascal((i.Package ?? string.Empty) + "-" + i.ShortName) + (file.Interfaces.Count(o => o.Name == i.Name) > 1 && i.IsExport ? "Export" : string.Empty) : name;
    }

    /// <summary>
    /// The C# name of an imported resource's function: a method is a member of the resource's interface under its own
    /// name; the constructor (<c>NewBlob</c>) and static functions (<c>BlobMake</c>) are members of the imported interface.
    /// </summary>
    private static string HostResourceMemberName((string Kind, string Resource, string Name) member) => member.Kind switch
    {
        "constructor" => "New" + ComponentNames.Pascal(member.Resource),
        "static" => ComponentNames.Pascal(member.Resource) + ComponentNames.Pascal(member.Name),
        _ => ComponentNames.Pascal(member.Name),
    };

    /// <summary>A resource's function, by its name's annotation: <c>[constructor]r</c>, <c>[method]r.name</c>, <c>[static]r.name</c>; null for a plain function.</summary>
    public static (string Kind, string Resource, string Name)? ResourceMember(string witName)
    {
        foreach (string kind in new[] { "constructor", "method", "static" })
        {
            string prefix = "[" + kind + "]";
            if (witName.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                string rest = witName.Substring(prefix.Length);
                int dot = rest.IndexOf('.');
                return kind == "constructor" || dot < 0 ? (kind, rest, rest) : (kind, rest.Substring(0, dot), rest.Substring(dot + 1));
            }
        }

        return null;
    }

    /// <summary>
    /// Where handles are bound, passed flat: a resource the component defines in parameters and results of exported
    /// functions of the interface that defines it; one it imports in any function.
    /// </summary>
    private static string? HandleProblem(DescribedFunction function, List<WitType> parameters, WitType? result, ComponentTypes types)
    {
        IEnumerable<WitType> handles = parameters.Concat(result is null ? Enumerable.Empty<WitType>() : new[] { result }).SelectMany(HandlesIn);
        foreach (WitType handle in handles)
        {
            ComponentResourceType resource = types.Resources.Values.First(r => r.FullName == handle.ClrType);
            if (resource.Imported)
            {
                continue; // the instance's table of host objects serves every function, imported or exported
            }

            if (!function.IsExport)
            {
                return $"the imported function '{function.Name}' passes the resource '{resource.WitName}'; Bindgen binds resource handles in exported functions only yet";
            }

            if (resource.Owner != (function.Interface ?? "-"))
            {
                return $"the function '{function.Name}' passes the resource '{resource.WitName}', which '{resource.Owner}' defines; Bindgen binds handles in the interface that defines the resource only yet";
            }
        }

        if (result is { Kind: WitKind.Borrow })
        {
            return $"the function '{function.Name}' returns a borrowed handle, which the component model does not allow";
        }

        return parameters.Any(p => p.Kind is WitKind.Own or WitKind.Borrow) && CanonicalAbi.ParametersSpill(parameters)
            ? $"the function '{function.Name}' passes resource handles among more than {CanonicalAbi.MaxFlatParams} flat parameters, which Bindgen does not support yet"
            : null;
    }

    /// <summary>The handles a value of <paramref name="t"/> holds anywhere in its tree (itself, when it is one).</summary>
    private static IEnumerable<WitType> HandlesIn(WitType t) =>
        t.Kind is WitKind.Own or WitKind.Borrow
            ? new[] { t }
            : t.Elements.SelectMany(HandlesIn).Concat(t.Members.Where(m => m.Type is not null).SelectMany(m => HandlesIn(m.Type!)));

    internal static MethodModel? Method(DescribedFunction function, ComponentTypes types, string interfaceFullName, bool isExport, int index, HashSet<string> declaredTypes, out string signature)
    {
        signature = string.Empty;
        var parameters = new List<ParameterModel>();
        var wit = new List<WitType>();
        var witText = new List<string>();
        foreach (DescribedParameter p in function.Parameters)
        {
            if (types.Get(p.Type) is not { } type)
            {
                return null;
            }

            parameters.Add(new ParameterModel(ComponentNames.Camel(p.Name), new TypeModel(TypeShape.Scalar, ScalarKind.None, type.Wit.ClrType)));
            wit.Add(type.Wit);
            witText.Add(p.Name + ": " + type.WitText);
        }

        ComponentType? result = null;
        if (function.Result is { } r && (result = types.Get(r)) is null)
        {
            return null;
        }

        string prefix = "__";
        while (parameters.Any(p => p.PlainName.StartsWith(prefix, System.StringComparison.Ordinal)))
        {
            prefix += "_";
        }

        if (HandleProblem(function, wit, result?.Wit, types) is { } handleProblem)
        {
            types.Report(handleProblem);
            return null;
        }

        string name = ResourceMember(function.Name) is not { } member ? ComponentNames.Pascal(function.Name)
            : !isExport ? HostResourceMemberName(member)
            : $"__{ComponentNames.Pascal(member.Resource)}_{(member.Kind == "constructor" ? "New" : ComponentNames.Pascal(member.Name))}";
        if (declaredTypes.Any(t => t.EndsWith("." + name, System.StringComparison.Ordinal)))
        {
            name += "Function"; // a method cannot share its name with a type its interface declares
        }

        signature = $"{function.Name}: func({string.Join(", ", witText)})" + (result is null ? string.Empty : " -> " + result.WitText);
        TypeModel returnType = result is null ? new TypeModel(TypeShape.Void, ScalarKind.None, "void") : new TypeModel(TypeShape.Scalar, ScalarKind.None, result.Wit.ClrType);
        LoweredSignature lowered = isExport ? CanonicalAbi.Lower(wit, result?.Wit) : CanonicalAbi.LowerImport(wit, result?.Wit);
        return new MethodModel(name, function.Name, parameters.Select(p => p with { LocalPrefix = prefix }).ToEquatableArray(), returnType,
            "_f" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), interfaceFullName, false, lowered, new CanonicalSignature(wit.ToEquatableArray(), result?.Wit));
    }
}
