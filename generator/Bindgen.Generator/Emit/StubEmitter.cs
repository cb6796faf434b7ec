using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Emit;

/// <summary>
/// Emits one export stub. This is the one place that orders the stages, and the order is the safety
/// contract: prepare (no guest calls) -&gt; allocate (every guest allocation) -&gt; write (fresh views) -&gt;
/// invoke -&gt; copy back and read results (fresh views) -&gt; release (after success, or in the catch on failure, so a
/// failing free never hides the call's outcome). No view is taken before the last allocation has returned, and none
/// outlives the statement that takes it.
/// </summary>
internal static class StubEmitter
{
    private const string ReturnArea = "__return_area";
    private const string Owned = "__owned";
    private const string Returned = "__returned";

    /// <summary>Members of every generated binding class, and of <see cref="object"/>.</summary>
    private static readonly HashSet<string> ReservedNames = new()
    {
        "Instance", "Memory", "Instantiate", "Binding",
        "Equals", "GetHashCode", "ToString", "GetType", "Finalize", "MemberwiseClone", "ReferenceEquals",
    };

    public static string DelegateField(MethodModel method) => "_export_" + method.Name;

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
        string parameters = string.Join(", ", method.Parameters.Select(p => p.Type.FullName + " " + p.Name));
        bool returnArea = TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind);
        bool allocates = returnArea || method.Parameters.Any(p => ParameterMarshaller.For(p.Type.Kind).BlockLength(p) is not null);

        // A name the generated class already uses (or that object declares) is implemented explicitly, so the
        // interface's method never clashes with or hides a member of the binding class.
        string declaration = ReservedNames.Contains(method.Name) || method.Name == module.ClassName
            ? $"{method.ReturnType.FullName} {module.InterfaceFullName}.{method.Name}({parameters})"
            : $"public {method.ReturnType.FullName} {method.Name}({parameters})";
        w.Line("/// <inheritdoc/>");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open(declaration);
        w.Line($"const string __operation = \"{module.InterfaceName}.{method.Name} (export '{Escape(method.ExportName)}')\";");

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
            w.Line($"int {ReturnArea} = 0;");
        }

        w.Line($"int __block_size = global::Bindgen.GuestMemory.BlockSize({string.Join(" + ", sizeTerms.Select((t, i) => i == 0 ? "(long)" + t : t))}, __operation);");
        w.Line("int __block = 0;");
        bool returns = method.ReturnType.Kind != MarshalKind.Void;
        if (returnArea)
        {
            w.Line($"global::Bindgen.GuestRange {Owned} = default;");
        }

        if (returns)
        {
            w.Line($"{method.ReturnType.FullName} {Returned};");
        }

        w.Open("try");
        w.Line("// Allocate: the call's one guest allocation returns before the first view is taken (pre-grow guard).");
        w.Line("// The block is checked whole before any offset inside it is computed.");
        w.Line("__block = _memory.AllocateBlock(__block_size, __operation);");
        string offset = returnArea ? sizeTerms[0] : string.Empty;
        if (returnArea)
        {
            w.Line($"{ReturnArea} = __block;");
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
        if (returnArea)
        {
            w.Line("// A return area the guest leaves unwritten keeps this mark and is reported, never read as a result.");
            w.Line($"_memory.PrepareReturnArea({ReturnArea}, __operation);");
        }

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

        EmitRead(w, method);
        w.Close();
        string block = "new global::Bindgen.GuestRange(__block, __block_size)";
        string owned = returnArea ? Owned : "default";
        w.Open("catch (global::System.Exception __failure)");
        w.Line("// The call failed: free what it holds. A failing free is recorded on this exception, never replaces it.");
        w.Line($"_memory.ReleaseAfterFailure(__failure, {owned}, {block}, __operation);");
        w.Line("throw;");
        w.Close();
        w.Line("// The call succeeded: free what it holds. A failing free raises GuestCleanupException, which carries the result.");
        w.Line(returns
            ? $"return _memory.Release({Returned}, {owned}, {block}, __operation);"
            : $"_memory.Release({owned}, {block}, __operation);");
        w.Close();
    }

    private static void EmitInvoke(IndentedWriter w, MethodModel method)
    {
        var arguments = method.Parameters.Select(p => ParameterMarshaller.For(p.Type.Kind).Arguments(p)).ToList();
        if (TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind))
        {
            arguments.Add(ReturnArea);
        }

        string call = $"{DelegateField(method)}({string.Join(", ", arguments)});";
        string? resultType = WasmResultType(method.ReturnType);
        if (resultType is not null)
        {
            w.Line($"{resultType} __result;");
            call = "__result = " + call;
        }

        w.Open("try");
        w.Line(call);
        w.Close();
        w.Open("catch (global::Wasmtime.WasmtimeException __exception)");
        w.Line("throw global::Bindgen.GuestFailures.FromWasmtime(__operation, __exception);");
        w.Close();
    }

    /// <summary>The allocating path's result: copied out into a local, so the call's memory is released after it.</summary>
    private static void EmitRead(IndentedWriter w, MethodModel method)
    {
        switch (method.ReturnType.Kind)
        {
            case MarshalKind.Void:
                return;
            case MarshalKind.Utf8String:
            case MarshalKind.ByteArray:
                string read = method.ReturnType.Kind == MarshalKind.Utf8String ? "ReadUtf8" : "ReadBytes";
                w.Line("// The guest handed the result's ownership to the host: it is freed once copied, on every path.");
                w.Line($"{Owned} = _memory.ReadReturnArea({ReturnArea}, __block, __block_size, __operation);");
                w.Line($"{Returned} = _memory.{read}({Owned}, __operation);");
                return;
            default:
                w.Line($"{Returned} = {ScalarFor(method.ReturnType.Kind).FromWasm("__result", method.ReturnType)};");
                return;
        }
    }

    /// <summary>The non-allocating path's result: scalars only, returned directly.</summary>
    private static void EmitReturn(IndentedWriter w, MethodModel method)
    {
        switch (method.ReturnType.Kind)
        {
            case MarshalKind.Void:
                return;
            default:
                w.Line($"return {ScalarFor(method.ReturnType.Kind).FromWasm("__result", method.ReturnType)};");
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

    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
