using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Bindgen.Generator.Parse.ParseSupport;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// The wasm-bindgen method parse: the C# types only. How each one crosses is read from the package's glue later
/// (<see cref="WasmBindgenBinder"/>), which also computes the wasm signature.
/// </summary>
internal static class WasmBindgenMethodParser
{
    internal const string WasmBindgenSupportedTypes =
        "int, uint, long, ulong, float, double, bool, and as parameters bool?, int? and uint?, string, string?, object (a JavaScript value), arrays of byte, short, ushort, int, uint, long, ulong, float and double (ReadOnlySpan<T> of them as parameters), and as results also string[]; an interface nested in the binding interface that derives IDisposable (an exported class); and where the glue takes or returns a JavaScript value, records, classes and structs (by public property), dictionaries with string keys and sequences of these";

    public static MethodModel? Parse(MemberParser parser, IMethodSymbol method, LocationInfo? methodLocation)
    {
        List<DiagnosticInfo> diagnostics = parser.Diagnostics;
        int errorsBefore = diagnostics.Count;
        var parameters = new List<ParameterModel>();
        var types = new List<WasmBindgenType>();
        var classes = new List<string>();
        var enums = new List<EquatableArray<string>>();
        var shapes = new List<JsShape?>();
        var records = new List<JsRecordType>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            LocationInfo? parameterLocation = LocationOf(MemberParser.ParameterTypeLocation(parameter)) ?? methodLocation;
            WasmBindgenType? code = parameter.RefKind == RefKind.None && !parameter.IsParams ? TypeCode(parameter.Type, parameter.NullableAnnotation, isResult: false) : null;
            JsShape? shape = code is null && parameter.RefKind == RefKind.None && !parameter.IsParams ? JsShapeParser.Of(parameter.Type, records) : null;
            code ??= shape is null ? null : WasmBindgenType.Structured;
            if (code is null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, parameterLocation,
                    $"Parameter '{parameter.Name}' of '{method.Name}'", parameter.Type.ToDisplayString(), parameter.RefKind == RefKind.None ? string.Empty : " passed by reference", WasmBindgenSupportedTypes));
                continue;
            }

            types.Add(code.Value);
            shapes.Add(shape);
            classes.Add(ClassOf(parameter.Type) ?? string.Empty);
            enums.Add(StringEnumCheck.MembersOf(parameter.Type));
            parameters.Add(new ParameterModel(CSharpText.Identifier(parameter.Name), new TypeModel(TypeShape.Scalar, ScalarKind.None, parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes)))));
        }

        // An async export (its glue returns a Promise) is declared Task<T>: T is the promise's value, typed as a result.
        (ITypeSymbol resultType, NullableAnnotation resultNullability, string? asyncResult) = WasmBindgenAsync.Unwrap(method);
        WasmBindgenType? result = method.ReturnsVoid ? WasmBindgenType.Void : TypeCode(resultType, resultNullability, isResult: true);
        JsShape? resultShape = result is null && !method.ReturnsVoid && asyncResult is null ? JsShapeParser.Of(resultType.WithNullableAnnotation(resultNullability), records) : null;
        result ??= resultShape is null ? null : WasmBindgenType.Structured;
        if (result is null)
        {
            var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedType, LocationOf(syntax?.ReturnType.GetLocation()) ?? methodLocation,
                $"The return type of '{method.Name}'", method.ReturnType.ToDisplayString(), string.Empty, WasmBindgenSupportedTypes));
        }

        bool nameGiven = parser.NameAttribute(method) is not null;
        string? exportName = nameGiven ? parser.ExportName(method, methodLocation) : CamelCase(method.Name);
        if (diagnostics.Count != errorsBefore || exportName is null || result is null)
        {
            return null;
        }

        string prefix = "__";
        while (parameters.Any(p => p.PlainName.StartsWith(prefix, System.StringComparison.Ordinal)))
        {
            prefix += "_";
        }

        parameters = parameters.Select(p => p with { LocalPrefix = prefix }).ToList();
        TypeModel returnType = method.ReturnsVoid
            ? new TypeModel(TypeShape.Void, ScalarKind.None, "void")
            : new TypeModel(TypeShape.Scalar, ScalarKind.None, method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes)));
        bool explicitly = method.DeclaredAccessibility != Accessibility.Public || parser.IsReservedName(method.Name) || method.Name == "_guest";
        var lowered = new LoweredSignature(EquatableArray<WasmType>.Empty, EquatableArray<WasmType>.Empty, ReturnArea: false);
        return new MethodModel(method.Name, exportName, parameters.ToEquatableArray(), returnType, FieldName: string.Empty,
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), explicitly, lowered,
            new WasmBindgenSignature(types.ToEquatableArray(), result.Value, nameGiven, NameMapping.ToSnakeCase(method.Name), ParameterClasses: classes.ToEquatableArray(), ResultClass: ClassOf(method.ReturnType),
                ParameterShapes: shapes.ToEquatableArray(), ResultShape: resultShape, Records: records.ToEquatableArray(), AsyncResult: asyncResult,
                Enums: enums.Append(StringEnumCheck.MembersOf(method.ReturnType)).ToEquatableArray()), Location: parser.ExportNameLocation(method) ?? methodLocation);
    }

    /// <summary>
    /// The exported class a type stands for: an interface nested in an interface that derives <c>IDisposable</c>
    /// (<c>IPhotonImage</c> is the class <c>PhotonImage</c>), else null.
    /// </summary>
    internal static string? ClassOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Interface, ContainingType.TypeKind: TypeKind.Interface } named
            || !named.AllInterfaces.Any(i => i.ToDisplayString() == "System.IDisposable"))
        {
            return null;
        }

        string name = named.Name;
        return name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]) ? name.Substring(1) : name;
    }

    /// <summary>A C# type as wasm-bindgen methods may declare it, or null when not supported.</summary>
    internal static WasmBindgenType? TypeCode(ITypeSymbol type, NullableAnnotation annotation, bool isResult)
    {
        if (ClassOf(type) is not null)
        {
            return WasmBindgenType.Instance;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return nullable.TypeArguments[0].SpecialType switch
            {
                SpecialType.System_Boolean => WasmBindgenType.NullableBool,
                SpecialType.System_UInt32 => WasmBindgenType.NullableU32,
                SpecialType.System_Int32 => WasmBindgenType.NullableI32,
                SpecialType.System_Int64 => WasmBindgenType.NullableI64,
                SpecialType.System_UInt64 => WasmBindgenType.NullableU64,
                SpecialType.System_Single => WasmBindgenType.NullableF32,
                SpecialType.System_Double => WasmBindgenType.NullableF64,
                _ => null,
            };
        }

        // A TypeScript enum's C# enum over int: the number it is (the emitter casts).
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType.SpecialType: SpecialType.System_Int32 })
        {
            return WasmBindgenType.I32;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Int32: return WasmBindgenType.I32;
            case SpecialType.System_UInt32: return WasmBindgenType.U32;
            case SpecialType.System_Int64: return WasmBindgenType.I64;
            case SpecialType.System_UInt64: return WasmBindgenType.U64;
            case SpecialType.System_Single: return WasmBindgenType.F32;
            case SpecialType.System_Double: return WasmBindgenType.F64;
            case SpecialType.System_Boolean: return WasmBindgenType.Bool;
            case SpecialType.System_String: return annotation == NullableAnnotation.Annotated ? WasmBindgenType.NullableString : WasmBindgenType.String;
            case SpecialType.System_Object: return WasmBindgenType.Js;
        }

        if (!isResult && type.TypeKind == TypeKind.Delegate)
        {
            // A JavaScript function argument (&js_sys::Function, a callback): the delegate crosses as a function value.
            return WasmBindgenType.Js;
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return array.ElementType.SpecialType == SpecialType.System_String ? (isResult ? WasmBindgenType.StringArray : null) : ArrayCode(array.ElementType);
        }

        if (!isResult && type is INamedTypeSymbol { Name: "ReadOnlySpan", ContainingNamespace.Name: "System", TypeArguments.Length: 1 } span)
        {
            return ArrayCode(span.TypeArguments[0]);
        }

        return null;
    }

    /// <summary>Bytes, or the typed array of an element type.</summary>
    private static WasmBindgenType? ArrayCode(ITypeSymbol element) => element.SpecialType switch
    {
        SpecialType.System_Byte => WasmBindgenType.Bytes,
        SpecialType.System_Int16 => WasmBindgenType.ArrayI16,
        SpecialType.System_UInt16 => WasmBindgenType.ArrayU16,
        SpecialType.System_Int32 => WasmBindgenType.ArrayI32,
        SpecialType.System_UInt32 => WasmBindgenType.ArrayU32,
        SpecialType.System_Int64 => WasmBindgenType.ArrayI64,
        SpecialType.System_UInt64 => WasmBindgenType.ArrayU64,
        SpecialType.System_Single => WasmBindgenType.ArrayF32,
        SpecialType.System_Double => WasmBindgenType.ArrayF64,
        _ => null,
    };

    internal static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
