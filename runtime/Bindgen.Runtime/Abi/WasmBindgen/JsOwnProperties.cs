using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>
/// What a JavaScript object has beyond its ordinary enumerable properties, kept beside it (the host heap's objects
/// are <see cref="JsObject"/>s, lists, maps...): properties keyed by symbols, properties
/// <c>Object.defineProperty</c> made non-enumerable, the attributes of properties made read-only or
/// non-configurable, and whether <c>Object.freeze</c> froze it. A symbol-keyed or non-enumerable property is found by
/// property reads and <c>in</c>, listed by <c>Reflect.ownKeys</c> and <c>Object.getOwnPropertySymbols</c>, and left out
/// of <c>Object.keys</c>, <c>Object.entries</c>, <c>JSON.stringify</c> and the conversion to C#, as in JavaScript.
/// </summary>
internal sealed class JsOwnProperties
{
    private static readonly ConditionalWeakTable<object, JsOwnProperties> Table = new();

    /// <summary>Properties the object itself does not hold, in the order they were defined.</summary>
    public List<JsProperty> Hidden { get; } = new();

    /// <summary>Attributes of the object's own ordinary properties that are not writable or not configurable.</summary>
    public Dictionary<string, JsProperty> Fixed { get; } = new(StringComparer.Ordinal);

    /// <summary><c>Object.freeze</c>: no property may change, none be added or deleted.</summary>
    public bool Frozen { get; set; }

    public static JsOwnProperties? Of(object target) => Table.TryGetValue(target, out JsOwnProperties? p) ? p : null;

    public static JsOwnProperties For(object target) => Table.GetValue(target, _ => new JsOwnProperties());

    /// <summary>A hidden (symbol-keyed or non-enumerable) property of <paramref name="target"/>, or null.</summary>
    public static JsProperty? Find(object target, object? key)
    {
        if (Of(target) is not { } own)
        {
            return null;
        }

        foreach (JsProperty property in own.Hidden)
        {
            if (SameKey(property.Key, key))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="target"/> is frozen.</summary>
    public static bool IsFrozen(object? target) => target is not null && Of(target) is { Frozen: true };

    /// <summary>Whether an ordinary property of <paramref name="target"/> may be written: not frozen, not read-only.</summary>
    public static bool IsWritable(object target, string key) =>
        Of(target) is not { } own || (!own.Frozen && !(own.Fixed.TryGetValue(key, out JsProperty? p) && !p.Writable));

    /// <summary>Whether a property may be deleted: not frozen, not non-configurable.</summary>
    public static bool IsConfigurable(object target, object? key) =>
        Of(target) is not { } own || (!own.Frozen && !(Find(target, key) is { Configurable: false }) && !(key is string s && own.Fixed.TryGetValue(s, out JsProperty? p) && !p.Configurable));

    /// <summary>A property key as JavaScript converts it (<c>ToPropertyKey</c>): a symbol stays a symbol, anything else a string.</summary>
    public static object Key(object? key) => key is JsSymbol symbol ? symbol : JsDisplay.ToJsString(key);

    public static bool SameKey(object a, object? b) => a is JsSymbol ? ReferenceEquals(a, b) : b is not JsSymbol && (string)a == JsDisplay.ToJsString(b);

    /// <summary>How a key prints in V8's messages: <c>x</c>, or <c>Symbol(x)</c>.</summary>
    public static string Describe(object key) => key is JsSymbol symbol ? symbol.ToString() : (string)key;
}

/// <summary>One property with its attributes, as <c>Object.defineProperty</c> describes it.</summary>
internal sealed class JsProperty
{
    public JsProperty(object key, object? value, bool enumerable, bool writable, bool configurable)
    {
        Key = key;
        Value = value;
        Enumerable = enumerable;
        Writable = writable;
        Configurable = configurable;
    }

    /// <summary>A <see cref="string"/> or a <see cref="JsSymbol"/>.</summary>
    public object Key { get; }

    public object? Value { get; set; }

    public bool Enumerable { get; set; }

    public bool Writable { get; set; }

    public bool Configurable { get; set; }
}
