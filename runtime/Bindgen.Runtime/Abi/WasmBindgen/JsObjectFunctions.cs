using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>
/// js-sys's <c>Object</c> and <c>Reflect</c> functions over the host heap's values, with the property model of
/// <see cref="JsOwnProperties"/> (symbol keys, attributes, frozen objects) and V8's TypeError messages. Writes follow
/// strict mode (the glue of ES-module builds is strict): a write to a frozen object or a read-only property throws.
/// </summary>
internal static class JsObjectFunctions
{
    /// <summary>Whether <paramref name="value"/> is an object (or a function), not a primitive.</summary>
    public static bool IsObject(object? value) => value is not null && JsOperators.TypeOf(value) is "object" or "function";

    private static JsException TypeError(string import, string message) => new(import, new JsError(message) { Name = "TypeError" });

    /// <summary>
    /// <c>target[key] = value</c> where the object model decides: true when done here (a symbol key, a hidden property),
    /// false when it is an ordinary write the caller makes; a TypeError when the write is not allowed.
    /// </summary>
    public static bool AssignSpecial(object? target, object? key, object? value, string import)
    {
        if (target is null || (JsOwnProperties.Of(target) is null && key is not JsSymbol))
        {
            return false;
        }

        return TrySet(target, key, value) switch
        {
            null => false,
            true => true,
            false => throw NotWritable(target, JsOwnProperties.Key(key), import),
        };
    }

    /// <summary><c>Reflect.set</c>'s answer from the object model: null for an ordinary write, else whether it was made.</summary>
    public static bool? TrySet(object target, object? key, object? value)
    {
        object k = JsOwnProperties.Key(key);
        JsOwnProperties? own = JsOwnProperties.Of(target);
        if (JsOwnProperties.Find(target, k) is { } hidden)
        {
            if (own!.Frozen || !hidden.Writable)
            {
                return false;
            }

            hidden.Value = value;
            return true;
        }

        if (own is { Frozen: true })
        {
            return false;
        }

        if (k is string s)
        {
            return own is null || JsOwnProperties.IsWritable(target, s) ? null : false;
        }

        JsOwnProperties.For(target).Hidden.Add(new JsProperty(k, value, enumerable: true, writable: true, configurable: true));
        return true;
    }

    private static JsException NotWritable(object target, object key, string import) =>
        HasOwn(target, key)
            ? TypeError(import, $"Cannot assign to read only property '{JsOwnProperties.Describe(key)}' of object '{(target is List<object?> ? "[object Array]" : "#<Object>")}'")
            : TypeError(import, $"Cannot add property {JsOwnProperties.Describe(key)}, object is not extensible");

    /// <summary>A TypeError when <paramref name="target"/> is frozen and <paramref name="index"/> would be added (push, unshift).</summary>
    public static void CheckExtensible(object? target, int index, string import)
    {
        if (JsOwnProperties.IsFrozen(target))
        {
            throw TypeError(import, $"Cannot add property {index}, object is not extensible");
        }
    }

    /// <summary>Whether <paramref name="target"/> has an own property <paramref name="key"/>, hidden or ordinary.</summary>
    public static bool HasOwn(object target, object key)
    {
        if (JsOwnProperties.Find(target, key) is not null)
        {
            return true;
        }

        return key is string s && target switch
        {
            JsObject o => o.Has(s),
            List<object?> list => s == "length" || (JsOperators.Index(s) is int i && i < list.Count),
            string text => s == "length" || (JsOperators.Index(s) is int c && c < text.Length),
            JsUint8Array array => JsOperators.Index(s) is int b && b < array.Length,
            _ => false,
        };
    }

    /// <summary>The own enumerable string-keyed properties, in JavaScript's order (what <c>Object.keys</c> lists).</summary>
    public static List<KeyValuePair<string, object?>> EnumerableOwn(object? target, string import)
    {
        var result = new List<KeyValuePair<string, object?>>();
        switch (target)
        {
            case null or JsUndefined:
                throw TypeError(import, "Cannot convert undefined or null to object");
            case JsObject o:
                result.AddRange(o.Properties);
                break;
            case List<object?> or string or JsUint8Array:
                foreach (List<object?> pair in JsOperators.Entries(target, import).ConvertAll(e => (List<object?>)e!))
                {
                    result.Add(new KeyValuePair<string, object?>((string)pair[0]!, pair[1]));
                }

                break;
        }

        if (JsOwnProperties.Of(target) is { } own)
        {
            foreach (JsProperty p in own.Hidden)
            {
                if (p.Enumerable && p.Key is string s)
                {
                    result.Add(new KeyValuePair<string, object?>(s, p.Value));
                }
            }
        }

        return result;
    }

    /// <summary><c>Reflect.ownKeys</c>: integer keys, then strings, then symbols (enumerable or not).</summary>
    public static List<object?> OwnKeys(object? target, string import)
    {
        if (!IsObject(target))
        {
            throw TypeError(import, "Reflect.ownKeys called on non-object");
        }

        var keys = new List<object?>();
        foreach (KeyValuePair<string, object?> p in EnumerableOwn(target, import))
        {
            if (JsOwnProperties.Find(target!, p.Key) is null)
            {
                keys.Add(p.Key);
            }
        }

        if (target is List<object?>)
        {
            keys.Add("length");
        }
        else if (target is JsError)
        {
            keys.Add("stack");
            keys.Add("message");
        }

        if (JsOwnProperties.Of(target!) is { } own)
        {
            keys.AddRange(own.Hidden.FindAll(p => p.Key is string).ConvertAll(p => (object?)p.Key));
            keys.AddRange(own.Hidden.FindAll(p => p.Key is JsSymbol).ConvertAll(p => (object?)p.Key));
        }

        return keys;
    }

    /// <summary><c>Object.getOwnPropertySymbols</c>.</summary>
    public static List<object?> OwnSymbols(object? target, string import)
    {
        if (target is null or JsUndefined)
        {
            throw TypeError(import, "Cannot convert undefined or null to object");
        }

        return JsOwnProperties.Of(target) is { } own ? own.Hidden.FindAll(p => p.Key is JsSymbol).ConvertAll(p => (object?)p.Key) : new List<object?>();
    }

    /// <summary><c>Object.assign(target, source)</c>: the source's own enumerable properties, strings then symbols, written as assignments.</summary>
    public static object? Assign(object? target, object? source, string import)
    {
        if (target is null or JsUndefined)
        {
            throw TypeError(import, "Cannot convert undefined or null to object");
        }

        if (source is null or JsUndefined)
        {
            return target;
        }

        foreach (KeyValuePair<string, object?> p in EnumerableOwn(source, import))
        {
            Write(target, p.Key, p.Value, import);
        }

        if (JsOwnProperties.Of(source) is { } own)
        {
            foreach (JsProperty p in own.Hidden.FindAll(p => p.Key is JsSymbol && p.Enumerable))
            {
                Write(target, p.Key, p.Value, import);
            }
        }

        return target;
    }

    /// <summary>An assignment <c>target[key] = value</c> in strict mode.</summary>
    public static void Write(object? target, object? key, object? value, string import)
    {
        if (AssignSpecial(target, key, value, import))
        {
            return;
        }

        string name = JsDisplay.ToJsString(key);
        switch (target)
        {
            case JsObject o:
                o[name] = value;
                break;
            case List<object?> list when JsOperators.Index(name) is int i:
                while (list.Count <= i)
                {
                    list.Add(JsUndefined.Value);
                }

                list[i] = value;
                break;
            case null or JsUndefined:
                throw TypeError(import, $"Cannot set properties of {JsDisplay.ToJsString(target)} (setting '{name}')");
            default:
                if (IsObject(target))
                {
                    JsOwnProperties.For(target).Hidden.Add(new JsProperty(name, value, enumerable: true, writable: true, configurable: true));
                }

                break;
        }
    }

    /// <summary><c>Reflect.deleteProperty(target, key)</c>: false for a non-configurable property or a frozen object.</summary>
    public static bool DeleteProperty(object? target, object? key, string import)
    {
        if (!IsObject(target))
        {
            throw TypeError(import, "Reflect.deleteProperty called on non-object");
        }

        object k = JsOwnProperties.Key(key);
        if (!JsOwnProperties.IsConfigurable(target!, k))
        {
            return false;
        }

        if (JsOwnProperties.Find(target!, k) is { } hidden)
        {
            JsOwnProperties.Of(target!)!.Hidden.Remove(hidden);
            return true;
        }

        switch (target)
        {
            case JsObject o when k is string s:
                o.Remove(s);
                JsOwnProperties.Of(o)?.Fixed.Remove(s);
                return true;
            case List<object?> list when k is string s:
                if (s == "length")
                {
                    return false;
                }

                if (JsOperators.Index(s) is int i && i < list.Count)
                {
                    list[i] = JsUndefined.Value;
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary><c>Object.freeze(value)</c>: a primitive is returned as it is.</summary>
    public static object? Freeze(object? value, string import)
    {
        if (value is JsUint8Array { Length: > 0 })
        {
            throw TypeError(import, "Cannot freeze array buffer views with elements");
        }

        if (IsObject(value))
        {
            JsOwnProperties.For(value!).Frozen = true;
        }

        return value;
    }

    /// <summary><c>Reflect.apply(f, thisArg, args)</c> and <c>f.apply(thisArg, args)</c> (which takes null or undefined as no arguments).</summary>
    public static object? Apply(object? function, object? thisArg, object? arguments, bool reflect, string import)
    {
        if (function is not JsFunction f)
        {
            throw TypeError(import, reflect
                ? $"Function.prototype.apply was called on {JsDisplay.ToJsString(function)}, which is {Article(JsOperators.TypeOf(function))} and not a function"
                : $"{JsDisplay.ToJsString(function)}.apply is not a function");
        }

        object?[] args = arguments switch
        {
            List<object?> list => list.ToArray(),
            null or JsUndefined when !reflect => Array.Empty<object?>(),
            JsUint8Array bytes => Array.ConvertAll(bytes.Span.ToArray(), b => (object?)(double)b),
            _ when IsObject(arguments) => Array.Empty<object?>(),
            _ => throw TypeError(import, "CreateListFromArrayLike called on non-object"),
        };
        return f.Call(thisArg, args);
    }

    private static string Article(string type) => type is "object" or "undefined" ? "an " + type : "a " + type;

    /// <summary><c>new Date(value)</c>: a date's copy, a time value (clipped), a parsed string.</summary>
    public static JsDate NewDate(object? value, string import) => value switch
    {
        JsDate d => new JsDate(d.Time),
        string s => new JsDate(ParseDate(s)),
        BigInteger => throw TypeError(import, "Cannot convert a BigInt value to a number"),
        _ => new JsDate(TimeClip(JsOperators.ToNumber(value))),
    };

    private static double TimeClip(double time) =>
        double.IsNaN(time) || double.IsInfinity(time) || Math.Abs(time) > 8.64e15 ? double.NaN : Math.Truncate(time) + 0.0;

    private static double ParseDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset t)
            ? t.ToUnixTimeMilliseconds()
            : double.NaN;

    /// <summary><c>+value</c>: ToNumber, a TypeError for a BigInt or a symbol; a date is its time value.</summary>
    public static double UnaryPlus(object? value, string import) => value switch
    {
        BigInteger => throw TypeError(import, "Cannot convert a BigInt value to a number"),
        JsSymbol => throw TypeError(import, "Cannot convert a Symbol value to a number"),
        JsDate d => d.Time,
        _ => JsOperators.ToNumber(value),
    };
}
