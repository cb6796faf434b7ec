namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// A JavaScript value an export takes as an <c>externref</c> parameter: in a reference-types build the glue passes an
/// <c>any</c>, <c>&amp;JsValue</c> or <c>&amp;Uint8Array</c> argument as it is (<c>wasm.f(retptr, input)</c>), as it passes
/// a number, and the module puts it into its own table (owned) or a stack slot (borrowed). The glue's text is the same
/// for both and for a number: the declared C# type tells them apart (a JavaScript value, not a number or boolean), and
/// the module's signature, checked when the binding is created, says the parameter is an externref.
/// </summary>
internal static class DirectValue
{
    /// <summary>Whether parameter <paramref name="parameter"/>, declared <paramref name="declared"/>, crosses as an externref.</summary>
    public static bool Is(GlueModel glue, GlueParameter parameter, WasmBindgenType declared) =>
        parameter.Kind == GlueParameterKind.Number && glue.ExternrefTable is not null
        && declared is WasmBindgenType.Js or WasmBindgenType.Structured or WasmBindgenType.Bytes or WasmBindgenType.String;

    /// <summary>The C# expression giving the JavaScript value of argument <paramref name="name"/>, declared <paramref name="declared"/>.</summary>
    public static string ToJs(WasmBindgenType declared, string name, JsShape? shape) => declared switch
    {
        WasmBindgenType.Bytes => $"global::Bindgen.Internals.WasmBindgenGuest.Uint8Array({name})",
        WasmBindgenType.Js => $"global::Bindgen.WasmBindgen.JsConvert.ToJs({name})",
        WasmBindgenType.Structured => JsShapeEmitter.ToJs(shape!, name),
        _ => $"(object){name}",
    };
}
