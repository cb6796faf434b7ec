using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>How a C# type becomes a JavaScript value and back (an options object serde walks, a structured result).</summary>
internal enum JsShapeKind
{
    /// <summary>Converted at run time by <c>JsConvert</c>: numbers, strings, booleans, <c>object</c>, JavaScript values.</summary>
    Value,

    /// <summary>A class, struct or record: a plain object, one property per public property.</summary>
    Record,

    /// <summary>An array or list: a JavaScript array.</summary>
    Sequence,

    /// <summary>A dictionary with string keys: a plain object.</summary>
    Map,
}

/// <summary>One C# type's JavaScript form.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="Type">The C# type, fully qualified (with its nullable annotation).</param>
/// <param name="Element">A sequence's element or a map's value.</param>
/// <param name="IsArray">A sequence declared as an array (else a list or an interface a list implements).</param>
/// <param name="Helper">A record's helper-method suffix.</param>
internal sealed record JsShape(JsShapeKind Kind, string Type, JsShape? Element = null, bool IsArray = false, string Helper = "");

/// <summary>A record's property: its C# name, its JavaScript name and its shape.</summary>
internal sealed record JsMember(string Property, string JsName, JsShape Shape, bool Settable);

/// <summary>A record type: its properties, and how a result is constructed (the constructor's parameters, by property, then the settable rest).</summary>
internal sealed record JsRecordType(string Type, string Helper, bool IsValueType, EquatableArray<JsMember> Members, EquatableArray<string> ConstructorProperties, bool Constructible);

/// <summary>Reads a C# type's JavaScript shape from its symbol (parse stage: the model keeps only strings).</summary>
internal static class JsShapeParser
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>The shape of <paramref name="type"/>, adding every record type it reaches to <paramref name="records"/>; null when a part has none.</summary>
    public static JsShape? Of(ITypeSymbol type, List<JsRecordType> records) => Of(type, records, depth: 0);

    private static JsShape? Of(ITypeSymbol type, List<JsRecordType> records, int depth)
    {
        string name = type.ToDisplayString(Format);
        if (depth > 16)
        {
            return null;
        }

        // An exported class's instance in a sequence (BarcodeResult[]): the generated class's instance, as the module made it.
        if (IsValue(type) || (depth > 0 && WasmBindgenMethodParser.ClassOf(type) is not null))
        {
            return new JsShape(JsShapeKind.Value, name);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return Of(array.ElementType, records, depth + 1) is { } element ? new JsShape(JsShapeKind.Sequence, name, element, IsArray: true) : null;
        }

        if (type is not INamedTypeSymbol named || type.TypeKind is TypeKind.Enum or TypeKind.Delegate or TypeKind.Error or TypeKind.TypeParameter)
        {
            return null;
        }

        if (Generic(named, "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>", "System.Collections.Generic.IDictionary<TKey, TValue>") is { } dictionary)
        {
            return dictionary.TypeArguments[0].SpecialType == SpecialType.System_String && Of(dictionary.TypeArguments[1], records, depth + 1) is { } value
                ? new JsShape(JsShapeKind.Map, name, value)
                : null;
        }

        if (Generic(named, "System.Collections.Generic.IEnumerable<T>") is { } sequence)
        {
            return Of(sequence.TypeArguments[0], records, depth + 1) is { } element ? new JsShape(JsShapeKind.Sequence, name, element) : null;
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || named.IsAbstract || named.IsGenericType || named.SpecialType != SpecialType.None)
        {
            return null;
        }

        string plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Format);
        string helper = Regex.Replace(plain.Replace("global::", string.Empty), @"\W", "_");
        var shape = new JsShape(JsShapeKind.Record, name, Helper: helper);
        if (records.Any(r => r.Type == plain))
        {
            return shape;
        }

        IPropertySymbol[] properties = named.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod?.DeclaredAccessibility == Accessibility.Public)
            .ToArray();
        if (properties.Length == 0)
        {
            return null;
        }

        // Reserved first, so that a property of the record's own type finds it.
        int index = records.Count;
        records.Add(new JsRecordType(plain, helper, named.IsValueType, EquatableArray<JsMember>.Empty, EquatableArray<string>.Empty, false));
        var members = new List<JsMember>();
        foreach (IPropertySymbol property in properties)
        {
            if (Of(property.Type, records, depth + 1) is not { } member)
            {
                records.RemoveRange(index, records.Count - index);
                return null;
            }

            bool settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
            members.Add(new JsMember(property.Name, JsName(property), member, settable));
        }

        IMethodSymbol? constructor = named.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.All(p => properties.Any(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase) && SymbolEqualityComparer.Default.Equals(q.Type, p.Type))))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        string[] byConstructor = constructor?.Parameters.Select(p => properties.First(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase)).Name).ToArray() ?? Array.Empty<string>();
        records[index] = new JsRecordType(plain, helper, named.IsValueType, members.ToEquatableArray(), byConstructor.ToEquatableArray(), constructor is not null || named.IsValueType);
        return shape;
    }

    /// <summary>The JavaScript name: <c>[JsonPropertyName]</c>'s, else the property's in camelCase.</summary>
    private static string JsName(IPropertySymbol property)
    {
        AttributeData? given = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute");
        return given?.ConstructorArguments.FirstOrDefault().Value as string ?? WasmBindgenMethodParser.CamelCase(property.Name);
    }

    /// <summary>Types <c>JsConvert</c> converts itself.</summary>
    private static bool IsValue(ITypeSymbol type)
    {
        ITypeSymbol inner = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
        if (inner.SpecialType is SpecialType.System_Object or SpecialType.System_String or (>= SpecialType.System_Boolean and <= SpecialType.System_Double and not SpecialType.System_Decimal))
        {
            return true;
        }

        string full = inner.ToDisplayString();
        return full is "byte[]" or "System.Numerics.BigInteger" or "System.Collections.Generic.List<object?>" or "System.Collections.Generic.List<object>"
            || inner.ContainingNamespace?.ToDisplayString() == "Bindgen.WasmBindgen";
    }

    private static INamedTypeSymbol? Generic(INamedTypeSymbol type, params string[] definitions) =>
        new[] { type }.Concat(type.AllInterfaces).FirstOrDefault(i => definitions.Contains(i.OriginalDefinition.ToDisplayString()));
}
