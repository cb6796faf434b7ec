using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.WasmBindgen;
using Wasmtime;
using static Bindgen.Internals.WasmBindgenOperations;

namespace Bindgen.Internals;

/// <summary>
/// The imports that build <c>Map</c>s, <c>Date</c>s and arrays of a given length, and read them back
/// (<c>new Map()</c>, <c>map.set</c>, <c>Object.fromEntries</c>, <c>new Date()</c>, <c>getTime</c>, the UTC getters),
/// by the operation names the generator classifies their bodies into: serde-wasm-bindgen's maps and js-sys's dates.
/// </summary>
internal static class WasmBindgenValueOperations
{
    public static Function.UntypedCallbackDelegate? Create(string operation, WasmBindgenGuest g, string import)
    {
        if (operation.StartsWith("date_get_utc_", StringComparison.Ordinal))
        {
            string part = operation.Substring("date_get_utc_".Length);
            return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = UtcPart(In(g, a[0], import), part, import);
        }

        return operation switch
        {
            "map_new" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, new JsMap()),
            "map_set" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, MapOf(In(g, a[0], import), "set", import).Set(In(g, a[1], import), In(g, a[2], import))),
            "map_get" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, MapOf(In(g, a[0], import), "get", import).Get(In(g, a[1], import))),
            "set_new" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, SetOf(In(g, a[0], import), import)),
            "date_new" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, JsDate.Now()),
            "date_get_time" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = DateOf(In(g, a[0], import), import).Time,
            "object_from_entries" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, FromEntries(In(g, a[0], import), import)),
            "console_warn_value" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => Console.Error.WriteLine(JsDisplay.ToJsString(In(g, a[0], import))),
            "array_new_with_length" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, ArrayOfLength((uint)a[0].AsInt32())),
            _ => WasmBindgenJsSysOperations.Create(operation, g, import),
        };
    }

    /// <summary><c>new Set(x)</c> of an array, a set, a map (its [key, value] pairs) or nothing (<c>undefined</c>, <c>null</c>).</summary>
    private static JsSet SetOf(object? values, string import) => values switch
    {
        null or JsUndefined => new JsSet(),
        List<object?> list => new JsSet(list),
        JsSet set => new JsSet(set),
        JsMap map => new JsSet(map.Entries.Select(e => (object?)new List<object?> { e.Key, e.Value })),
        _ => throw new JsException(import, new JsError($"{JsDisplay.ToJsString(values)} is not iterable") { Name = "TypeError" }),
    };

    private static JsMap MapOf(object? value, string method, string import) =>
        value as JsMap ?? throw new JsException(import, new JsError($"Method Map.prototype.{method} called on incompatible receiver {JsDisplay.ToJsString(value)}") { Name = "TypeError" });

    private static JsDate DateOf(object? value, string import) =>
        value as JsDate ?? throw new JsException(import, new JsError("this is not a Date object.") { Name = "TypeError" });

    /// <summary><c>getUTCFullYear()</c>...: NaN for an invalid date, as JavaScript gives it.</summary>
    private static double UtcPart(object? value, string part, string import)
    {
        JsDate date = DateOf(value, import);
        if (double.IsNaN(date.Time))
        {
            return double.NaN;
        }

        DateTimeOffset t = date.ToDateTimeOffset();
        return part switch
        {
            "FullYear" => t.Year,
            "Month" => t.Month - 1,
            "Date" => t.Day,
            "Day" => (int)t.DayOfWeek,
            "Hours" => t.Hour,
            "Minutes" => t.Minute,
            "Seconds" => t.Second,
            "Milliseconds" => t.Millisecond,
            _ => throw new JsException(import, new JsError($"getUTC{part} is not a function") { Name = "TypeError" }),
        };
    }

    /// <summary><c>Object.fromEntries</c> of an array (or a <see cref="JsMap"/>) of [key, value] pairs; keys become strings.</summary>
    private static JsObject FromEntries(object? entries, string import)
    {
        IEnumerable<object?> items = entries switch
        {
            List<object?> list => list,
            JsMap map => ToPairs(map),
            null or JsUndefined => throw new JsException(import, new JsError($"{JsDisplay.ToJsString(entries)} is not iterable") { Name = "TypeError" }),
            _ => throw new JsException(import, new JsError("object is not iterable (cannot read property Symbol(Symbol.iterator))") { Name = "TypeError" }),
        };
        var result = new JsObject();
        foreach (object? item in items)
        {
            if (item is not List<object?> pair)
            {
                throw new JsException(import, new JsError($"Iterator value {JsDisplay.ToJsString(item)} is not an entry object") { Name = "TypeError" });
            }

            result[JsDisplay.ToJsString(pair.Count > 0 ? pair[0] : JsUndefined.Value)] = pair.Count > 1 ? pair[1] : JsUndefined.Value;
        }

        return result;
    }

    private static IEnumerable<object?> ToPairs(JsMap map)
    {
        foreach (KeyValuePair<object?, object?> entry in map)
        {
            yield return new List<object?> { entry.Key, entry.Value };
        }
    }

    /// <summary><c>new Array(n)</c>: n empty slots, read as undefined.</summary>
    private static List<object?> ArrayOfLength(uint length)
    {
        var list = new List<object?>((int)Math.Min(length, 1u << 20));
        for (uint i = 0; i < length; i++)
        {
            list.Add(JsUndefined.Value);
        }

        return list;
    }
}
