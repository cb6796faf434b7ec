using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Bindgen.Generator.Abi.C;
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
internal sealed partial class MemberParser
{
    /// <summary>Members of every generated binding class and of <see cref="object"/>: methods named so are implemented explicitly.</summary>
    private static readonly HashSet<string> ClassMemberNames = new(StringComparer.Ordinal)
    {
        "Instance", "Memory", "Instantiate", "LoadModule", "Binding", "_memory",
        "Equals", "GetHashCode", "ToString", "GetType", "Finalize", "MemberwiseClone", "ReferenceEquals",
    };

    private readonly BindingInfo _binding;
    private readonly INamedTypeSymbol _type;
    private readonly string _className;
    private readonly LocationInfo? _typeLocation;
    private readonly List<MethodModel> _methods;
    private readonly List<MemberStub> _stubs;
    private readonly List<DiagnosticInfo> _diagnostics;

    public MemberParser(BindingInfo binding, INamedTypeSymbol type, string className, LocationInfo? typeLocation, List<MethodModel> methods, List<MemberStub> stubs, List<DiagnosticInfo> diagnostics)
    {
        _binding = binding;
        _type = type;
        _className = className;
        _typeLocation = typeLocation;
        _methods = methods;
        _stubs = stubs;
        _diagnostics = diagnostics;
    }

    public void ParseMembers(CancellationToken cancellationToken)
    {
        var exportOwners = new Dictionary<string, string>(StringComparer.Ordinal);
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

            LocationInfo? memberLocation = LocationOf(member.Locations.FirstOrDefault()) ?? _typeLocation;
            string? problem = MemberProblem(member);
            if (problem is not null)
            {
                Unsupported(member, memberLocation, problem);
                continue;
            }

            var method = (IMethodSymbol)member;
            int errorsBefore = _diagnostics.Count;
            MethodModel? model = ParseMethod(method, memberLocation);
            if (model is not null && exportOwners.TryGetValue(model.ExportName, out string? owner))
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

            exportOwners.Add(model.ExportName, method.Name);
            parsed.Add((method, model));
        }

        AssignFieldNames(parsed, members);
    }

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

    private MethodModel? ParseMethod(IMethodSymbol method, LocationInfo? methodLocation)
    {
        if (_binding.Abi == AbiKind.Canonical)
        {
            return ParseCanonicalMethod(method, methodLocation);
        }

        if (_binding.Abi == AbiKind.WasmBindgen)
        {
            return ParseWasmBindgenMethod(method, methodLocation);
        }

        int errorsBefore = _diagnostics.Count;
        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
        var parameters = new List<ParameterModel>();
        string? cancellationToken = null;

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            LocationInfo? parameterLocation = LocationOf(ParameterTypeLocation(parameter)) ?? methodLocation;
            if (IsCancellationToken(parameter.Type) && parameter.RefKind == RefKind.None)
            {
                // Not lowered: the token never reaches wasm; the glue registers it around the invoke.
                string? problem = _binding.Kind == BindingKind.Imports
                    ? $"parameter '{parameter.Name}' of '{method.Name}' is a CancellationToken, but the guest calls an import and has no host token to pass; remove it (a cancelled export call also interrupts the imports it calls)"
                    : parameter.Ordinal != method.Parameters.Length - 1
                        ? $"parameter '{parameter.Name}' of '{method.Name}' is a CancellationToken, which Bindgen supports only as the last parameter; move it to the end"
                        : null;
                if (problem is not null)
                {
                    _diagnostics.Add(Diagnostic(DiagnosticDescriptors.MisplacedCancellationToken, parameterLocation, problem));
                }
                else
                {
                    cancellationToken = Emit.CSharpText.Identifier(parameter.Name);
                }

                continue;
            }

            if (parameter.Type.ToDisplayString() == "Bindgen.ImportContext" && parameter.RefKind == RefKind.None)
            {
                if (_binding.Kind != BindingKind.Imports || parameter.Ordinal != 0)
                {
                    _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation,
                        $"parameter '{parameter.Name}' of '{method.Name}' is an ImportContext, which only the first parameter of a [WasmImports] method can be"));
                    continue;
                }

                parameters.Add(new ParameterModel(Emit.CSharpText.Identifier(parameter.Name), new TypeModel(TypeShape.ImportContext, ScalarKind.None, "global::Bindgen.ImportContext")));
                continue;
            }

            Passing passing = parameter.RefKind switch
            {
                RefKind.None => Passing.Value,
                RefKind.Ref => Passing.Ref,
                RefKind.Out => Passing.Out,
                RefKind.In => Passing.In,
                _ => Passing.RefReadonly,
            };
            TypeModel? type = MarshallerResolver.Resolve(parameter.Type, ValuePosition.Parameter, out string? layoutProblem);
            if (CStringAttribute(parameter.GetAttributes()) is not null)
            {
                if (parameter.Type.SpecialType != SpecialType.System_String)
                {
                    _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, parameterLocation,
                        $"Parameter '{parameter.Name}' of '{method.Name}'", Display(parameter.Type), "; [CString] applies to string and string? only", MarshallerResolver.SupportedTypes));
                    continue;
                }

                type = MarshallerResolver.CString(parameter.Type, owned: false);
            }

            if (type is null || (parameter.IsParams && type.Shape != TypeShape.Array))
            {
                string why = layoutProblem is not null ? "; " + layoutProblem : Suggestion(parameter.Type, isReturn: false);
                _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, parameterLocation,
                    $"Parameter '{parameter.Name}' of '{method.Name}'", Display(parameter.Type), why, MarshallerResolver.SupportedTypes));
                continue;
            }

            if (parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.OutAttribute"))
            {
                if (type.Shape != TypeShape.Span || passing != Passing.Value)
                {
                    _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation,
                        $"parameter '{parameter.Name}' of '{method.Name}' is marked [Out], which Bindgen supports on Span<T> (a caller-allocated output buffer) only"));
                    continue;
                }

                type = type with { OutOnly = true };
            }

            if (passing != Passing.Value && !MarshallerResolver.CanPassByReference(type))
            {
                string how = parameter.RefKind switch
                {
                    RefKind.Out => "out",
                    RefKind.Ref => "ref",
                    RefKind.In => "in",
                    _ => "ref readonly",
                };
                _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation,
                    $"parameter '{parameter.Name}' of '{method.Name}' is passed by reference ({how}), which Bindgen supports for primitives, enums and C structs only; pass a {Display(parameter.Type)} by value"));
                continue;
            }

            parameters.Add(new ParameterModel(Emit.CSharpText.Identifier(parameter.Name), type, parameter.IsParams, Passing: passing));
        }

        TypeModel? returnType = MarshallerResolver.Resolve(method.ReturnType, ValuePosition.Result, out string? returnProblem);
        if (CStringAttribute(method.GetReturnTypeAttributes()) is { } cstring)
        {
            returnType = method.ReturnType.SpecialType == SpecialType.System_String
                ? MarshallerResolver.CString(method.ReturnType, owned: cstring.NamedArguments.Any(a => a.Key == "Owned" && a.Value.Value is true))
                : null;
            returnProblem = returnType is null ? "[CString] applies to string and string? only" : null;
        }

        LoweredSignature? lowered = null;
        if (returnType is null)
        {
            LocationInfo? returnLocation = LocationOf(syntax?.ReturnType.GetLocation()) ?? methodLocation;
            string why = returnProblem is not null ? "; " + returnProblem : Suggestion(method.ReturnType, isReturn: true);
            _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, returnLocation,
                $"The return type of '{method.Name}'", Display(method.ReturnType), why, MarshallerResolver.SupportedTypes));
        }
        else
        {
            lowered = CAbi.Lower(parameters, returnType);
            // The C convention calls past Wasmtime's typed limits untyped, so only the engine's own limit applies.
            if (_diagnostics.Count == errorsBefore && lowered.Parameters.Count > BindingInfo.MaxExportParameters)
            {
                _diagnostics.Add(Diagnostic(DiagnosticDescriptors.TooManyParameters, methodLocation, method.Name,
                    lowered.Parameters.Count.ToString(CultureInfo.InvariantCulture), BindingInfo.MaxExportParameters.ToString(CultureInfo.InvariantCulture), _binding.Noun));
            }
        }

        string? exportName = ExportName(method, methodLocation);
        if (_diagnostics.Count != errorsBefore || returnType is null || lowered is null || exportName is null)
        {
            return null;
        }

        string prefix = "__";
        while (parameters.Any(p => p.PlainName.StartsWith(prefix, StringComparison.Ordinal))
               || (cancellationToken is not null && cancellationToken.TrimStart('@').StartsWith(prefix, StringComparison.Ordinal)))
        {
            prefix += "_";
        }

        parameters = parameters.Select(p => p with { LocalPrefix = prefix }).ToList();
        bool isPublic = method.DeclaredAccessibility == Accessibility.Public;
        bool explicitly = !isPublic || ClassMemberNames.Contains(method.Name) || method.Name == _className;
        return new MethodModel(method.Name, exportName, parameters.ToEquatableArray(), returnType, FieldName: string.Empty,
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), explicitly, lowered, cancellationToken, prefix, ExportNameLocation(method) ?? methodLocation);
    }

    private static AttributeData? CStringAttribute(System.Collections.Immutable.ImmutableArray<AttributeData> attributes) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Bindgen.CStringAttribute");

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    private static string Suggestion(ITypeSymbol type, bool isReturn) =>
        TypeSuggestions.Nearest(type, isReturn) is { } nearest ? "; the nearest supported type is " + nearest : string.Empty;

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

    private string? ExportName(IMethodSymbol method, LocationInfo? methodLocation)
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

    private AttributeData? NameAttribute(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == _binding.NameAttribute);

    private LocationInfo? ExportNameLocation(IMethodSymbol method) => AttributeArgumentLocation(NameAttribute(method));

    private static Location? ParameterTypeLocation(IParameterSymbol parameter) =>
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
