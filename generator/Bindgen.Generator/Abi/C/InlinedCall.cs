using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// The form of an export method whose call is all there is: numbers in and out (scalar marshallers only), nothing
/// allocated in the guest, no cancellation token, at most <see cref="MaxParameters"/> wasm parameters. Its body is one
/// call of the runtime's <c>ExportFunc</c>/<c>ExportAction</c>, which enters the store's gate, calls the export,
/// turns a Wasmtime failure into Bindgen's exception naming the method and leaves the gate, without the try regions
/// the general form needs (docs/benchmarks.md, "The call path"); the JIT inlines it whole.
/// </summary>
internal static class InlinedCall
{
    /// <summary>The most wasm parameters the runtime's inlined calls take.</summary>
    public const int MaxParameters = 4;

    /// <summary>Whether <paramref name="method"/> takes this form.</summary>
    public static bool Applies(MethodModel method)
    {
        LoweredSignature lowered = method.Lowered;
        if (method.CancellationToken is not null || lowered.ReturnArea || lowered.ResultPointer
            || lowered.Parameters.Count > MaxParameters || lowered.Results.Count > 1
            || lowered.Parameters.Concat(lowered.Results).Any(t => t == WasmType.Externref)
            || method.Parameters.Any(p => MarshallerResolver.For(p) is not ScalarMarshaller))
        {
            return false;
        }

        return method.ReturnType.Shape == TypeShape.Void
            ? lowered.Results.Count == 0
            : lowered.Results.Count == 1 && MarshallerResolver.For(method.ReturnType) is ScalarMarshaller;
    }

    /// <summary>The field's type, e.g. <c>global::Bindgen.Internals.ExportFunc&lt;int, int, int&gt;</c>.</summary>
    public static string FieldType(MethodModel method) => "global::Bindgen.Internals.Export" + ExportDelegates.ResolveCall(method);

    /// <summary>The resolver call that fills the field, after <c>__exports.</c>.</summary>
    public static string Resolve(MethodModel method) =>
        $"Call{ExportDelegates.ResolveCall(method)}({CSharpText.Literal(method.ExportName)}, {CSharpText.Literal(method.Lowered.Text)}, {CSharpText.Literal(method.Name)})";

    /// <summary>The method's body: the one call, its arguments and result converted by the scalar marshallers.</summary>
    public static void EmitBody(IndentedWriter w, MethodModel method)
    {
        string arguments = string.Join(", ", method.Parameters.Select(p => MarshallerResolver.For(p).Arguments(p)));
        string call = $"this.{ExportDelegates.DelegateField(method)}.Invoke({arguments})";
        if (method.ReturnType.Shape == TypeShape.Void)
        {
            w.Line(call + ";");
            return;
        }

        w.Line($"return {MarshallerResolver.For(method.ReturnType).InlineExportResult(method, call)};");
    }
}
