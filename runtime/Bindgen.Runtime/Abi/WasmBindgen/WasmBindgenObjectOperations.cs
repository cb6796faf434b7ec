using System;
using System.Collections.Generic;
using System.Numerics;
using Bindgen.WasmBindgen;
using Wasmtime;
using static Bindgen.Internals.WasmBindgenOperations;

namespace Bindgen.Internals;

/// <summary>
/// The imports serde-wasm-bindgen and js-sys call to walk a JavaScript value and to build one (<c>Object.entries</c>,
/// <c>Reflect.get</c>, the iteration protocol, <c>Number()</c>, <c>new Map()</c>...), by the operation names the
/// generator classifies their bodies into. Values are the host heap's (<see cref="JsObject"/>, lists...), so a C#
/// options object converted by <see cref="JsConvert"/> reads in the module as the same object literal does in Node.
/// </summary>
internal static class WasmBindgenObjectOperations
{
    public static Function.UntypedCallbackDelegate? Create(string operation, WasmBindgenGuest g, string import)
    {
        if (operation.StartsWith("instanceof_", StringComparison.Ordinal))
        {
            string constructor = operation.Substring("instanceof_".Length);
            return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = JsOperators.InstanceOf(In(g, a[0], import), constructor) ? 1 : 0;
        }

        if (operation.StartsWith("global_", StringComparison.Ordinal))
        {
            string name = operation.Substring("global_".Length);
            return name is "globalThis" or "global"
                ? (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, GlobalOf(g))
                : (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> _) => throw new JsException(import, new JsError($"{name} is not defined") { Name = "ReferenceError" });
        }

        return operation switch
        {
            "function_new" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, NewFunction(g, g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import), import)),
            "entries" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.Entries(In(g, a[0], import), import)),
            "get_index" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.Get(In(g, a[0], import), (double)(uint)a[1].AsInt32(), import)),
            "get_with_ref_key" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.Get(In(g, a[0], import), In(g, a[1], import), import)),
            "reflect_get" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.ReflectGet(In(g, a[0], import), In(g, a[1], import), import)),
            "symbol_iterator" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, JsSymbol.Iterator),
            "call0" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.Call(In(g, a[0], import), In(g, a[1], import), import)),
            "next_call" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.CallNext(In(g, a[0], import), import)),
            "next_property" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.NextProperty(In(g, a[0], import), import)),
            "done" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Truthy(JsOperators.Get(In(g, a[0], import), "done", import)) ? 1 : 0,
            "value" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.Get(In(g, a[0], import), "value", import)),
            "is_array" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = In(g, a[0], import) is List<object?> ? 1 : 0,
            "is_safe_integer" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = JsOperators.IsSafeInteger(In(g, a[0], import)) ? 1 : 0,
            "in" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = JsOperators.Has(In(g, a[0], import), In(g, a[1], import), import) ? 1 : 0,
            "jsval_loose_eq" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = JsOperators.LooseEquals(In(g, a[0], import), In(g, a[1], import)) ? 1 : 0,
            "number_from" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = JsOperators.ToNumber(In(g, a[0], import)),
            "string_from" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => ReturnString(g, a[0].AsInt32(), JsDisplay.ToJsString(In(g, a[1], import)), import),
            "json_serialize" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) =>
            {
                object? value = In(g, a[1], import);
                ReturnString(g, a[0].AsInt32(), JsJson.Stringify(value is JsUndefined ? null : value, import) as string, import);
            },
            "bigint_get_as_i64" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => ReturnBigInt(g, a[0].AsInt32(), In(g, a[1], import), import),
            "array_set_index" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => SetIndex(In(g, a[0], import), (uint)a[1].AsInt32(), Take(g, a[2], import), import),
            "json_parse" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsJson.Parse(g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import), import)),
            "is_falsy" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Truthy(In(g, a[0], import)) ? 0 : 1,
            "typeof" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.TypeOf(In(g, a[0], import))),
            _ => WasmBindgenAsyncOperations.Create(operation, g, import) ?? WasmBindgenValueOperations.Create(operation, g, import),
        };
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WasmBindgenGuest, JsObject> Globals = new();

    /// <summary>The instance's global object, as Node's <c>globalThis</c> (and <c>global</c>) is: an object with no properties the module reads.</summary>
    internal static JsObject GlobalOf(WasmBindgenGuest g) => Globals.GetValue(g, _ => new JsObject());

    /// <summary>
    /// <c>new Function(source)</c>: js-sys makes <c>Function("return this")</c> to find the global object when the
    /// lookups fail; that one is the global object (called with <c>undefined</c> as <c>this</c>, as js-sys does).
    /// Bindgen evaluates no other JavaScript.
    /// </summary>
    internal static JsFunction NewFunction(WasmBindgenGuest g, string source, string import) =>
        source.Trim() is "return this" or "return this;"
            ? new JsFunction("anonymous", self => self is null or JsUndefined ? GlobalOf(g) : self)
            : throw new JsException(import, new JsError($"Bindgen does not evaluate JavaScript source ({source})") { Name = "EvalError" });

    /// <summary>ToBoolean.</summary>
    internal static bool Truthy(object? value) => value switch
    {
        null or JsUndefined => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        BigInteger i => !i.IsZero,
        _ => true,
    };

    /// <summary>Writes an <c>Option&lt;i64&gt;</c> to <paramref name="area"/>: the flag word, then the value at offset 8.</summary>
    private static void ReturnBigInt(WasmBindgenGuest g, int area, object? value, string import)
    {
        long bits = value is BigInteger i ? (long)(ulong)(i & ulong.MaxValue) : 0;
        g.WriteInt32(area + 8, unchecked((int)bits), import);
        g.WriteInt32(area + 12, unchecked((int)(bits >> 32)), import);
        g.WriteInt32(area, value is BigInteger ? 1 : 0, import);
    }

    private static void SetIndex(object? target, uint index, object? value, string import)
    {
        if (target is not List<object?> list || index >= int.MaxValue)
        {
            throw new JsException(import, new JsError($"Cannot set index {index} of {JsDisplay.ToJsString(target)}") { Name = "TypeError" });
        }

        if (JsObjectFunctions.AssignSpecial(list, (double)index, value, import))
        {
            return;
        }

        while (list.Count <= (int)index)
        {
            list.Add(JsUndefined.Value);
        }

        list[(int)index] = value;
    }
}
