using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Bindgen.Generator.Abi;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Parse;

/// <summary>
/// Parses the members of one binding interface: each abstract method becomes a <see cref="MethodModel"/>; each
/// member that cannot be bound gets a BG error and, in a [WasmModule] class, a throwing stub in its place.
/// </summary>
internal sealed class MemberParser
{
    /// <summary>Members of every generated binding class and of <see cref="object"/>: methods named so are implemented explicitly.</summary>
    private static readonly HashSet<string> ClassMemberNames = new(StringComparer.Ordinal)
    {
        "Instance", "Memory", "Instantiate", "LoadModule", "Binding", "_memory",
        "Equals", "GetHashCode", "ToString", "GetType", "Finalize", "MemberwiseClone", "ReferenceEquals",
    };

    private readonly BindingInfo _binding;
    private readonly IAbiBackend? _backend;
    private readonly INamedTypeSymbol _type;
    private readonly string _className;
    private readonly LocationInfo? _typeLocation;
    private readonly List<MethodModel> _methods;
    private readonly List<MemberStub> _stubs;
    private readonly List<DiagnosticInfo> _diagnostics;

    public MemberParser(BindingInfo binding, INamedTypeSymbol type, string className, LocationInfo? typeLocation, List<MethodModel> methods, List<MemberStub> stubs, List<DiagnosticInfo> diagnostics)
    {
        _binding = binding;
        _backend = AbiBackends.Find(binding.Abi);
        _type = type;
        _className = className;
        _typeLocation = typeLocation;
        _methods = methods;
        _stubs = stubs;
        _diagnostics = diagnostics;
    }

    /// <summary>What differs between exports and imports, and the binding's ABI.</summary>
    internal BindingInfo Binding => _binding;

    /// <summary>Every diagnostic of the interface so far; an ABI's method parse adds its own.</summary>
    internal List<DiagnosticInfo> Diagnostics => _diagnostics;

    /// <summary>Whether a method of this name must be implemented explicitly: the generated class or object already uses the name.</summary>
    internal bool IsReservedName(string name) => ClassMemberNames.Contains(name) || name == _className;

    public void ParseMembers(CancellationToken cancellationToken)
    {
        // An ABI value without a backend is reported at the attribute; its members have no ABI to be parsed under.
        if (_backend is null)
        {
            return;
        }

        var exportOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var publicSignatures = new HashSet<string>(StringComparer.Ordinal);
        var parsed = new List<(IMethodSymbol Method, MethodModel Model)>();
        ISymbol[] members = _type.GetMembers().Concat(_type.AllInterfaces.SelectMany(i => i.GetMembers())).ToArray();
        foreach (ISymbol member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Members with a body (default implementations, static virtual members) need no implementation.
            if (!member.IsAbstract || member is IMethodSymbol { AssociatedSymbol: not null })
            {
                continue; // accessors are handled through their property or event
            }

            // A nested interface the ABI binds itself (a wasm-bindgen class) is not a member of the binding class.
            if (member is INamedTypeSymbol { TypeKind: TypeKind.Interface } && _backend.BindsNestedInterfaces && _binding.Kind == BindingKind.Exports)
            {
                continue;
            }

            LocationInfo? memberLocation = LocationOf(member.Locations.FirstOrDefault()) ?? _typeLocation;
            string? problem = MemberProblem(member);
            if (problem is not null)
            {
                Unsupported(member, memberLocation, problem);
                continue;
            }

            var method = (IMethodSymbol)member;
            int errorsBefore = _diagnostics.Count;
            MethodModel? model = _backend.ParseMethod(this, method, memberLocation);
            if (model is not null && exportOwners.TryGetValue(model.ExportName, out string? owner) && !(owner == method.Name && _backend.OverloadsShareAnExport && _binding.Kind == BindingKind.Exports))
            {
                _diagnostics.Add(Diagnostic(DiagnosticDescriptors.DuplicateExportName, ExportNameLocation(method) ?? memberLocation, method.Name, _binding.Noun, model.ExportName, owner));
                model = null;
            }

            if (model is null)
            {
                if (_diagnostics.Count == errorsBefore)
                {
                    throw new InvalidOperationException("a member was refused without a diagnostic");
                }

                AddStub(member);
                continue;
            }

            // A base interface's method hidden by a derived one of the same signature: the class can implement only
            // one of them publicly, so the others are implemented explicitly.
            if (!model.ImplementExplicitly && !publicSignatures.Add(SignatureKey(method)))
            {
                model = model with { ImplementExplicitly = true };
            }

            exportOwners[model.ExportName] = method.Name;
            parsed.Add((method, model));
        }

        AssignFieldNames(parsed, members);
    }

    /// <summary>What makes two methods the same member of a class: the name and the parameters' types and passing.</summary>
    private static string SignatureKey(IMethodSymbol method) =>
        method.Name + "(" + string.Join(",", method.Parameters.Select(p => p.RefKind + " " + p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))) + ")";

    /// <summary>Why a member cannot be bound at all, or null for a method whose signature is checked next.</summary>
    private string? MemberProblem(ISymbol member)
    {
        string name = member.Name;
        if (member.IsStatic)
        {
            return $"'{name}' is a static abstract member; a binding binds instance methods only";
        }

        if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
        {
            return $"'{name}' is {Article(MemberKindName(member))}; a {_binding.AttributeName} interface may only declare methods";
        }

        if (method.IsGenericMethod)
        {
            return $"'{name}' is a generic method; WebAssembly functions have fixed types";
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return $"'{name}' returns by reference, which Bindgen does not support; return the value";
        }

        if (_binding.Kind == BindingKind.Imports)
        {
            if (method.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedAndInternal or Accessibility.Private)
            {
                return $"'{name}' is {method.DeclaredAccessibility.ToString().ToLowerInvariant()}, so the generated registration cannot call it; make it public or internal";
            }

            if (IsObsoleteAsError(method))
            {
                return $"'{name}' is marked [Obsolete] as an error, so the generated registration cannot call it";
            }
        }

        return null;
    }

    private void Unsupported(ISymbol member, LocationInfo? location, string problem)
    {
        _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, location, problem));
        AddStub(member);
    }

    private void AddStub(ISymbol member)
    {
        // An import registration calls only the methods it binds; the user's own class implements the rest.
        if (_binding.Kind == BindingKind.Exports && MemberStubs.For(member, _type.Name) is { } stub)
        {
            _stubs.Add(stub);
        }
    }

    /// <summary>
    /// Names the field that holds each method's export: the method's name when no other bound method shares it,
    /// its position otherwise (overloads), never equal to a member name of the interface.
    /// </summary>
    private void AssignFieldNames(List<(IMethodSymbol Method, MethodModel Model)> parsed, ISymbol[] members)
    {
        var taken = new HashSet<string>(members.Select(m => m.Name), StringComparer.Ordinal) { "_memory", _className };
        var nameCounts = parsed.GroupBy(p => p.Model.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        for (int i = 0; i < parsed.Count; i++)
        {
            MethodModel model = parsed[i].Model;
            string field = nameCounts[model.Name] == 1 ? "_export_" + model.Name : "_export_" + i.ToString(CultureInfo.InvariantCulture) + "_" + model.Name;
            while (!taken.Add(field))
            {
                field += "_";
            }

            _methods.Add(model with { FieldName = field });
        }
    }

    /// <summary>[WasmExport]/[WasmImport] when given (checked), else the method's name in snake_case.</summary>
    internal string? ExportName(IMethodSymbol method, LocationInfo? methodLocation)
    {
        AttributeData? attribute = NameAttribute(method);
        if (attribute is null)
        {
            return NameMapping.ToSnakeCase(method.Name);
        }

        LocationInfo? location = ExportNameLocation(method) ?? methodLocation;
        string? name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        string? problem = NameMapping.ExportNameProblem(name);
        if (problem is not null)
        {
            _diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidExportName, location, name ?? "null", problem));
            return null;
        }

        return name;
    }

    internal AttributeData? NameAttribute(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == _binding.NameAttribute);

    internal LocationInfo? ExportNameLocation(IMethodSymbol method) => AttributeArgumentLocation(NameAttribute(method));

    internal static Location? ParameterTypeLocation(IParameterSymbol parameter) =>
        parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is ParameterSyntax { Type: { } type }
            ? type.GetLocation()
            : parameter.Locations.FirstOrDefault();

    private static string Article(string noun) => ("aeiou".IndexOf(noun[0]) >= 0 ? "an " : "a ") + noun;

    private static string MemberKindName(ISymbol member) => member switch
    {
        IPropertySymbol { IsIndexer: true } => "indexer",
        IPropertySymbol => "property",
        IEventSymbol => "event",
        IMethodSymbol m => m.MethodKind switch
        {
            MethodKind.UserDefinedOperator or MethodKind.Conversion => "operator",
            _ => m.MethodKind.ToString().ToLowerInvariant(),
        },
        _ => member.Kind.ToString().ToLowerInvariant(),
    };
}
