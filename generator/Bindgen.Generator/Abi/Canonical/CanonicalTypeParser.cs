using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// Maps C# types to WIT types for the canonical ABI (the table in docs/canonical-abi.md). Returns null and a
/// reason for a type with no WIT form; never throws for any type the compiler accepts.
/// </summary>
internal sealed class CanonicalTypeParser
{
    public const string SupportedTypes =
        "bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, System.Text.Rune (char), string, T[] (list), " +
        "ReadOnlySpan<T> of a primitive (list parameter), value tuples (tuple), records/structs/classes with public members (record), " +
        "an abstract class with nested sealed cases (variant), enums (enum), [Flags] enums (flags), T? (option), Bindgen.Result<TOk, TErr> (result)";

    private readonly HashSet<ITypeSymbol> _visiting = new(SymbolEqualityComparer.Default);

    /// <summary>Why the last <see cref="Parse"/> failed.</summary>
    public string Problem { get; private set; } = string.Empty;

    public WitType? Parse(ITypeSymbol type, bool isParameter, bool topLevel = true)
    {
        if (type.NullableAnnotation == NullableAnnotation.Annotated && type.IsReferenceType)
        {
            WitType? inner = Parse(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), isParameter, topLevel: false);
            return inner is null ? null : Option(inner, Display(type));
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return Primitive(WitKind.Bool, type);
            case SpecialType.System_SByte: return Primitive(WitKind.S8, type);
            case SpecialType.System_Byte: return Primitive(WitKind.U8, type);
            case SpecialType.System_Int16: return Primitive(WitKind.S16, type);
            case SpecialType.System_UInt16: return Primitive(WitKind.U16, type);
            case SpecialType.System_Int32: return Primitive(WitKind.S32, type);
            case SpecialType.System_UInt32: return Primitive(WitKind.U32, type);
            case SpecialType.System_Int64: return Primitive(WitKind.S64, type);
            case SpecialType.System_UInt64: return Primitive(WitKind.U64, type);
            case SpecialType.System_Single: return Primitive(WitKind.F32, type);
            case SpecialType.System_Double: return Primitive(WitKind.F64, type);
            case SpecialType.System_String: return WitType.Primitive(WitKind.String, "string") with { IsValueType = false };
        }

        string name = type.OriginalDefinition.ToDisplayString();
        if (name == "System.Text.Rune")
        {
            return Primitive(WitKind.Char, type);
        }

        if (name == "Bindgen.Unit")
        {
            return Fail("Bindgen.Unit stands only for the absent payload of a Bindgen.Result");
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            WitType? element = Parse(array.ElementType, isParameter, topLevel: false);
            return element is null ? null : new WitType(WitKind.List, Display(type), new[] { element }.ToEquatableArray(), EquatableArray<WitMember>.Empty, IsValueType: false);
        }

        if (type is not INamedTypeSymbol named)
        {
            return Fail($"'{Display(type)}' has no WIT form");
        }

        if (name == "System.ReadOnlySpan<T>")
        {
            WitType? element = Parse(named.TypeArguments[0], isParameter, topLevel: false);
            if (element is null)
            {
                return null;
            }

            if (!isParameter || !topLevel || !IsPrimitive(element.Kind))
            {
                return Fail("ReadOnlySpan<T> is a list only as a parameter, of a primitive element (bool, integers, floats); use T[]");
            }

            return new WitType(WitKind.List, Display(type), new[] { element }.ToEquatableArray(), EquatableArray<WitMember>.Empty, IsSpan: true);
        }

        if (name == "System.Nullable<T>")
        {
            WitType? inner = Parse(named.TypeArguments[0], isParameter, topLevel: false);
            return inner is null ? null : Option(inner, Display(type));
        }

        if (name == "Bindgen.Result<TOk, TErr>")
        {
            WitType? ok = ResultPayload(named.TypeArguments[0], isParameter);
            WitType? error = ok is null ? null : ResultPayload(named.TypeArguments[1], isParameter);
            return error is null ? null : new WitType(WitKind.Result, Display(type), new[] { ok!, error }.ToEquatableArray(), EquatableArray<WitMember>.Empty);
        }

        if (named.IsTupleType)
        {
            var elements = new List<WitType>();
            foreach (IFieldSymbol element in named.TupleElements)
            {
                WitType? e = Parse(element.Type, isParameter, topLevel: false);
                if (e is null)
                {
                    return null;
                }

                elements.Add(e);
            }

            return new WitType(WitKind.Tuple, Display(type), elements.ToEquatableArray(), EquatableArray<WitMember>.Empty);
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            return Enum(named);
        }

        if (named.TypeKind is TypeKind.Class or TypeKind.Struct && !named.IsGenericType && named.SpecialType == SpecialType.None)
        {
            if (!_visiting.Add(named))
            {
                return Fail($"'{Display(type)}' contains itself; WIT types cannot be recursive");
            }

            try
            {
                return named.IsAbstract ? CanonicalAggregates.Variant(this, named, isParameter) : CanonicalAggregates.Record(this, named, isParameter);
            }
            finally
            {
                _visiting.Remove(named);
            }
        }

        return Fail($"'{Display(type)}' has no WIT form");
    }

    public WitType? Fail(string problem)
    {
        Problem = problem;
        return null;
    }

    public static string Display(ITypeSymbol type) => type.ToDisplayString(ParseSupport.TypeFormat);

    public static bool IsPrimitive(WitKind kind) => kind is >= WitKind.Bool and <= WitKind.F64;

    private WitType? ResultPayload(ITypeSymbol type, bool isParameter) =>
        type.OriginalDefinition.ToDisplayString() == "Bindgen.Unit"
            ? WitType.Primitive(WitKind.Unit, Display(type))
            : Parse(type, isParameter, topLevel: false);

    private WitType? Option(WitType inner, string display) =>
        inner.Kind == WitKind.Option
            ? Fail("an option of an option has no C# form (T?? is T?); wrap the inner one in a record")
            : new WitType(WitKind.Option, display, new[] { inner }.ToEquatableArray(), EquatableArray<WitMember>.Empty, IsValueType: inner.IsValueType);

    private static WitType Primitive(WitKind kind, ITypeSymbol type) => WitType.Primitive(kind, Display(type));

    private WitType? Enum(INamedTypeSymbol type)
    {
        IFieldSymbol[] members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToArray();
        bool isFlags = type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute");
        // WIT cases and flags are distinct; a C# alias (two names, one value) would make two of them one.
        IFieldSymbol? alias = members.Where(m => isFlags ? IsSingleBit(m.ConstantValue) : true)
            .GroupBy(m => m.ConstantValue).Where(g => g.Count() > 1).Select(g => g.ElementAt(1)).FirstOrDefault();
        if (alias is not null)
        {
            return Fail($"enum '{Display(type)}' has members with the same value ('{alias.Name}' is an alias); WIT {(isFlags ? "flags" : "enum cases")} are distinct");
        }

        if (!isFlags)
        {
            return members.Length == 0
                ? Fail($"enum '{Display(type)}' has no members; a WIT enum needs at least one case")
                : new WitType(WitKind.Enum, Display(type), EquatableArray<WitType>.Empty, members.Select(m => new WitMember(m.Name, null)).ToEquatableArray());
        }

        // A flag is a member with one bit set; None (0) and combinations are C# conveniences, not WIT flags.
        IFieldSymbol[] flags = members.Where(m => IsSingleBit(m.ConstantValue)).ToArray();
        if (flags.Length == 0 || flags.Length > 32)
        {
            return Fail($"[Flags] enum '{Display(type)}' has {flags.Length} single-bit members; WIT flags need 1 to 32");
        }

        return new WitType(WitKind.Flags, Display(type), EquatableArray<WitType>.Empty, flags.Select(m => new WitMember(m.Name, null)).ToEquatableArray());
    }

    private static bool IsSingleBit(object? value)
    {
        ulong v = value switch
        {
            sbyte s => unchecked((ulong)s),
            short s => unchecked((ulong)s),
            int s => unchecked((ulong)s),
            long s => unchecked((ulong)s),
            byte u => u,
            ushort u => u,
            uint u => u,
            ulong u => u,
            _ => 0,
        };
        return v != 0 && (v & (v - 1)) == 0;
    }
}
