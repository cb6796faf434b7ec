using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Async exports (wasm-bindgen-futures: the glue's wrapper returns the module's Promise as a JavaScript value),
/// declared <c>Task&lt;T&gt;</c>: the binding calls the export, runs the instance's microtasks on the calling thread
/// and returns the settled promise as the task (<c>WasmBindgenGuest.Settle</c>).
/// </summary>
internal static class WasmBindgenAsync
{
    private static readonly SymbolDisplayFormat Spelled = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>The method's result type, or T of a <c>Task&lt;T&gt;</c> result with T as C# spells it.</summary>
    public static (ITypeSymbol Type, NullableAnnotation Nullability, string? AsyncResult) Unwrap(IMethodSymbol method)
    {
        if (method.ReturnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task
            && task.ConstructedFrom.ToDisplayString() == "System.Threading.Tasks.Task<TResult>")
        {
            ITypeSymbol value = task.TypeArguments[0];
            NullableAnnotation nullability = task.TypeArgumentNullableAnnotations[0];
            return (value, nullability, value.WithNullableAnnotation(nullability).ToDisplayString(Spelled));
        }

        return (method.ReturnType, method.ReturnNullableAnnotation, null);
    }

    /// <summary>Null when a <c>Task&lt;T&gt;</c> fits the glue's result (a JavaScript value, T one it converts to), else why not.</summary>
    public static string? ResultMismatch(WasmBindgenSignature signature, GlueExport export)
    {
        if (export.Result != GlueResultKind.Object)
        {
            return $"it returns Task<{signature.AsyncResult}>, and the glue's result is not a JavaScript value (a Promise): declare the result without Task";
        }

        return WasmBindgenBinder.IsJsValue(signature.Result) && signature.Result != WasmBindgenType.Structured ? null
            : $"it returns Task<{signature.AsyncResult}>, and a promise's value converts to object, string, double, bool or byte[] only";
    }
}
