using System.Collections.Generic;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// How one scalar kind crosses the boundary: its wasm value type, its size in memory, and the conversions each way.
/// This table is the one place that knows a primitive type: scalars, array elements and diagnostics all read it.
/// </summary>
/// <param name="Kind">The scalar kind.</param>
/// <param name="Keyword">The C# type of the value (for enums: the enum type is substituted at use).</param>
/// <param name="Wasm">The wasm value type that carries it.</param>
/// <param name="Size">Its size in bytes in guest memory (little-endian, naturally aligned).</param>
/// <param name="ToWasm">Converts a .NET expression <c>{0}</c> to the wasm value.</param>
/// <param name="FromWasm">Converts a wasm value <c>{0}</c> back (C's truncation for small types); <c>{1}</c> is the .NET type.</param>
/// <param name="IsArrayElement">Whether arrays and spans of it are supported.</param>
internal sealed record ScalarInfo(ScalarKind Kind, string Keyword, WasmType Wasm, int Size, string ToWasm, string FromWasm, bool IsArrayElement)
{
    private static readonly Dictionary<ScalarKind, ScalarInfo> ByKind = new();
    private static readonly Dictionary<SpecialType, ScalarKind> BySpecialType = new();

    static ScalarInfo()
    {
        Add(SpecialType.System_SByte, new(ScalarKind.SByte, "sbyte", WasmType.I32, 1, "{0}", "unchecked((sbyte){0})", true));
        Add(SpecialType.System_Byte, new(ScalarKind.Byte, "byte", WasmType.I32, 1, "{0}", "unchecked((byte){0})", true));
        Add(SpecialType.System_Int16, new(ScalarKind.Int16, "short", WasmType.I32, 2, "{0}", "unchecked((short){0})", true));
        Add(SpecialType.System_UInt16, new(ScalarKind.UInt16, "ushort", WasmType.I32, 2, "{0}", "unchecked((ushort){0})", true));
        Add(SpecialType.System_Char, new(ScalarKind.Char, "char", WasmType.I32, 2, "{0}", "unchecked((char){0})", false));
        Add(SpecialType.System_Int32, new(ScalarKind.Int32, "int", WasmType.I32, 4, "{0}", "{0}", true));
        Add(SpecialType.System_UInt32, new(ScalarKind.UInt32, "uint", WasmType.I32, 4, "unchecked((int){0})", "unchecked((uint){0})", true));
        Add(SpecialType.System_Int64, new(ScalarKind.Int64, "long", WasmType.I64, 8, "{0}", "{0}", true));
        Add(SpecialType.System_UInt64, new(ScalarKind.UInt64, "ulong", WasmType.I64, 8, "unchecked((long){0})", "unchecked((ulong){0})", true));
        Add(SpecialType.System_Single, new(ScalarKind.Single, "float", WasmType.F32, 4, "{0}", "{0}", true));
        Add(SpecialType.System_Double, new(ScalarKind.Double, "double", WasmType.F64, 8, "{0}", "{0}", true));
        Add(SpecialType.System_Boolean, new(ScalarKind.Boolean, "bool", WasmType.I32, 1, "({0} ? 1 : 0)", "({0} != 0)", false));
        Add(null, new(ScalarKind.Enum32, "int", WasmType.I32, 4, "unchecked((int){0})", "unchecked(({1}){0})", false));
        Add(null, new(ScalarKind.Enum64, "long", WasmType.I64, 8, "unchecked((long){0})", "unchecked(({1}){0})", false));
    }

    /// <summary>The entry for <paramref name="kind"/>.</summary>
    public static ScalarInfo For(ScalarKind kind) => ByKind[kind];

    /// <summary>Every entry, in table order, for diagnostics that list what is supported.</summary>
    public static IEnumerable<ScalarInfo> All => ByKind.Values;

    /// <summary>The scalar kind of a .NET type, or <see cref="ScalarKind.None"/>.</summary>
    public static ScalarKind Classify(ITypeSymbol type)
    {
        if (BySpecialType.TryGetValue(type.SpecialType, out ScalarKind kind))
        {
            return kind;
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return underlying.SpecialType switch
            {
                SpecialType.System_Int64 or SpecialType.System_UInt64 => ScalarKind.Enum64,
                _ => ScalarKind.Enum32,
            };
        }

        return ScalarKind.None;
    }

    /// <summary>Converts <paramref name="expression"/> to its wasm value.</summary>
    public string ToWasmExpression(string expression) => string.Format(ToWasm, expression);

    /// <summary>Converts the wasm value <paramref name="expression"/> to <paramref name="type"/>.</summary>
    public string FromWasmExpression(string expression, TypeModel type) => string.Format(FromWasm, expression, type.FullName);

    private static void Add(SpecialType? special, ScalarInfo info)
    {
        ByKind.Add(info.Kind, info);
        if (special is { } s)
        {
            BySpecialType.Add(s, info.Kind);
        }
    }
}
