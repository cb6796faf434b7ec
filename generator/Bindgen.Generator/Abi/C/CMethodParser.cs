using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// The C convention's method parse: each parameter and the result resolved to a marshaller's type (with [CString],
/// [Out], by-reference passing and a trailing CancellationToken), then lowered to the method's wasm signature.
/// </summary>
internal static class CMethodParser
{
    public static MethodModel? Parse(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation)
    {
        BindingInfo binding = parser.Binding;
        List<DiagnosticInfo> diagnostics = parser.Diagnostics;
        int errorsBefore = diagnostics.Count;
        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
        var parameters = new List<ParameterModel>();
        string? cancellationToken = null;

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            LocationInfo? parameterLocation = LocationOf(MemberParser.ParameterTypeLocation(parameter)) ?? methodLocation;
            if (IsCancellationToken(parameter.Type) && parameter.RefKind == RefKind.None)
            {
                // Not lowered: the token never reaches wasm; the glue registers it around the invoke.
                string? problem = binding.Kind == BindingKind.Imports
                    ? $"parameter '{parameter.Name}' of '{method.Name}' is a CancellationToken, but the guest calls an import and has no host token to pass; remove it (a cancelled export call also interrupts the imports it calls)"
                    : parameter.Ordinal != method.Parameters.Length - 1
                        ? $"parameter '{parameter.Name}' of '{method.Name}' is a CancellationToken, which Bindgen supports only as the last parameter; move it to the end"
                        : null;
                if (problem is not null)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.MisplacedCancellationToken, parameterLocation, problem));
                }
                else
                {
                    cancellationToken = CSharpText.Identifier(parameter.Name);
                }

                continue;
            }

            if (parameter.Type.ToDisplayString() == "Bindgen.ImportContext" && parameter.RefKind == RefKind.None)
            {
                if (binding.Kind != BindingKind.Imports || parameter.Ordinal != 0)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation,
                        $"parameter '{parameter.Name}' of '{method.Name}' is an ImportContext, which only the first parameter of a [WasmImports] method can be"));
                    continue;
                }

                parameters.Add(new ParameterModel(CSharpText.Identifier(parameter.Name), new TypeModel(TypeShape.ImportContext, ScalarKind.None, "global::Bindgen.ImportContext")));
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
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, parameterLocation,
                        $"Parameter '{parameter.Name}' of '{method.Name}'", Display(parameter.Type), "; [CString] applies to string and string? only", MarshallerResolver.SupportedTypes));
                    continue;
                }

                type = MarshallerResolver.CString(parameter.Type, owned: false);
            }

            if (type is null || (parameter.IsParams && type.Shape != TypeShape.Array))
            {
                string why = layoutProblem is not null ? "; " + layoutProblem : Suggestion(parameter.Type, isReturn: false);
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, parameterLocation,
                    $"Parameter '{parameter.Name}' of '{method.Name}'", Display(parameter.Type), why, MarshallerResolver.SupportedTypes));
                continue;
            }

            if (parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.OutAttribute"))
            {
                if (type.Shape != TypeShape.Span || passing != Passing.Value)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation,
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
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMember, parameterLocation,
                    $"parameter '{parameter.Name}' of '{method.Name}' is passed by reference ({how}), which Bindgen supports for primitives, enums and C structs only; pass a {Display(parameter.Type)} by value"));
                continue;
            }

            parameters.Add(new ParameterModel(CSharpText.Identifier(parameter.Name), type, parameter.IsParams, Passing: passing));
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
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, returnLocation,
                $"The return type of '{method.Name}'", Display(method.ReturnType), why, MarshallerResolver.SupportedTypes));
        }
        else
        {
            lowered = CAbi.Lower(parameters, returnType);
            // The C convention calls past Wasmtime's typed limits untyped, so only the engine's own limit applies.
            if (diagnostics.Count == errorsBefore && lowered.Parameters.Count > BindingInfo.MaxExportParameters)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.TooManyParameters, methodLocation, method.Name,
                    lowered.Parameters.Count.ToString(CultureInfo.InvariantCulture), BindingInfo.MaxExportParameters.ToString(CultureInfo.InvariantCulture), binding.Noun));
            }
        }

        string? exportName = parser.ExportName(method, methodLocation);
        if (diagnostics.Count != errorsBefore || returnType is null || lowered is null || exportName is null)
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
        bool explicitly = !isPublic || parser.IsReservedName(method.Name);
        return new MethodModel(method.Name, exportName, parameters.ToEquatableArray(), returnType, FieldName: string.Empty,
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), explicitly, lowered, CMethod.Instance, cancellationToken, prefix, parser.ExportNameLocation(method) ?? methodLocation);
    }

    private static AttributeData? CStringAttribute(System.Collections.Immutable.ImmutableArray<AttributeData> attributes) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Bindgen.CStringAttribute");

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    private static string Suggestion(ITypeSymbol type, bool isReturn) =>
        TypeSuggestions.Nearest(type, isReturn) is { } nearest ? "; the nearest supported type is " + nearest : string.Empty;
}
