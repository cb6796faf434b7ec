using System.Linq;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bindgen.Generator.Parse;

/// <summary>Locations and diagnostics as data, shared by the parse stage's parts.</summary>
internal static class ParseSupport
{
    /// <summary>Fully qualified, with <c>?</c> on nullable reference types, so explicit implementations match exactly.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static LocationInfo? LocationOf(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
        new(descriptor.Id, location, args.ToEquatableArray());

    /// <summary>The location of the first argument of <paramref name="attribute"/>, or of the attribute itself.</summary>
    public static LocationInfo? AttributeArgumentLocation(AttributeData? attribute, string? namedArgument = null)
    {
        if (attribute?.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax)
        {
            return null;
        }

        AttributeArgumentSyntax? argument = namedArgument is null
            ? syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)
            : syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == namedArgument);
        return LocationOf(argument?.GetLocation() ?? syntax.GetLocation());
    }

    /// <summary>The value of a named argument such as <c>ClassName = "X"</c>, or null when absent.</summary>
    public static string? NamedString(AttributeData? attribute, string name)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value as string;
            }
        }

        return null;
    }

    /// <summary>The value of a named enum or int argument such as <c>Abi = WasmAbi.Canonical</c>, or null when absent.</summary>
    public static int? NamedInt(AttributeData? attribute, string name) =>
        attribute?.NamedArguments.FirstOrDefault(pair => pair.Key == name).Value.Value is int value ? value : null;

    public static bool HasNamedArgument(AttributeData? attribute, string name) =>
        attribute is not null && attribute.NamedArguments.Any(pair => pair.Key == name);

    /// <summary>Whether <paramref name="symbol"/> carries <c>[Obsolete(..., error: true)]</c>.</summary>
    public static bool IsObsoleteAsError(ISymbol symbol) =>
        symbol.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute"
            && a.ConstructorArguments.Length == 2
            && a.ConstructorArguments[1].Value is true);

    public static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
