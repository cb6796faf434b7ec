using System.Linq;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Emit;

/// <summary>
/// Wasmtime's typed caller-aware callbacks stop at 12 parameters. An import with more is defined with the untyped
/// callback, which unpacks its arguments and calls the same typed body, written as a local function. The pieces of
/// that wrapper, shared by every ABI's import emitter.
/// </summary>
internal static class UntypedCallback
{
    /// <summary>The most parameters Wasmtime's typed caller-aware callbacks take.</summary>
    public const int MaxTypedParameters = 12;

    /// <summary>Whether <paramref name="lowered"/> needs the untyped callback.</summary>
    public static bool Needed(LoweredSignature lowered) => lowered.Parameters.Count > MaxTypedParameters;

    /// <summary>The <c>DefineFunction</c> line up to the lambda's body: <c>linker.DefineFunction(..., (Untyped...)((c, a, r) =&gt;</c>.</summary>
    public static string Define(string exportName, MethodModel method) =>
        Open($"linker.DefineFunction(ModuleName, {CSharpText.Literal(exportName)}, ", method);

    /// <summary>
    /// <paramref name="call"/> (a call that takes the callback, its parameter kinds and its result kinds, up to its first
    /// argument: <c>linker.DefineFunction(..., </c> or <c>Function.FromCallback(store, </c>), then the lambda's head.
    /// </summary>
    public static string Open(string call, MethodModel method) =>
        $"{call}(global::Wasmtime.Function.UntypedCallbackDelegate)(({method.Local("caller")}, {method.Local("arguments")}, {method.Local("results")}) =>";

    /// <summary>The lambda's one statement: unpack the arguments, call the typed body, store its result.</summary>
    public static string Call(MethodModel method)
    {
        string unpacked = string.Join(", ", method.Lowered.Parameters.Select((t, i) => $"{method.Local("arguments")}[{i}].{Unbox(t)}()"));
        return $"{(method.Lowered.ResultClrType is null ? string.Empty : method.Local("results") + "[0] = ")}{method.Local("invoke")}({method.Local("caller")}, {unpacked});";
    }

    /// <summary>The typed body's signature, over the wasm parameters named <paramref name="wasmNames"/>.</summary>
    public static string Signature(MethodModel method, System.Collections.Generic.IReadOnlyList<string> wasmNames)
    {
        string[] types = method.Lowered.ParameterClrTypes;
        string parameters = string.Join(", ", new[] { "global::Wasmtime.Caller " + method.Local("caller") }.Concat(wasmNames.Select((name, i) => types[i] + " " + name)));
        return $"{method.Lowered.ResultClrType ?? "void"} {method.Local("invoke")}({parameters})";
    }

    /// <summary>What closes the lambda: its parameter and result kinds, then the call's end.</summary>
    public static string Kinds(LoweredSignature lowered)
    {
        string parameters = "new[] { " + string.Join(", ", lowered.Parameters.Select(Kind)) + " }";
        string results = lowered.Results.Count == 0 ? "global::System.Array.Empty<global::Wasmtime.ValueKind>()" : "new[] { " + string.Join(", ", lowered.Results.Select(Kind)) + " }";
        return $"), {parameters}, {results});";
    }

    private static string Unbox(WasmType type) => type switch
    {
        WasmType.I32 => "AsInt32",
        WasmType.I64 => "AsInt64",
        WasmType.F32 => "AsSingle",
        _ => "AsDouble",
    };

    private static string Kind(WasmType type) => type switch
    {
        WasmType.I32 => "global::Wasmtime.ValueKind.Int32",
        WasmType.I64 => "global::Wasmtime.ValueKind.Int64",
        WasmType.F32 => "global::Wasmtime.ValueKind.Float32",
        _ => "global::Wasmtime.ValueKind.Float64",
    };
}
