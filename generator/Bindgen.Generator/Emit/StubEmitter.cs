using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Emit;

/// <summary>
/// Emits one export stub. This is the one place that orders the stages, and the order is the safety
/// contract: prepare (no guest calls) -&gt; allocate (every guest allocation) -&gt; write (fresh views) -&gt;
/// invoke -&gt; copy back and read results (fresh views) -&gt; free (in finally). No view is taken before the
/// last allocation has returned, and none outlives the statement that takes it.
/// </summary>
internal static class StubEmitter
{
    public static string DelegateField(MethodModel method) => method.FieldName;

    /// <summary>The Wasmtime typed delegate type, e.g. <c>global::System.Func&lt;int, int, int&gt;</c>.</summary>
    public static string DelegateType(MethodModel method)
    {
        List<string> types = WasmParameterTypes(method);
        string? result = WasmResultType(method.ReturnType);
        if (result is not null)
        {
            types.Add(result);
            return "global::System.Func<" + string.Join(", ", types) + ">";
        }

        return types.Count == 0 ? "global::System.Action" : "global::System.Action<" + string.Join(", ", types) + ">";
    }

    /// <summary>The wrap call that yields the typed delegate, e.g. <c>WrapFunc&lt;int, int, int&gt;()</c>.</summary>
    public static string WrapCall(MethodModel method)
    {
        List<string> types = WasmParameterTypes(method);
        string? result = WasmResultType(method.ReturnType);
        if (result is not null)
        {
            types.Add(result);
            return "WrapFunc<" + string.Join(", ", types) + ">()";
        }

        return types.Count == 0 ? "WrapAction()" : "WrapAction<" + string.Join(", ", types) + ">()";
    }

    /// <summary>The expected wasm signature, in the runtime's format: <c>(i32, i32) -&gt; i32</c>.</summary>
    public static string WasmSignature(MethodModel method)
    {
        var parts = method.Parameters.Select(p => ParameterMarshaller.For(p.Type.Kind).WasmSignature).ToList();
        if (TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind))
        {
            parts.Add("i32");
        }

        string result = method.ReturnType.Kind == MarshalKind.Void || TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind)
            ? "()"
            : ScalarFor(method.ReturnType.Kind).WasmSignature;
        return "(" + string.Join(", ", parts) + ") -> " + result;
    }

    public static void Emit(IndentedWriter w, ModuleModel module, MethodModel method)
    {
        string parameters = string.Join(", ", method.Parameters.Select(p => (p.IsParams ? "params " : string.Empty) + p.Type.FullName + " " + p.Name));
        bool returnArea = TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind);
        bool allocates = returnArea || method.Parameters.Any(p => ParameterMarshaller.For(p.Type.Kind).BlockLength(p) is not null);
        string operation = method.Local("operation");
        string block = method.Local("block");
        string blockSize = method.Local("block_size");
        string returnAreaLocal = method.Local("return_area");

        // A name the generated class already uses (or that object declares), and a member that is not public, is
        // implemented explicitly, so the interface's method never clashes with or hides a member of the binding class.
        string declaration = method.ImplementExplicitly
            ? $"{method.ReturnType.FullName} {method.DeclaringInterface}.{method.Identifier}({parameters})"
            : $"public {method.ReturnType.FullName} {method.Identifier}({parameters})";
        w.Line("/// <inheritdoc/>");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open(declaration);
        w.Line($"const string {operation} = {CSharpText.Literal($"{module.InterfaceName}.{method.Name} (export '{method.ExportName}')")};");

        // Prepare: argument checks and sizes. No guest calls, no views.
        foreach (ParameterModel p in method.Parameters)
        {
            ParameterMarshaller.For(p.Type.Kind).EmitPrepare(w, p);
        }

        if (!allocates)
        {
            EmitInvoke(w, method);
            EmitReturn(w, method);
            w.Close();
            return;
        }

        // One guest block holds the return area (first, so malloc's alignment covers it) and every argument buffer.
        var sizeTerms = new List<string>();
        if (returnArea)
        {
            sizeTerms.Add("global::Bindgen.GuestMemory.ReturnAreaSize");
        }

        sizeTerms.AddRange(method.Parameters.Select(p => ParameterMarshaller.For(p.Type.Kind).BlockLength(p)).OfType<string>());
        if (returnArea)
        {
            w.Line($"int {returnAreaLocal} = 0;");
        }

        w.Line($"int {blockSize} = global::Bindgen.GuestMemory.BlockSize({string.Join(" + ", sizeTerms.Select((t, i) => i == 0 ? "(long)" + t : t))}, {operation});");
        w.Line($"int {block} = 0;");
        w.Open("try");
        w.Line("// Allocate: the call's one guest allocation returns before the first view is taken (pre-grow guard).");
        w.Line($"{block} = this._memory.Allocate({blockSize}, {operation}, 8);");
        string offset = returnArea ? sizeTerms[0] : string.Empty;
        if (returnArea)
        {
            w.Line($"{returnAreaLocal} = {block};");
        }

        foreach (ParameterModel p in method.Parameters)
        {
            ParameterMarshaller marshaller = ParameterMarshaller.For(p.Type.Kind);
            if (marshaller.BlockLength(p) is { } length)
            {
                marshaller.EmitPlace(w, p, offset);
                offset = offset.Length == 0 ? length : offset + " + " + length;
            }
        }

        w.Line("// Write: each copy takes a fresh view of the live memory.");
        foreach (ParameterModel p in method.Parameters)
        {
            ParameterMarshaller.For(p.Type.Kind).EmitWrite(w, p);
        }

        EmitInvoke(w, method);

        w.Line("// Read: copy back and results through fresh views; the call may have moved memory.");
        foreach (ParameterModel p in method.Parameters)
        {
            ParameterMarshaller.For(p.Type.Kind).EmitCopyBack(w, p);
        }

        EmitReturn(w, method);
        w.Close();
        w.Open("finally");
        w.Line($"this._memory.Free({block}, {blockSize}, {operation}, 8);");
        w.Close();
        w.Close();
    }

    private static void EmitInvoke(IndentedWriter w, MethodModel method)
    {
        var arguments = method.Parameters.Select(p => ParameterMarshaller.For(p.Type.Kind).Arguments(p)).ToList();
        if (TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind))
        {
            arguments.Add(method.Local("return_area"));
        }

        string call = $"this.{DelegateField(method)}({string.Join(", ", arguments)});";
        string? resultType = WasmResultType(method.ReturnType);
        if (resultType is not null)
        {
            w.Line($"{resultType} {method.Local("result")};");
            call = method.Local("result") + " = " + call;
        }

        w.Open("try");
        w.Line(call);
        w.Close();
        w.Open($"catch (global::Wasmtime.WasmtimeException {method.Local("exception")})");
        w.Line($"throw global::Bindgen.GuestFailures.FromWasmtime({method.Local("operation")}, {method.Local("exception")});");
        w.Close();
    }

    private static void EmitReturn(IndentedWriter w, MethodModel method)
    {
        switch (method.ReturnType.Kind)
        {
            case MarshalKind.Void:
                return;
            case MarshalKind.Utf8String:
            case MarshalKind.ByteArray:
                string read = method.ReturnType.Kind == MarshalKind.Utf8String ? "ReadUtf8" : "ReadBytes";
                string result = method.Local("result");
                string operation = method.Local("operation");
                w.Line($"global::Bindgen.GuestRange {result} = this._memory.ReadReturnArea({method.Local("return_area")}, {operation});");
                w.Line("// The guest handed the result's ownership to the host: free it once copied.");
                w.Open("try");
                w.Line($"return this._memory.{read}({result}, {operation});");
                w.Close();
                w.Open("finally");
                w.Line($"this._memory.Free({result}.Address, {result}.Length, {operation});");
                w.Close();
                return;
            default:
                w.Line($"return {ScalarFor(method.ReturnType.Kind).FromWasm(method.Local("result"), method.ReturnType)};");
                return;
        }
    }

    private static List<string> WasmParameterTypes(MethodModel method)
    {
        var types = method.Parameters.Select(p => ParameterMarshaller.For(p.Type.Kind).WasmTypes).ToList();
        if (TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind))
        {
            types.Add("int");
        }

        return types;
    }

    private static string? WasmResultType(TypeModel type) =>
        type.Kind == MarshalKind.Void || TypeClassifier.ReturnsThroughReturnArea(type.Kind) ? null : ScalarFor(type.Kind).WasmTypes;

    private static ScalarMarshaller ScalarFor(MarshalKind kind) => (ScalarMarshaller)ParameterMarshaller.For(kind);

    public static string Escape(string text) => CSharpText.LiteralContent(text);
}
