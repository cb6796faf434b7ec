using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Parse;

/// <summary>The canonical ABI's method parse: WIT types for every parameter and the result, kebab-case export names.</summary>
internal sealed partial class MemberParser
{
    private MethodModel? ParseCanonicalMethod(IMethodSymbol method, LocationInfo? methodLocation)
    {
        int errorsBefore = _diagnostics.Count;
        var parser = new CanonicalTypeParser();
        var parameters = new List<ParameterModel>();
        var witParameters = new List<WitType>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            LocationInfo? parameterLocation = LocationOf(ParameterTypeLocation(parameter)) ?? methodLocation;
            if (parameter.RefKind != RefKind.None)
            {
                _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation,
                    $"parameter '{parameter.Name}' of '{method.Name}' is passed by reference, which the canonical ABI has no form for; pass it by value"));
                continue;
            }

            WitType? type = parser.Parse(parameter.Type, isParameter: true);
            if (type is null || (parameter.IsParams && type is { Kind: not WitKind.List } or { IsSpan: true }))
            {
                _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, parameterLocation,
                    $"Parameter '{parameter.Name}' of '{method.Name}'", CanonicalTypeParser.Display(parameter.Type), "; " + (type is null ? parser.Problem : "a params parameter must be an array"), CanonicalTypeParser.SupportedTypes));
                continue;
            }

            witParameters.Add(type);
            parameters.Add(new ParameterModel(Emit.CSharpText.Identifier(parameter.Name), new TypeModel(TypeShape.Scalar, ScalarKind.None, CanonicalTypeParser.Display(parameter.Type)), parameter.IsParams));
        }

        WitType? result = null;
        if (!method.ReturnsVoid)
        {
            result = parser.Parse(method.ReturnType, isParameter: false);
            if (result is null)
            {
                var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
                _diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, LocationOf(syntax?.ReturnType.GetLocation()) ?? methodLocation,
                    $"The return type of '{method.Name}'", CanonicalTypeParser.Display(method.ReturnType), "; " + parser.Problem, CanonicalTypeParser.SupportedTypes));
            }
        }

        string? exportName = CanonicalExportName(method, methodLocation);
        if (_diagnostics.Count != errorsBefore || exportName is null)
        {
            return null;
        }

        string prefix = "__";
        while (parameters.Any(p => p.PlainName.StartsWith(prefix, StringComparison.Ordinal)))
        {
            prefix += "_";
        }

        parameters = parameters.Select(p => p with { LocalPrefix = prefix }).ToList();
        TypeModel returnType = method.ReturnsVoid
            ? new TypeModel(TypeShape.Void, ScalarKind.None, "void")
            : new TypeModel(TypeShape.Scalar, ScalarKind.None, CanonicalTypeParser.Display(method.ReturnType));
        bool explicitly = method.DeclaredAccessibility != Accessibility.Public || ClassMemberNames.Contains(method.Name) || method.Name == _className || method.Name == "_guest";
        var signature = new CanonicalSignature(witParameters.ToEquatableArray(), result);
        LoweredSignature lowered = _binding.Kind == BindingKind.Imports ? CanonicalAbi.LowerImport(witParameters, result) : CanonicalAbi.Lower(witParameters, result);
        // Past Wasmtime's typed limits exports and imports are called untyped; only the engine's own limit remains.
        if (lowered.Parameters.Count > BindingInfo.MaxExportParameters)
        {
            _diagnostics.Add(Diagnostic(DiagnosticDescriptors.TooManyParameters, methodLocation, method.Name,
                lowered.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), BindingInfo.MaxExportParameters.ToString(System.Globalization.CultureInfo.InvariantCulture), _binding.Noun));
            return null;
        }

        return new MethodModel(method.Name, exportName, parameters.ToEquatableArray(), returnType, FieldName: string.Empty,
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), explicitly, lowered, Location: ExportNameLocation(method) ?? methodLocation, Canonical: signature);
    }

    /// <summary>[WasmExport] when given; else the method's name in kebab-case, after <c>{Interface}#</c> when an interface is set.</summary>
    private string? CanonicalExportName(IMethodSymbol method, LocationInfo? methodLocation)
    {
        if (NameAttribute(method) is not null)
        {
            return ExportName(method, methodLocation);
        }

        string name = NameMapping.ToSnakeCase(method.Name).Replace('_', '-');
        return _binding.Interface is { } iface && _binding.Kind == BindingKind.Exports ? iface + "#" + name : name;
    }
}
