using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>The canonical ABI's method parse: WIT types for every parameter and the result, kebab-case export names.</summary>
internal static class CanonicalMethodParser
{
    public static MethodModel? Parse(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation)
    {
        List<DiagnosticInfo> diagnostics = parser.Diagnostics;
        int errorsBefore = diagnostics.Count;
        var types = new CanonicalTypeParser();
        var parameters = new List<ParameterModel>();
        var witParameters = new List<WitType>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            LocationInfo? parameterLocation = LocationOf(MemberParser.ParameterTypeLocation(parameter)) ?? methodLocation;
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation,
                    $"parameter '{parameter.Name}' of '{method.Name}' is passed by reference, which the canonical ABI has no form for; pass it by value"));
                continue;
            }

            WitType? type = types.Parse(parameter.Type, isParameter: true);
            if (type is null || (parameter.IsParams && type is { Kind: not WitKind.List } or { IsSpan: true }))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, parameterLocation,
                    $"Parameter '{parameter.Name}' of '{method.Name}'", CanonicalTypeParser.Display(parameter.Type), "; " + (type is null ? types.Problem : "a params parameter must be an array"), CanonicalTypeParser.SupportedTypes));
                continue;
            }

            witParameters.Add(type);
            parameters.Add(new ParameterModel(CSharpText.Identifier(parameter.Name), new TypeModel(TypeShape.Scalar, ScalarKind.None, CanonicalTypeParser.Display(parameter.Type)), parameter.IsParams));
        }

        WitType? result = null;
        if (!method.ReturnsVoid)
        {
            result = types.Parse(method.ReturnType, isParameter: false);
            if (result is null)
            {
                var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, LocationOf(syntax?.ReturnType.GetLocation()) ?? methodLocation,
                    $"The return type of '{method.Name}'", CanonicalTypeParser.Display(method.ReturnType), "; " + types.Problem, CanonicalTypeParser.SupportedTypes));
            }
        }

        string? exportName = ExportName(parser, method, methodLocation);
        if (diagnostics.Count != errorsBefore || exportName is null)
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
        bool explicitly = method.DeclaredAccessibility != Accessibility.Public || parser.IsReservedName(method.Name) || method.Name == "_guest";
        var signature = new CanonicalSignature(witParameters.ToEquatableArray(), result);
        LoweredSignature lowered = parser.Binding.Kind == BindingKind.Imports ? CanonicalAbi.LowerImport(witParameters, result) : CanonicalAbi.Lower(witParameters, result);
        // Past Wasmtime's typed limits exports and imports are called untyped; only the engine's own limit remains.
        if (lowered.Parameters.Count > BindingInfo.MaxExportParameters)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.TooManyParameters, methodLocation, method.Name,
                lowered.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), BindingInfo.MaxExportParameters.ToString(System.Globalization.CultureInfo.InvariantCulture), parser.Binding.Noun));
            return null;
        }

        return new MethodModel(method.Name, exportName, parameters.ToEquatableArray(), returnType, FieldName: string.Empty,
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), explicitly, lowered, signature, Location: parser.ExportNameLocation(method) ?? methodLocation);
    }

    /// <summary>[WasmExport] when given; else the method's name in kebab-case, after <c>{Interface}#</c> when an interface is set.</summary>
    private static string? ExportName(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation)
    {
        if (parser.NameAttribute(method) is not null)
        {
            return parser.ExportName(method, methodLocation);
        }

        string name = NameMapping.ToSnakeCase(method.Name).Replace('_', '-');
        return parser.Binding.Interface is { } iface && parser.Binding.Kind == BindingKind.Exports ? iface + "#" + name : name;
    }
}
