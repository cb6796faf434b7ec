using System;
using System.Collections;
using System.Collections.Generic;

namespace Bindgen.WasmBindgen;

/// <summary>
/// A JavaScript <c>Map</c>: entries in insertion order, keys compared as JavaScript's SameValueZero compares them (a
/// number, string, boolean or BigInteger by value, <c>NaN</c> equal to itself, any other value by reference).
/// serde-wasm-bindgen makes one for a Rust map by default, js-sys's <c>Map</c> is one.
/// </summary>
public sealed class JsMap : IEnumerable<KeyValuePair<object?, object?>>
{
    private readonly List<KeyValuePair<object?, object?>> _entries = new();

    /// <summary>
    /// A map of <paramref name="entries"/>, in their order, each value converted as an argument is (<see cref="JsConvert.ToJs"/>):
    /// what a module taking a <c>js_sys::Map</c> (or a serde map) is given for a C# dictionary.
    /// </summary>
    /// <typeparam name="TValue">The values' type.</typeparam>
    /// <param name="entries">The entries (a dictionary).</param>
    public static JsMap From<TValue>(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var map = new JsMap();
        foreach (KeyValuePair<string, TValue> entry in entries ?? throw new ArgumentNullException(nameof(entries)))
        {
            map.Set(entry.Key, JsConvert.ToJs(entry.Value));
        }

        return map;
    }

    /// <summary>The number of entries (<c>size</c>).</summary>
    public int Count => _entries.Count;

    /// <summary>The entries, in the order their keys were first set.</summary>
    public IReadOnlyList<KeyValuePair<object?, object?>> Entries => _entries;

    /// <summary><c>get</c>: the value of <paramref name="key"/>, or <see cref="JsUndefined.Value"/> when the map has no such key.</summary>
    /// <param name="key">The key.</param>
    public object? Get(object? key)
    {
        int at = IndexOf(key);
        return at < 0 ? JsUndefined.Value : _entries[at].Value;
    }

    /// <summary><c>has</c>.</summary>
    /// <param name="key">The key.</param>
    public bool Has(object? key) => IndexOf(key) >= 0;

    /// <summary><c>set</c>: replaces the value of an existing key in place, else appends the entry.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This map, as <c>set</c> returns it.</returns>
    public JsMap Set(object? key, object? value)
    {
        // SameValueZero: -0 is stored as +0.
        object? normalized = key is double d && d == 0 ? 0d : key;
        int at = IndexOf(normalized);
        if (at >= 0)
        {
            _entries[at] = new KeyValuePair<object?, object?>(_entries[at].Key, value);
        }
        else
        {
            _entries.Add(new KeyValuePair<object?, object?>(normalized, value));
        }

        return this;
    }

    /// <summary>As JavaScript's <c>String(map)</c>.</summary>
    public override string ToString() => "[object Map]";

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<object?, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(object? key)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (SameValueZero(_entries[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>JavaScript's SameValueZero, which Map keys and Set values are compared by.</summary>
    internal static bool SameValueZero(object? a, object? b) => (a, b) switch
    {
        (double x, double y) => x == y || (double.IsNaN(x) && double.IsNaN(y)),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (System.Numerics.BigInteger x, System.Numerics.BigInteger y) => x == y,
        (JsUndefined, JsUndefined) => true,
        (null, null) => true,
        _ => ReferenceEquals(a, b),
    };
}
