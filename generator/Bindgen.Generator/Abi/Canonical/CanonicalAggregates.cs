using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// C# types that map to WIT records (public instance fields and properties, in declaration order) and
/// variants (an abstract class whose nested sealed subclasses are the cases, in declaration order).
/// </summary>
internal static class CanonicalAggregates
{
    public static WitType? Record(CanonicalTypeParser parser, INamedTypeSymbol type, bool isParameter)
    {
        ISymbol[] members = PublicMembers(type);
        if (members.Length == 0)
        {
            return parser.Fail($"'{CanonicalTypeParser.Display(type)}' has no public fields or properties; a WIT record needs at least one field");
        }

        var fields = new List<WitMember>();
        foreach (ISymbol member in members)
        {
            WitType? fieldType = parser.Parse(MemberType(member), isParameter, topLevel: false);
            if (fieldType is null)
            {
                return parser.Fail($"field '{member.Name}' of '{CanonicalTypeParser.Display(type)}': {parser.Problem}");
            }

            fields.Add(new WitMember(Emit.CSharpText.Identifier(member.Name), fieldType));
        }

        string? construction = Construction(type, members);
        if (construction is null)
        {
            return parser.Fail($"'{CanonicalTypeParser.Display(type)}' can be neither constructed from its members in order (a public constructor taking them) nor initialized (a public parameterless constructor and settable members)");
        }

        return new WitType(WitKind.Record, CanonicalTypeParser.Display(type), EquatableArray<WitType>.Empty, fields.ToEquatableArray(), IsValueType: type.IsValueType, Construction: construction);
    }

    public static WitType? Variant(CanonicalTypeParser parser, INamedTypeSymbol type, bool isParameter)
    {
        string display = CanonicalTypeParser.Display(type);
        INamedTypeSymbol[] cases = type.GetTypeMembers()
            .Where(c => SymbolEqualityComparer.Default.Equals(c.BaseType, type))
            .OrderBy(c => c.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToArray();
        if (type.TypeKind != TypeKind.Class || cases.Length == 0)
        {
            return parser.Fail($"'{display}' is abstract: a WIT variant is an abstract class whose cases are nested sealed classes deriving from it, and it has none");
        }

        var members = new List<WitMember>();
        foreach (INamedTypeSymbol c in cases)
        {
            string caseName = CanonicalTypeParser.Display(c);
            if (!c.IsSealed || c.IsGenericType || c.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return parser.Fail($"variant case '{caseName}' must be a sealed, non-generic, public or internal class");
            }

            ISymbol[] payload = PublicMembers(c);
            if (payload.Length > 1)
            {
                return parser.Fail($"variant case '{caseName}' has {payload.Length} public members; a case carries at most one value (use a record or tuple for several)");
            }

            if (payload.Length == 0)
            {
                if (!c.InstanceConstructors.Any(k => k.Parameters.Length == 0 && k.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
                {
                    return parser.Fail($"variant case '{caseName}' needs a parameterless constructor");
                }

                members.Add(new WitMember(caseName, null));
                continue;
            }

            WitType? payloadType = parser.Parse(MemberType(payload[0]), isParameter, topLevel: false);
            if (payloadType is null)
            {
                return parser.Fail($"variant case '{caseName}': {parser.Problem}");
            }

            if (Construction(c, payload) != "ctor")
            {
                return parser.Fail($"variant case '{caseName}' needs a public constructor taking its value");
            }

            members.Add(new WitMember(caseName, payloadType, Emit.CSharpText.Identifier(payload[0].Name)));
        }

        return new WitType(WitKind.Variant, display, EquatableArray<WitType>.Empty, members.ToEquatableArray(), IsValueType: false);
    }

    private static ISymbol[] PublicMembers(INamedTypeSymbol type) =>
        type.GetMembers()
            .Where(m => !m.IsStatic && !m.IsImplicitlyDeclared && m.DeclaredAccessibility == Accessibility.Public
                && (m is IFieldSymbol { IsConst: false } || m is IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public }))
            .Where(m => m.Name != "EqualityContract")
            .ToArray();

    private static ITypeSymbol MemberType(ISymbol member) => member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type;

    /// <summary><c>ctor</c>: a public constructor takes the members in order; <c>init</c>: an object initializer sets them.</summary>
    private static string? Construction(INamedTypeSymbol type, ISymbol[] members)
    {
        bool byConstructor = type.InstanceConstructors.Any(k =>
            k.DeclaredAccessibility == Accessibility.Public
            && k.Parameters.Length == members.Length
            && k.Parameters.Select((p, i) => SymbolEqualityComparer.Default.Equals(p.Type.WithNullableAnnotation(NullableAnnotation.None), MemberType(members[i]).WithNullableAnnotation(NullableAnnotation.None))).All(x => x));
        if (byConstructor)
        {
            return "ctor";
        }

        bool parameterless = type.IsValueType || type.InstanceConstructors.Any(k => k.DeclaredAccessibility == Accessibility.Public && k.Parameters.Length == 0);
        bool settable = members.All(m => m is IFieldSymbol { IsReadOnly: false } || m is IPropertySymbol { SetMethod.DeclaredAccessibility: Accessibility.Public });
        return parameterless && settable && !type.IsAbstract ? "init" : null;
    }
}
