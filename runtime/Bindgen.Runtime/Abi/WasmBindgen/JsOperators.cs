using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>A JavaScript function as the host heap holds it: built-ins serde's walk calls, promise resolvers, the module's closures.</summary>
internal sealed class JsFunction
{
    private readonly Func<object?, object?[], object?> _call;

    public JsFunction(string name, Func<object?, object?> call)
        : this(name, (self, _) => call(self))
    {
    }

    public JsFunction(string name, Func<object?, object?[], object?> call)
    {
        Name = name;
        _call = call;
    }

    public string Name { get; }

    /// <summary>What the function closes over, when the module made it (a Rust closure's state), else null.</summary>
    public object? Closure { get; init; }

    /// <summary><c>f.call(thisArg, ...args)</c>.</summary>
    public object? Call(object? thisArg, params object?[] args) => _call(thisArg, args);

    public override string ToString() => $"function {Name}() {{ [native code] }}";
}

/// <summary>A JavaScript symbol: <c>Symbol.iterator</c>, or one of the global registry (<c>Symbol.for(key)</c>).</summary>
internal sealed class JsSymbol
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsSymbol> Registry = new(StringComparer.Ordinal);

    private JsSymbol(string description) => Description = description;

    public static JsSymbol Iterator { get; } = new("Symbol.iterator");

    /// <summary><c>Symbol.for(key)</c>: the same symbol for the same key, in every instance (one registry, as one realm has).</summary>
    public static JsSymbol For(string key) => Registry.GetOrAdd(key, k => new JsSymbol(k));

    public string Description { get; }

    public override string ToString() => $"Symbol({Description})";
}

/// <summary>
/// JavaScript's operators over the values a host heap holds (<c>typeof</c>, <c>==</c>, <c>Number()</c>, property
/// reads, <c>in</c>, <c>Object.entries</c>, the iteration protocol), as the imports serde-wasm-bindgen and js-sys
/// generate use them. A value that JavaScript would reject is a <see cref="JsException"/> with V8's message.
/// </summary>
internal static class JsOperators
{
    public static string TypeOf(object? value) => value switch
    {
        JsUndefined => "undefined",
        bool => "boolean",
        double => "number",
        string => "string",
        BigInteger => "bigint",
        JsSymbol => "symbol",
        JsFunction => "function",
        _ => "object",
    };

    /// <summary><c>Number(value)</c>.</summary>
    public static double ToNumber(object? value) => value switch
    {
        null => 0,
        JsUndefined => double.NaN,
        bool b => b ? 1 : 0,
        double d => d,
        BigInteger i => (double)i,
        string s => StringToNumber(s),
        List<object?> list => list.Count == 0 ? 0 : list.Count == 1 ? ToNumber(ToPrimitiveString(list[0])) : double.NaN,
        _ => double.NaN,
    };

    private static string ToPrimitiveString(object? element) => element is null or JsUndefined ? string.Empty : JsDisplay.ToJsString(element);

    private static double StringToNumber(string s)
    {
        string t = s.Trim();
        if (t.Length == 0)
        {
            return 0;
        }

        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(t.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex))
        {
            return hex;
        }

        return t switch
        {
            "Infinity" or "+Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double d) ? d : double.NaN,
        };
    }

    /// <summary><c>a == b</c> (IsLooselyEqual).</summary>
    public static bool LooseEquals(object? a, object? b)
    {
        if (TypeOf(a) == TypeOf(b) && (a is null) == (b is null))
        {
            return WasmBindgenOperations.StrictEquals(a, b);
        }

        if (a is null or JsUndefined || b is null or JsUndefined)
        {
            return a is null or JsUndefined && b is null or JsUndefined;
        }

        return (a, b) switch
        {
            (double x, string s) => x == StringToNumber(s),
            (string s, double x) => x == StringToNumber(s),
            (BigInteger i, string s) => BigInteger.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger j) && i == j,
            (string, BigInteger) => LooseEquals(b, a),
            (bool x, _) => LooseEquals(x ? 1d : 0d, b),
            (_, bool y) => LooseEquals(a, y ? 1d : 0d),
            (BigInteger i, double x) => !double.IsNaN(x) && !double.IsInfinity(x) && x == Math.Floor(x) && i == new BigInteger(x),
            (double, BigInteger) => LooseEquals(b, a),
            (double or string or BigInteger, _) when b is JsObject or List<object?> or JsUint8Array or JsError => LooseEquals(a, JsDisplay.ToJsString(b)),
            (_, double or string or BigInteger) when a is JsObject or List<object?> or JsUint8Array or JsError => LooseEquals(JsDisplay.ToJsString(a), b),
            _ => false,
        };
    }

    /// <summary><c>target[key]</c>: a property read, <c>undefined</c> when absent; a TypeError on null and undefined.</summary>
    public static object? Get(object? target, object? key, string import)
    {
        if (target is not null && JsOwnProperties.Find(target, key) is { } own)
        {
            return own.Value;
        }

        if (key is JsSymbol symbol)
        {
            return symbol == JsSymbol.Iterator && target is List<object?> or string or JsUint8Array ? Values : JsUndefined.Value;
        }

        string name = JsDisplay.ToJsString(key);
        if (JsInstanceProperties.TryGet(target, name, out object? property))
        {
            return property;
        }

        switch (target)
        {
            case null or JsUndefined:
                throw new JsException(import, new JsError($"Cannot read properties of {JsDisplay.ToJsString(target)} (reading '{name}')") { Name = "TypeError" });
            case JsObject o:
                return o[name];
            case List<object?> list:
                return name == "length" ? (double)list.Count : Index(name) is int i && i < list.Count ? list[i] : (object?)JsArrayMethods.Find(name) ?? JsUndefined.Value;
            case string s:
                return name == "length" ? (double)s.Length : Index(name) is int c && c < s.Length ? s[c].ToString() : JsUndefined.Value;
            case JsUint8Array array:
                return name == "length" ? (double)array.Length : Index(name) is int b && b < array.Length ? (double)array.Span[b] : JsUndefined.Value;
            case JsError e:
                return name switch { "message" => e.Message, "name" => e.Name, "stack" => e.Stack, _ => JsUndefined.Value };
            default:
                return JsUndefined.Value;
        }
    }

    /// <summary><c>Reflect.get(target, key)</c>: <see cref="Get"/> on objects only.</summary>
    public static object? ReflectGet(object? target, object? key, string import) =>
        TypeOf(target) is "object" or "function" && target is not null
            ? Get(target, key, import)
            : throw new JsException(import, new JsError("Reflect.get called on non-object") { Name = "TypeError" });

    /// <summary><c>key in target</c>.</summary>
    public static bool Has(object? key, object? target, string import)
    {
        if (TypeOf(target) != "object" || target is null)
        {
            throw new JsException(import, new JsError($"Cannot use 'in' operator to search for '{JsDisplay.ToJsString(key)}' in {JsDisplay.ToJsString(target)}") { Name = "TypeError" });
        }

        if (JsOwnProperties.Find(target, key) is not null)
        {
            return true;
        }

        string name = JsDisplay.ToJsString(key);
        return target switch
        {
            JsObject o => o.Has(name),
            List<object?> list => name == "length" || (Index(name) is int i && i < list.Count),
            JsUint8Array array => Index(name) is int b && b < array.Length,
            JsError => name is "message" or "stack",
            _ => false,
        };
    }

    /// <summary><c>Object.entries(value)</c>: <c>[key, value]</c> pairs of the own enumerable string-keyed properties.</summary>
    public static List<object?> Entries(object? value, string import)
    {
        var entries = new List<object?>();
        switch (value)
        {
            case null or JsUndefined:
                throw new JsException(import, new JsError("Cannot convert undefined or null to object") { Name = "TypeError" });
            case JsObject o:
                foreach (KeyValuePair<string, object?> property in o.Properties)
                {
                    entries.Add(new List<object?> { property.Key, property.Value });
                }

                break;
            case List<object?> list:
                for (int i = 0; i < list.Count; i++)
                {
                    entries.Add(new List<object?> { i.ToString(CultureInfo.InvariantCulture), list[i] });
                }

                break;
            case string s:
                for (int i = 0; i < s.Length; i++)
                {
                    entries.Add(new List<object?> { i.ToString(CultureInfo.InvariantCulture), s[i].ToString() });
                }

                break;
            case JsUint8Array array:
                for (int i = 0; i < array.Length; i++)
                {
                    entries.Add(new List<object?> { i.ToString(CultureInfo.InvariantCulture), (double)array.Span[i] });
                }

                break;
        }

        return entries;
    }

    /// <summary><c>Number.isSafeInteger(value)</c>.</summary>
    public static bool IsSafeInteger(object? value) => value is double d && d == Math.Floor(d) && Math.Abs(d) <= 9007199254740991d;

    /// <summary><c>value instanceof C</c> for the constructors the glue tests against.</summary>
    public static bool InstanceOf(object? value, string constructor) => constructor switch
    {
        "Object" => TypeOf(value) is "object" or "function" && value is not null,
        "Array" => value is List<object?>,
        "Uint8Array" => value is JsUint8Array,
        "ArrayBuffer" => value is JsGuestBuffer,
        "Error" => value is JsError,
        "Map" => value is JsMap,
        "Set" => value is JsSet,
        "Date" => value is JsDate,
        "Function" => value is JsFunction,
        "WebAssembly.Memory" or "Memory" => value is JsGuestMemory,
        _ => false,
    };

    /// <summary>The canonical array index a property name stands for, or null.</summary>
    internal static int? Index(string name) =>
        name.Length > 0 && (name == "0" || name[0] != '0') && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : null;

    /// <summary><c>Array.prototype.values</c> (what <c>[Symbol.iterator]</c> of an array, string or typed array is).</summary>
    private static readonly JsFunction Values = new("values", target => new JsIterator(target));

    /// <summary>An array iterator: <c>next</c> is a function returning <c>{ value, done }</c> objects.</summary>
    private sealed class JsIterator
    {
        private readonly object? _target;
        private int _index;

        public JsIterator(object? target) => _target = target;

        public static JsFunction Next { get; } = new("next", self => ((JsIterator)self!).Step());

        private JsObject Step()
        {
            int length = _target switch { List<object?> l => l.Count, string s => s.Length, JsUint8Array a => a.Length, _ => 0 };
            var result = new JsObject();
            if (_index >= length)
            {
                result["value"] = JsUndefined.Value;
                result["done"] = true;
                return result;
            }

            result["value"] = Get(_target, (double)_index++, "iterator");
            result["done"] = false;
            return result;
        }
    }

    /// <summary><c>iterator.next</c> of an iterator this runtime made, else a property read.</summary>
    public static object? NextProperty(object? iterator, string import) => iterator is JsIterator ? JsIterator.Next : Get(iterator, "next", import);

    /// <summary><c>f.call(thisArg)</c>: a TypeError when <paramref name="function"/> is not a function.</summary>
    public static object? Call(object? function, object? thisArg, string import) =>
        function is JsFunction f ? f.Call(thisArg) : throw new JsException(import, new JsError($"{JsDisplay.ToJsString(function)}.call is not a function") { Name = "TypeError" });

    /// <summary><c>x.entries()</c> of a <c>Map</c> (in insertion order) or an array (index, item): an iterator over <c>[key, value]</c> arrays.</summary>
    public static object EntriesIterator(object? target, string import) => target switch
    {
        JsMap m => new JsIterator(m.Entries.Select(e => (object?)new List<object?> { e.Key, e.Value }).ToList()),
        List<object?> list => new JsIterator(list.Select((item, i) => (object?)new List<object?> { (double)i, item }).ToList()),
        _ => throw new JsException(import, new JsError($"{JsDisplay.ToJsString(target)}.entries is not a function") { Name = "TypeError" }),
    };

    /// <summary><c>iterator.next()</c>.</summary>
    public static object? CallNext(object? iterator, string import) => Call(NextProperty(iterator, import), iterator, import);
}
