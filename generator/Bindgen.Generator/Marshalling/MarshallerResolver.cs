using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Marshalling;

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
            ScalarInfo.Classify(type) is var kind and not ScalarKind.None ? Model(TypeShape.Scalar, kind, type) : null),
        // A nullable string has no agreed encoding in the C convention; refuse it rather than guess.
        new("string", null, static type =>
            type.SpecialType == SpecialType.System_String && type.NullableAnnotation != NullableAnnotation.Annotated ? Model(TypeShape.Utf8String, ScalarKind.None, type) : null),
        new(string.Join(", ", ScalarInfo.All.Where(s => s.IsArrayElement).Select(s => s.Keyword + "[]")), null, static type =>
            type is IArrayTypeSymbol { Rank: 1 } array && array.NullableAnnotation != NullableAnnotation.Annotated && ArrayElement(array.ElementType) is { } element
                ? Model(TypeShape.Array, element, type)
                : null),
        new("ReadOnlySpan<T> and Span<T> of those elements", ValuePosition.Parameter, static type => Span(type)),
    };

    private static readonly Dictionary<(TypeShape, ScalarKind), Marshaller> Marshallers = new();

    /// <summary>The model of <paramref name="type"/> in <paramref name="position"/>, or null when it is not supported.</summary>
    public static TypeModel? Resolve(ITypeSymbol type, ValuePosition position)
    {
        foreach (Entry entry in Entries)
        {
            if ((entry.Position is null || entry.Position == position) && entry.TryResolve(type) is { } model)
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>The marshaller for a resolved type.</summary>
    public static Marshaller For(TypeModel type)
    {
        lock (Marshallers)
        {
            if (!Marshallers.TryGetValue((type.Shape, type.Element), out Marshaller? marshaller))
            {
                marshaller = type.Shape switch
                {
                    TypeShape.Void => VoidMarshaller.Instance,
                    TypeShape.Scalar => new ScalarMarshaller(ScalarInfo.For(type.Element)),
                    _ => new BufferMarshaller(type.Shape, type.Element == ScalarKind.None ? null : ScalarInfo.For(type.Element)),
                };
                Marshallers.Add((type.Shape, type.Element), marshaller);
            }

            return marshaller;
        }
    }

    /// <summary>What is supported, as BG0001 lists it, derived from the entries.</summary>
    public static string SupportedTypes { get; } =
        string.Join(", ", Entries.Where(e => e.Position != ValuePosition.Result).Select(e => e.Description)) + " (parameters); "
        + string.Join(", ", Entries.Where(e => e.Position != ValuePosition.Parameter).Select(e => e.Description)) + " (results)";

    private static TypeModel? Span(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
        && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
        && ArrayElement(named.TypeArguments[0]) is { } element
            ? named.Name switch
            {
                "ReadOnlySpan" => Model(TypeShape.ReadOnlySpan, element, type),
                "Span" => Model(TypeShape.Span, element, type),
                _ => null,
            }
            : null;

    /// <summary>The element kind of an array or span, when arrays of it are supported.</summary>
    private static ScalarKind? ArrayElement(ITypeSymbol element) =>
        element.TypeKind != TypeKind.Enum && ScalarInfo.Classify(element) is var kind and not ScalarKind.None && ScalarInfo.For(kind).IsArrayElement
            ? kind
            : null;

    private static TypeModel Model(TypeShape shape, ScalarKind element, ITypeSymbol type) =>
        new(shape, element, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));

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
