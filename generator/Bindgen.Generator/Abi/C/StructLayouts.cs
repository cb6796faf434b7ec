using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// Lays out a .NET struct the way clang's wasm32 C ABI lays out the matching C struct: fields in declaration
/// order, each at its natural alignment, the struct aligned to its largest field and padded to a multiple of it.
/// Only sequential structs of primitives, enums and such structs are accepted; for those .NET uses the same layout
/// on 64-bit hosts (checked again at run time by the runtime's CLayout).
/// </summary>
internal static class StructLayouts
{
    /// <summary>The layout of a scalar or struct in guest memory, or null with <paramref name="problem"/> saying why not.</summary>
    public static MemoryLayout? Of(ITypeSymbol type, out string? problem) => Of(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), out problem);

    private static MemoryLayout? Of(ITypeSymbol type, HashSet<ITypeSymbol> visiting, out string? problem)
    {
        problem = null;
        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        ScalarKind scalar = ScalarInfo.Classify(type);
        if (scalar != ScalarKind.None)
        {
            int size = ScalarSize(type, scalar);
            return new MemoryLayout(name, size, size, IsStruct: false, scalar, name);
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } named || named.IsRefLikeType || named.IsGenericType)
        {
            problem = $"'{type.ToDisplayString()}' is not a primitive, an enum or a plain struct";
            return null;
        }

        if (!visiting.Add(named))
        {
            problem = $"'{type.ToDisplayString()}' contains itself";
            return null;
        }

        if (named.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.StructLayoutAttribute") is { } layout
            && (layout.ConstructorArguments.FirstOrDefault().Value is not 0 || layout.NamedArguments.Any(n => n.Key is "Pack" or "Size")))
        {
            problem = $"'{named.Name}' has an explicit [StructLayout] (kind, Pack or Size), which C's natural layout cannot match";
            return null;
        }

        if (named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.InlineArrayAttribute"))
        {
            problem = $"'{named.Name}' is an [InlineArray], whose length C's layout cannot see; fixed-size arrays in structs are not supported yet";
            return null;
        }

        IFieldSymbol[] fields = named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).ToArray();
        if (fields.Length == 0)
        {
            problem = $"'{named.Name}' has no fields; an empty struct has no C equivalent";
            return null;
        }

        int offset = 0, alignment = 1;
        var layouts = new List<MemoryLayout>();
        foreach (IFieldSymbol field in fields)
        {
            if (field.IsFixedSizeBuffer)
            {
                problem = $"field '{field.Name}' of '{named.Name}' is a fixed buffer, which is not supported yet";
                return null;
            }

            if (Of(field.Type, visiting, out string? inner) is not { } fieldLayout)
            {
                problem = $"field '{field.Name}' of '{named.Name}' cannot be laid out as C: {inner}";
                return null;
            }

            offset = Align(offset, fieldLayout.Alignment) + fieldLayout.Size;
            alignment = System.Math.Max(alignment, fieldLayout.Alignment);
            layouts.Add(fieldLayout);
        }

        visiting.Remove(named);
        int structSize = Align(offset, alignment);
        bool singleton = layouts.Count == 1 && layouts[0].Singleton != ScalarKind.None;
        return new MemoryLayout(name, structSize, alignment, IsStruct: true,
            singleton ? layouts[0].Singleton : ScalarKind.None, singleton ? layouts[0].SingletonType : null);
    }

    /// <summary>An enum takes its underlying type's size; bool is one byte, char two, as in C (_Bool, char16_t).</summary>
    private static int ScalarSize(ITypeSymbol type, ScalarKind kind) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }
            ? ScalarInfo.For(ScalarInfo.Classify(underlying)).Size
            : ScalarInfo.For(kind).Size;

    private static int Align(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}
