using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Parse;

/// <summary>Decides which <see cref="MarshalKind"/> a .NET type uses, or that it is unsupported.</summary>
internal static class TypeClassifier
{
    public static TypeModel? ClassifyParameter(ITypeSymbol type)
    {
        MarshalKind? kind = Primitive(type) ?? Buffer(type);
        return kind is null || kind == MarshalKind.Void ? null : Model(kind.Value, type);
    }

    public static TypeModel? ClassifyReturn(ITypeSymbol type)
    {
        MarshalKind? kind = Primitive(type);
        if (kind is null && IsByteArray(type))
        {
            kind = MarshalKind.ByteArray;
        }

        return kind is null ? null : Model(kind.Value, type);
    }

    /// <summary>How many wasm parameters a parameter of this kind takes.</summary>
    public static int WasmSlots(MarshalKind kind) => IsBuffer(kind) ? 2 : 1;

    public static bool IsBuffer(MarshalKind kind) =>
        kind is MarshalKind.Utf8String or MarshalKind.ByteArray or MarshalKind.ReadOnlyByteSpan or MarshalKind.ByteSpan;

    public static bool ReturnsThroughReturnArea(MarshalKind kind) => kind is MarshalKind.Utf8String or MarshalKind.ByteArray;

    private static TypeModel Model(MarshalKind kind, ITypeSymbol type) =>
        new(kind, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));

    private static MarshalKind? Primitive(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Void: return MarshalKind.Void;
            case SpecialType.System_Int32: return MarshalKind.Int32;
            case SpecialType.System_UInt32: return MarshalKind.UInt32;
            case SpecialType.System_Int64: return MarshalKind.Int64;
            case SpecialType.System_UInt64: return MarshalKind.UInt64;
            case SpecialType.System_Single: return MarshalKind.Single;
            case SpecialType.System_Double: return MarshalKind.Double;
            case SpecialType.System_Boolean: return MarshalKind.Boolean;
            case SpecialType.System_String:
                // A nullable string has no agreed encoding in the C convention; refuse it rather than guess.
                return type.NullableAnnotation == NullableAnnotation.Annotated ? null : MarshalKind.Utf8String;
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return underlying.SpecialType switch
            {
                SpecialType.System_Int32 or SpecialType.System_UInt32 => MarshalKind.Enum32,
                SpecialType.System_Int64 or SpecialType.System_UInt64 => MarshalKind.Enum64,
                _ => null,
            };
        }

        return null;
    }

    private static MarshalKind? Buffer(ITypeSymbol type)
    {
        if (IsByteArray(type))
        {
            return MarshalKind.ByteArray;
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && named.TypeArguments[0].SpecialType == SpecialType.System_Byte
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
        {
            return named.Name switch
            {
                "ReadOnlySpan" => MarshalKind.ReadOnlyByteSpan,
                "Span" => MarshalKind.ByteSpan,
                _ => null,
            };
        }

        return null;
    }

    private static bool IsByteArray(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } array
        && array.NullableAnnotation != NullableAnnotation.Annotated;
}

/// <summary>The nearest supported type for one Bindgen cannot pass, named in BG0001.</summary>
internal static class TypeSuggestions
{
    public static string? Nearest(ITypeSymbol type, bool isReturn)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            return null;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
                return "int";
            case SpecialType.System_Byte:
            case SpecialType.System_UInt16:
            case SpecialType.System_Char:
                return "uint";
            case SpecialType.System_IntPtr:
                return "int (wasm32 pointers are 32-bit)";
            case SpecialType.System_UIntPtr:
                return "uint (wasm32 pointers are 32-bit)";
            case SpecialType.System_Decimal:
                return "double";
            case SpecialType.System_String:
                return "string (not nullable: pass an empty string for no value)";
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum })
        {
            return "an enum whose underlying type is int, uint, long or ulong";
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return "byte[] (not nullable: pass an empty array for no value)";
            }

            return array.ElementType.SpecialType == SpecialType.System_Char ? "string" : "byte[]";
        }

        if (type is INamedTypeSymbol named && named.IsGenericType)
        {
            string name = named.ConstructedFrom.ToDisplayString();
            bool ofBytes = named.TypeArguments.Length == 1 && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;
            if (name == "System.Nullable<T>")
            {
                return Nearest(named.TypeArguments[0], isReturn) ?? named.TypeArguments[0].ToDisplayString() + " (not nullable)";
            }

            if (name is "System.Span<T>" or "System.ReadOnlySpan<T>" or "System.Memory<T>" or "System.ReadOnlyMemory<T>"
                or "System.ArraySegment<T>" or "System.Collections.Generic.List<T>" or "System.Collections.Generic.IEnumerable<T>"
                or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IList<T>")
            {
                if (isReturn)
                {
                    return "byte[]";
                }

                return ofBytes && name.StartsWith("System.Span", System.StringComparison.Ordinal) ? "Span<byte>" : ofBytes ? "ReadOnlySpan<byte>" : "ReadOnlySpan<byte> or byte[]";
            }
        }

        if (type.ToDisplayString() == "System.Text.StringBuilder")
        {
            return "string";
        }

        return null;
    }
}
