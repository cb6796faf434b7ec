using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Parse;

/// <summary>
/// Writes the explicit implementation that stands in for a member the generator cannot bind. The member
/// already has a BG error; the stub keeps the rest of the binding class compiling, so the user sees that one
/// error instead of a cascade at every use of the class.
/// </summary>
internal static class MemberStubs
{
    public static MemberStub? For(ISymbol member, string interfaceName)
    {
        string owner = member.ContainingType.ToDisplayString(ParseSupport.TypeFormat);
        string message = $"{interfaceName}.{member.Name} cannot be called: Bindgen does not support this member (see the build's BG errors).";
        // A member of an unsafe interface may use pointers; its stub then needs an unsafe context of its own.
        string prefix = (member.IsStatic ? "static " : string.Empty) + (MentionsPointer(member) ? "unsafe " : string.Empty);
        switch (member)
        {
            case IMethodSymbol method:
                return new MemberStub(prefix + MethodDeclaration(method, owner), StubShape.Method, message);
            case IPropertySymbol property:
                string name = property.IsIndexer
                    ? "this[" + Parameters(property.Parameters) + "]"
                    : CSharpText.Identifier(property.Name);
                StubShape shape = property.GetMethod is null ? StubShape.SetOnly
                    : property.SetMethod is null ? StubShape.GetOnly
                    : property.SetMethod.IsInitOnly ? StubShape.GetInit
                    : StubShape.GetSet;
                return new MemberStub($"{prefix}{RefPrefix(property.ReturnsByRef, property.ReturnsByRefReadonly)}{property.Type.ToDisplayString(ParseSupport.TypeFormat)} {owner}.{name}", shape, message);
            case IEventSymbol @event:
                return new MemberStub($"{prefix}event {@event.Type.ToDisplayString(ParseSupport.TypeFormat)} {owner}.{CSharpText.Identifier(@event.Name)}", StubShape.Event, message);
            default:
                return null;
        }
    }

    private static bool MentionsPointer(ISymbol member) => member switch
    {
        IMethodSymbol method => IsUnsafe(method.ReturnType) || method.Parameters.Any(p => IsUnsafe(p.Type)),
        IPropertySymbol property => IsUnsafe(property.Type) || property.Parameters.Any(p => IsUnsafe(p.Type)),
        IEventSymbol @event => IsUnsafe(@event.Type),
        _ => false,
    };

    /// <summary>A pointer or function pointer, or a type built from one (an array of pointers, a generic argument).</summary>
    private static bool IsUnsafe(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
        IArrayTypeSymbol array => IsUnsafe(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsUnsafe),
        _ => false,
    };

    private static string MethodDeclaration(IMethodSymbol method, string owner)
    {
        string typeParameters = method.TypeParameters.Length == 0
            ? string.Empty
            : "<" + string.Join(", ", method.TypeParameters.Select(t => CSharpText.Identifier(t.Name))) + ">";

        // An explicit implementation may only restate 'class', 'struct' or 'default' constraints; 'default' is what
        // lets an unconstrained T? mean the same thing as in the interface.
        var constraints = new List<string>();
        foreach (ITypeParameterSymbol t in method.TypeParameters)
        {
            if (t.HasReferenceTypeConstraint)
            {
                constraints.Add($" where {CSharpText.Identifier(t.Name)} : class");
            }
            else if (t.HasValueTypeConstraint)
            {
                constraints.Add($" where {CSharpText.Identifier(t.Name)} : struct");
            }
            else if (UsesNullableTypeParameter(method, t))
            {
                constraints.Add($" where {CSharpText.Identifier(t.Name)} : default");
            }
        }

        return $"{RefPrefix(method.ReturnsByRef, method.ReturnsByRefReadonly)}{method.ReturnType.ToDisplayString(ParseSupport.TypeFormat)} "
            + $"{owner}.{CSharpText.Identifier(method.Name)}{typeParameters}({Parameters(method.Parameters)}){string.Concat(constraints)}";
    }

    private static bool UsesNullableTypeParameter(IMethodSymbol method, ITypeParameterSymbol typeParameter) =>
        method.Parameters.Select(p => p.Type).Append(method.ReturnType).Any(t =>
            t is ITypeParameterSymbol { NullableAnnotation: NullableAnnotation.Annotated } used
            && SymbolEqualityComparer.Default.Equals(used.OriginalDefinition, typeParameter));

    private static string Parameters(IEnumerable<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p =>
            RefKindText(p) + (p.IsParams ? "params " : string.Empty) + p.Type.ToDisplayString(ParseSupport.TypeFormat) + " " + CSharpText.Identifier(p.Name)));

    private static string RefKindText(IParameterSymbol parameter) =>
        (parameter.ScopedKind != ScopedKind.None && parameter.RefKind != RefKind.Out ? "scoped " : string.Empty) + parameter.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.In => "in ",
            (RefKind)4 => "ref readonly ", // RefKind.RefReadOnlyParameter, newer than some compilers this assembly supports
            _ => string.Empty,
        };

    private static string RefPrefix(bool byRef, bool byRefReadonly) =>
        byRefReadonly ? "ref readonly " : byRef ? "ref " : string.Empty;
}
