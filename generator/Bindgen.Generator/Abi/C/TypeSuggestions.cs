using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.C;

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
            case SpecialType.System_IntPtr:
                return "int (wasm32 pointers are 32-bit)";
            case SpecialType.System_UIntPtr:
                return "uint (wasm32 pointers are 32-bit)";
            case SpecialType.System_Decimal:
                return "double";
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return "byte[]";
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
