using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Bindgen.WasmBindgen;
using Wasmtime;
using static Bindgen.Internals.WasmBindgenOperations;

namespace Bindgen.Internals;

/// <summary>
/// js-sys's <c>Object</c>, <c>Reflect</c>, <c>Symbol</c>, <c>Array</c> and <c>Function</c> imports, <c>console</c> and
/// <c>performance</c> calls, and the glue's deferred strings, by the operation names the generator classifies their
/// bodies into (automerge-wasm's and loro-crdt's documents materialized as JavaScript objects).
/// </summary>
internal static class WasmBindgenJsSysOperations
{
    public static Function.UntypedCallbackDelegate? Create(string operation, WasmBindgenGuest g, string import)
    {
        if (operation.StartsWith("deferred:", StringComparison.Ordinal))
        {
            return Deferred(operation, g, import);
        }

        if (operation.StartsWith("console:", StringComparison.Ordinal))
        {
            return ConsoleCall(operation, g, import);
        }

        if (operation.StartsWith("call_n:", StringComparison.Ordinal))
        {
            return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) =>
            {
                var args = new object?[a.Length - 2];
                for (int i = 0; i < args.Length; i++)
                {
                    args[i] = In(g, a[i + 2], import);
                }

                r[0] = Out(g, JsObjectFunctions.Apply(In(g, a[0], import), In(g, a[1], import), new List<object?>(args), reflect: false, import));
            };
        }

        return operation switch
        {
            "reflect_apply" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.Apply(In(g, a[0], import), In(g, a[1], import), In(g, a[2], import), reflect: true, import)),
            "function_apply" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.Apply(In(g, a[0], import), In(g, a[1], import), In(g, a[2], import), reflect: false, import)),
            "object_assign" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.Assign(In(g, a[0], import), In(g, a[1], import), import)),
            "define_property" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsDefineProperty.Define(In(g, a[0], import), In(g, a[1], import), In(g, a[2], import), import)),
            "object_freeze" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.Freeze(In(g, a[0], import), import)),
            "object_keys" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.EnumerableOwn(In(g, a[0], import), import).ConvertAll(p => (object?)p.Key)),
            "object_values" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.EnumerableOwn(In(g, a[0], import), import).ConvertAll(p => p.Value)),
            "own_property_symbols" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.OwnSymbols(In(g, a[0], import), import)),
            "reflect_own_keys" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.OwnKeys(In(g, a[0], import), import)),
            "reflect_delete_property" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = JsObjectFunctions.DeleteProperty(In(g, a[0], import), In(g, a[1], import), import) ? 1 : 0,
            "symbol_for" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsSymbol.For(g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import))),
            "array_concat" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, Concat(In(g, a[0], import), In(g, a[1], import), import)),
            "array_slice" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, Slice(In(g, a[0], import), (uint)a[1].AsInt32(), (uint)a[2].AsInt32(), import)),
            "array_unshift" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Unshift(In(g, a[0], import), In(g, a[1], import), import),
            "entries_iterator" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsOperators.EntriesIterator(In(g, a[0], import), import)),
            "date_new_from" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsObjectFunctions.NewDate(In(g, a[0], import), import)),
            "range_error_new" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, new JsError(g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import)) { Name = "RangeError" }),
            "date_now" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = (double)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            "as_number" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = JsObjectFunctions.UnaryPlus(In(g, a[0], import), import),
            "performance_mark" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => MarksOf(g).Add(g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import)),
            "performance_measure" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => Measure(g, g.ReadString(a[2].AsInt32(), a[3].AsInt32(), import), import),
            _ => null,
        };
    }

    /// <summary>The inner operation, then the module's deallocator on each deferred string, on every path (the glue's finally).</summary>
    private static Function.UntypedCallbackDelegate? Deferred(string operation, WasmBindgenGuest g, string import)
    {
        int bar = operation.IndexOf('|');
        if (bar < 0 || WasmBindgenOperations.Create(operation.Substring(bar + 1), g, import) is not { } inner)
        {
            return null;
        }

        var freed = new List<(int Pointer, int Length)>();
        foreach (string pair in operation.Substring("deferred:".Length, bar - "deferred:".Length).Split(','))
        {
            string[] parts = pair.Split('.');
            freed.Add((int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture)));
        }

        return (Caller caller, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) =>
        {
            var strings = new (int Address, int Length)[freed.Count];
            for (int i = 0; i < strings.Length; i++)
            {
                strings[i] = (a[freed[i].Pointer].AsInt32(), a[freed[i].Length].AsInt32());
            }

            try
            {
                inner(caller, a, r);
            }
            finally
            {
                foreach ((int address, int length) in strings)
                {
                    g.Free(address, length, 1, import);
                }
            }
        };
    }

    /// <summary>
    /// <c>console.log(a, b)</c> and the other levels: the arguments joined by a space, a string as it is and any other
    /// value as <c>String(value)</c>; log, info and debug to <see cref="Console.Out"/>, warn and error to
    /// <see cref="Console.Error"/> (Node's stdout and stderr), read when the call is made, so <c>Console.SetOut</c> redirects them.
    /// </summary>
    private static Function.UntypedCallbackDelegate ConsoleCall(string operation, WasmBindgenGuest g, string import)
    {
        string[] parts = operation.Split(':');
        bool toError = parts[1] is "warn" or "error";
        string[] items = parts[2].Split(',');
        return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) =>
        {
            var text = new string[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                string item = items[i];
                if (item[0] == 's')
                {
                    string[] pair = item.Substring(1).Split('.');
                    text[i] = g.ReadString(a[int.Parse(pair[0], CultureInfo.InvariantCulture)].AsInt32(), a[int.Parse(pair[1], CultureInfo.InvariantCulture)].AsInt32(), import);
                }
                else
                {
                    object? value = In(g, a[int.Parse(item.Substring(1), CultureInfo.InvariantCulture)], import);
                    text[i] = JsDisplay.ToJsString(value);
                }
            }

            (toError ? Console.Error : Console.Out).WriteLine(string.Join(" ", text));
        };
    }

    private static readonly ConditionalWeakTable<WasmBindgenGuest, HashSet<string>> Marks = new();

    private static HashSet<string> MarksOf(WasmBindgenGuest g) => Marks.GetValue(g, _ => new HashSet<string>(StringComparer.Ordinal));

    /// <summary><c>performance.measure(name, startMark)</c>: Node's SyntaxError when no such mark was set; nothing is kept.</summary>
    private static void Measure(WasmBindgenGuest g, string startMark, string import)
    {
        if (!MarksOf(g).Contains(startMark))
        {
            throw new JsException(import, new JsError($"The \"{startMark}\" performance mark has not been set") { Name = "SyntaxError" });
        }
    }

    private static List<object?> Concat(object? target, object? value, string import)
    {
        if (target is not List<object?> list)
        {
            throw new JsException(import, new JsError($"{JsDisplay.ToJsString(target)}.concat is not a function") { Name = "TypeError" });
        }

        var result = new List<object?>(list);
        if (value is List<object?> more)
        {
            result.AddRange(more);
        }
        else
        {
            result.Add(value);
        }

        return result;
    }

    /// <summary><c>array.slice(begin, end)</c> (js-sys passes both as unsigned): a copy, clamped to the length.</summary>
    private static object Slice(object? target, uint begin, uint end, string import)
    {
        switch (target)
        {
            case List<object?> list:
                int from = (int)Math.Min(begin, (uint)list.Count), to = (int)Math.Min(end, (uint)list.Count);
                return to > from ? list.GetRange(from, to - from) : new List<object?>();
            case JsUint8Array bytes:
                int start = (int)Math.Min(begin, (uint)bytes.Length), stop = (int)Math.Min(end, (uint)bytes.Length);
                byte[] copy = stop > start ? bytes.Span.Slice(start, stop - start).ToArray() : Array.Empty<byte>();
                return new JsUint8Array(copy, 0, copy.Length);
            default:
                throw new JsException(import, new JsError($"{JsDisplay.ToJsString(target)}.slice is not a function") { Name = "TypeError" });
        }
    }

    private static int Unshift(object? target, object? value, string import)
    {
        if (target is not List<object?> list)
        {
            throw new JsException(import, new JsError($"{JsDisplay.ToJsString(target)}.unshift is not a function") { Name = "TypeError" });
        }

        JsObjectFunctions.CheckExtensible(list, list.Count, import);
        list.Insert(0, value);
        return list.Count;
    }
}
