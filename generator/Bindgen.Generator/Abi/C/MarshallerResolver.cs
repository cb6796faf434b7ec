using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.C;

/// <summary>Where a value sits in a method.</summary>
internal enum ValuePosition
{
    Parameter,
    Result,
}

/// <summary>
/// Chooses how a .NET type crosses the boundary: a chain of entries, each recognizing one family of types in one
/// position; the first that answers wins, and no answer means unsupported (BG0001). The list of supported types
/// in BG0001's message is derived from the same entries. Adding a type kind adds an entry here (and, for a new
/// shape, a marshaller); adding a scalar or element type adds a row to <see cref="ScalarInfo"/>.
/// </summary>
internal static class MarshallerResolver
{
    private static readonly Entry[] Entries =
    {
        new("void", ValuePosition.Result, static type => type.SpecialType == SpecialType.System_Void ? Model(TypeShape.Void, ScalarKind.None, type) : null),
        new(string.Join(", ", ScalarInfo.All.Where(s => s.Kind is not (ScalarKind.Enum32 or ScalarKind.Enum64)).Select(s => s.Keyword)) + ", enums", null, static type =>
            ScalarInfo.Classify(type) is var kind and not ScalarKind.None ? Model(TypeShape.Scalar, kind, type, StructLayouts.Of(type, out _)) : null),
        // Nullable strings and arrays pass null as the null pointer, which the C convention keeps apart from empty.
        new("string, string?", null, static type =>
            type.SpecialType == SpecialType.System_String ? Model(TypeShape.Utf8String, ScalarKind.None, type) with { IsNullable = IsAnnotated(type) } : null),
        new(string.Join(", ", ScalarInfo.All.Where(s => s.IsArrayElement).Select(s => s.Keyword + "[]")) + ", arrays of C structs (each also nullable)", null, static type =>
            type is IArrayTypeSymbol { Rank: 1 } array && Element(array.ElementType) is { } element
                ? Model(TypeShape.Array, element.Kind, type, element.Layout) with { IsNullable = IsAnnotated(type) }
                : null),
        new("ReadOnlySpan<T> and Span<T> of those elements", ValuePosition.Parameter, static type => Span(type)),
        new("C structs (sequential, of the above)", null, static type =>
            type.TypeKind == TypeKind.Struct && StructLayouts.Of(type, out _) is { IsStruct: true } layout ? Model(TypeShape.Struct, ScalarKind.None, type, layout) : null),
    };

    private static readonly Dictionary<(TypeModel, Passing), Marshaller> Marshallers = new();

    /// <summary>The model of <paramref name="type"/> in <paramref name="position"/>, or null when it is not supported.</summary>
    public static TypeModel? Resolve(ITypeSymbol type, ValuePosition position) => Resolve(type, position, out _);

    /// <summary>
    /// The model of <paramref name="type"/> in <paramref name="position"/>, or null when it is not supported; then
    /// <paramref name="problem"/> may say why (a struct whose layout C cannot match).
    /// </summary>
    public static TypeModel? Resolve(ITypeSymbol type, ValuePosition position, out string? problem)
    {
        problem = null;
        foreach (Entry entry in Entries)
        {
            if ((entry.Position is null || entry.Position == position) && entry.TryResolve(type) is { } model)
            {
                return model;
            }
        }

        // A struct the project declares gets the reason its layout cannot match C; library types get the usual advice.
        if (type.TypeKind == TypeKind.Struct && type.SpecialType == SpecialType.None && type.Locations.Any(l => l.IsInSource))
        {
            StructLayouts.Of(type, out problem);
        }

        return null;
    }

    /// <summary>Whether a value of this type can be passed by reference (<c>ref</c>, <c>out</c>, <c>in</c>): one value in memory.</summary>
    public static bool CanPassByReference(TypeModel type) => type.Shape is TypeShape.Scalar or TypeShape.Struct && type.Memory is not null;

    /// <summary>Whether any value of <paramref name="method"/> needs the guest's memory (and so a <c>GuestMemory</c>).</summary>
    public static bool NeedsMemory(MethodModel method) =>
        For(method.ReturnType).NeedsMemory || method.Parameters.Any(p => For(p).NeedsMemory);

    /// <summary>The marshaller for a parameter.</summary>
    public static Marshaller For(ParameterModel parameter) => For(parameter.Type, parameter.Passing);

    /// <summary>The marshaller for a resolved type passed as <paramref name="passing"/> (results are by value).</summary>
    public static Marshaller For(TypeModel type, Passing passing = Passing.Value)
    {
        lock (Marshallers)
        {
            if (!Marshallers.TryGetValue((type, passing), out Marshaller? marshaller))
            {
                marshaller = Create(type, passing);
                Marshallers.Add((type, passing), marshaller);
            }

            return marshaller;
        }
    }

    private static Marshaller Create(TypeModel type, Passing passing)
    {
        if (passing != Passing.Value)
        {
            return new ReferenceMarshaller(type.Memory!, passing);
        }

        return type.Shape switch
        {
            TypeShape.Void => VoidMarshaller.Instance,
            TypeShape.Scalar => new ScalarMarshaller(ScalarInfo.For(type.Element)),
            TypeShape.Struct when type.Memory!.Singleton != ScalarKind.None => new SingletonStructMarshaller(type.Memory),
            TypeShape.Struct => new ReferenceMarshaller(type.Memory!, Passing.Value),
            TypeShape.CString => new CStringMarshaller(type),
            TypeShape.ImportContext => ImportContextMarshaller.Instance,
            _ => new BufferMarshaller(type.Shape, type.Element == ScalarKind.Byte || type.Memory is null ? null : type.Memory, type.IsNullable, type.OutOnly),
        };
    }

    /// <summary>What is supported, as BG0001 lists it, derived from the entries.</summary>
    public static string SupportedTypes { get; } =
        string.Join(", ", Entries.Where(e => e.Position != ValuePosition.Result).Select(e => e.Description)) + " (parameters, also by ref, out and in for scalars and structs); "
        + string.Join(", ", Entries.Where(e => e.Position != ValuePosition.Parameter).Select(e => e.Description)) + " (results)";

    private static TypeModel? Span(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
        && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
        && Element(named.TypeArguments[0]) is { } element
            ? named.Name switch
            {
                "ReadOnlySpan" => Model(TypeShape.ReadOnlySpan, element.Kind, type, element.Layout),
                "Span" => Model(TypeShape.Span, element.Kind, type, element.Layout),
                _ => null,
            }
            : null;

    /// <summary>The element of an array or span, when arrays of it are supported: a numeric primitive or a C struct.</summary>
    private static (ScalarKind Kind, MemoryLayout Layout)? Element(ITypeSymbol element)
    {
        if (element.TypeKind == TypeKind.Enum)
        {
            return null;
        }

        ScalarKind kind = ScalarInfo.Classify(element);
        if (kind != ScalarKind.None)
        {
            return ScalarInfo.For(kind).IsArrayElement && StructLayouts.Of(element, out _) is { } scalar ? (kind, scalar) : null;
        }

        return element.TypeKind == TypeKind.Struct && StructLayouts.Of(element, out _) is { IsStruct: true } layout ? (ScalarKind.None, layout) : null;
    }

    private static bool IsAnnotated(ITypeSymbol type) => type.NullableAnnotation == NullableAnnotation.Annotated;

    /// <summary>The model of a <c>[CString]</c> string.</summary>
    public static TypeModel CString(ITypeSymbol type, bool owned) => Model(TypeShape.CString, ScalarKind.None, type) with { IsNullable = IsAnnotated(type), Owned = owned };

    private static TypeModel Model(TypeShape shape, ScalarKind element, ITypeSymbol type, MemoryLayout? memory = null) =>
        new(shape, element, type.ToDisplayString(Parse.ParseSupport.TypeFormat), memory);

    /// <summary>One family of supported types.</summary>
    private sealed class Entry
    {
        private readonly System.Func<ITypeSymbol, TypeModel?> _resolve;

        public Entry(string description, ValuePosition? position, System.Func<ITypeSymbol, TypeModel?> resolve)
        {
            Description = description;
            Position = position;
            _resolve = resolve;
        }

        public string Description { get; }

        /// <summary>The one position the entry applies to, or null for both.</summary>
        public ValuePosition? Position { get; }

        public TypeModel? TryResolve(ITypeSymbol type) => _resolve(type);
    }
}
