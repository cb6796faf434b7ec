using System;
using System.Linq;
using Bindgen.WasmBindgen;
using Wasmtime;
using static Bindgen.Internals.WasmBindgenOperations;

namespace Bindgen.Internals;

/// <summary>
/// The imports wasm-bindgen-futures and js-sys generate for async exports, by the operation names the generator
/// classifies their bodies into: <c>new Promise(executor)</c>, <c>Promise.resolve</c>, <c>then</c>,
/// <c>queueMicrotask</c>, <c>Function.prototype.call</c>, the module's closures (<c>__wbindgen_closure_wrapper*</c>,
/// <c>__wbindgen_cb_drop</c>) and the global-object accessors. Jobs run on the instance's <see cref="JsMicrotasks"/>.
/// </summary>
internal static class WasmBindgenAsyncOperations
{
    public static Function.UntypedCallbackDelegate? Create(string operation, WasmBindgenGuest g, string import)
    {
        string[] parts = operation.Split(':');
        switch (parts[0])
        {
            case "closure" when parts.Length == 6:
                return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, GuestClosure.Create(g, parts, a[0].AsInt32(), a[1].AsInt32(), import));
            case "promise_new" when parts.Length == 2:
                return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, NewPromise(g, parts[1], a[0].AsInt32(), a[1].AsInt32(), import));
            case "wrap" when parts.Length == 2:
                return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, new JsClassInstance(g, parts[1], a[0].AsInt32()));
            case "unwrap" when parts.Length == 2:
                return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Unwrap(g, parts[1], In(g, a[0], import));
            case "property" when parts.Length == 2:
                // getrandom's probes: the global object has Web Crypto's crypto (as Node 19 and later), nothing else of these.
                return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g,
                    parts[1] == "crypto" && ReferenceEquals(In(g, a[0], import), WasmBindgenObjectOperations.GlobalOf(g)) ? JsCrypto.Instance : JsOperators.Get(In(g, a[0], import), parts[1], import));
            case "static_global" when parts.Length == 2:
                // Node defines global and globalThis (one object); self and window are undefined there, so null.
                return parts[1] is "global" or "globalThis"
                    ? (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, WasmBindgenObjectOperations.GlobalOf(g))
                    : (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = g.Heap is null ? ValueBox.AsBox<object>(null) : 0;
        }

        return operation switch
        {
            "promise_resolve" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsPromise.ResolvedWith(g.Microtasks, In(g, a[0], import))),
            "promise_then" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, PromiseOf(In(g, a[0], import), import).Then(In(g, a[1], import), JsUndefined.Value)),
            "promise_then2" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, PromiseOf(In(g, a[0], import), import).Then(In(g, a[1], import), In(g, a[2], import))),
            "queue_microtask" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => QueueMicrotask(g, In(g, a[0], import), import),
            "queue_microtask_property" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, QueueMicrotaskOf(g, In(g, a[0], import), import)),
            "call1" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, Call(In(g, a[0], import), In(g, a[1], import), new[] { In(g, a[2], import) }, import)),
            "call2" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, Call(In(g, a[0], import), In(g, a[1], import), new[] { In(g, a[2], import), In(g, a[3], import) }, import)),
            "cb_drop" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = GuestClosure.Drop(Take(g, a[0], import), import) ? 1 : 0,
            "get_random_values" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => JsCrypto.GetRandomValues(In(g, a[0], import), In(g, a[1], import), import),
            "random_fill_sync" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => System.Security.Cryptography.RandomNumberGenerator.Fill((Take(g, a[1], import) as JsUint8Array ?? throw new JsException(import, new JsError("randomFillSync of a value that is not a Uint8Array") { Name = "TypeError" })).Span),
            // Bindgen has no module system: getrandom then takes the Web Crypto path, which the global object has.
            "module_require" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, JsUndefined.Value),
            "reflect_set" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = ReflectSet(In(g, a[0], import), In(g, a[1], import), In(g, a[2], import)) ? 1 : 0,
            "array_from" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, ArrayFrom(In(g, a[0], import), import)),
            "to_string" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsDisplay.ToJsString(In(g, a[0], import))),
            "function_new_cached" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) =>
            {
                string source = a[0].AsInt32() == 0 ? In(g, a[1], import) as string ?? string.Empty : g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import);
                r[0] = Out(g, WasmBindgenObjectOperations.NewFunction(g, source, import));
            },
            _ => null,
        };
    }

    /// <summary>
    /// <c>X.__unwrap(value)</c>: the module takes the instance (the glue's <c>__destroy_into_raw</c>), which .NET then
    /// neither frees nor uses; 0 for a value that is not a live instance of the class made by this module instance.
    /// </summary>
    private static int Unwrap(WasmBindgenGuest g, string className, object? value)
    {
        if (value is not IWasmBindgenInstance instance || instance.ClassName != className || !ReferenceEquals(instance.Guest, g))
        {
            return 0;
        }

        int pointer = instance.LivePointer;
        instance.EndLoan();
        return pointer;
    }

    /// <summary><c>Reflect.set(target, key, value)</c>: false where the target is not an object, frozen, or the property read-only.</summary>
    private static bool ReflectSet(object? target, object? key, object? value)
    {
        if (target is not (JsObject or System.Collections.Generic.List<object?>))
        {
            return false;
        }

        if (JsObjectFunctions.TrySet(target, key, value) is { } done)
        {
            return done;
        }

        JsObjectFunctions.Write(target, key, value, "Reflect.set");
        return true;
    }

    /// <summary><c>Array.from(x)</c> of an array or a Uint8Array (a copy as an array of numbers).</summary>
    private static System.Collections.Generic.List<object?> ArrayFrom(object? source, string import) => source switch
    {
        System.Collections.Generic.List<object?> list => new System.Collections.Generic.List<object?>(list),
        JsUint8Array bytes => bytes.Span.ToArray().Select(b => (object?)(double)b).ToList(),
        _ => throw new JsException(import, new JsError($"Array.from of {JsDisplay.ToJsString(source)} is not supported") { Name = "TypeError" }),
    };

    private static JsPromise PromiseOf(object? value, string import) =>
        value as JsPromise ?? throw new JsException(import, new JsError($"{JsDisplay.ToJsString(value)}.then is not a function") { Name = "TypeError" });

    private static object? Call(object? function, object? thisArg, object?[] args, string import) =>
        function is JsFunction f ? f.Call(thisArg, args) : throw new JsException(import, new JsError($"{JsDisplay.ToJsString(function)}.call is not a function") { Name = "TypeError" });

    /// <summary><c>queueMicrotask(callback)</c>: a TypeError for a value that is not a function, as in Node.</summary>
    private static void QueueMicrotask(WasmBindgenGuest g, object? callback, string import)
    {
        if (callback is not JsFunction f)
        {
            throw new JsException(import, new JsError("The \"callback\" argument must be of type function.") { Name = "TypeError" });
        }

        g.Microtasks.Enqueue(() => f.Call(JsUndefined.Value));
    }

    /// <summary><c>global.queueMicrotask</c>: the instance's queue on the global object, else an ordinary property read.</summary>
    private static object? QueueMicrotaskOf(WasmBindgenGuest g, object? target, string import) =>
        ReferenceEquals(target, WasmBindgenObjectOperations.GlobalOf(g))
            ? new JsFunction("queueMicrotask", (_, args) => { QueueMicrotask(g, args.Length > 0 ? args[0] : JsUndefined.Value, import); return JsUndefined.Value; })
            : JsOperators.Get(target, "queueMicrotask", import);

    /// <summary>
    /// <c>new Promise(executor)</c> with a closure the module lends for this call only (the glue's <c>state0</c>): the
    /// executor runs now, through the module's adapter export, with the promise's resolving functions.
    /// </summary>
    private static JsPromise NewPromise(WasmBindgenGuest g, string adapter, int a, int b, string import)
    {
        var promise = new JsPromise(g.Microtasks);
        (JsFunction resolve, JsFunction reject) = promise.ResolvingFunctions();
        try
        {
            GuestClosure.Invoke(g, adapter, a, b, new object?[] { resolve, reject }, import);
        }
        catch (JsException thrown)
        {
            promise.Reject(thrown.Value);
        }

        return promise;
    }
}

/// <summary>The global object's <c>crypto</c> (Web Crypto), for getrandom: <c>getRandomValues</c> fills a Uint8Array from the OS generator.</summary>
internal sealed class JsCrypto
{
    public static JsCrypto Instance { get; } = new();

    public static void GetRandomValues(object? crypto, object? array, string import)
    {
        if (crypto is not JsCrypto || array is not JsUint8Array bytes)
        {
            throw new JsException(import, new JsError($"{JsDisplay.ToJsString(crypto)}.getRandomValues({JsDisplay.ToJsString(array)}) is not supported") { Name = "TypeError" });
        }

        if (bytes.Length > 65536)
        {
            throw new JsException(import, new JsError($"The ArrayBufferView's byte length ({bytes.Length}) exceeds the number of bytes of entropy available via this API (65536)") { Name = "QuotaExceededError" });
        }

        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes.Span);
    }

    public override string ToString() => "[object Crypto]";
}
