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
