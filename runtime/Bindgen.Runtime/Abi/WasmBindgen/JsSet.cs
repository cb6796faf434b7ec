using System;
using System.Collections;
using System.Collections.Generic;

namespace Bindgen.WasmBindgen;

/// <summary>
/// A JavaScript <c>Set</c>: values in insertion order, each once, compared as JavaScript's SameValueZero compares them
/// (as <see cref="JsMap"/>'s keys). A module makes one with <c>new Set(array)</c> (ywasm's <c>getSubdocGuids</c>).
/// </summary>
public sealed class JsSet : IEnumerable<object?>
{
    private readonly List<object?> _values = new();

    /// <summary>An empty set.</summary>
    public JsSet()
    {
    }

    /// <summary>A set of <paramref name="values"/> in their order, repeated ones once, as <c>new Set(values)</c>.</summary>
    /// <param name="values">The values.</param>
    public JsSet(IEnumerable<object?> values)
    {
        foreach (object? value in values ?? throw new ArgumentNullException(nameof(values)))
        {
            Add(value);
        }
    }

    /// <summary>The number of values (<c>size</c>).</summary>
    public int Count => _values.Count;

    /// <summary>The values, in the order they were first added.</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <summary><c>has</c>.</summary>
    /// <param name="value">The value.</param>
    public bool Has(object? value) => _values.Exists(v => JsMap.SameValueZero(v, value));

    /// <summary><c>add</c>: appends <paramref name="value"/> unless the set has it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This set, as <c>add</c> returns it.</returns>
    public JsSet Add(object? value)
    {
        // SameValueZero: -0 is stored as +0.
        object? normalized = value is double d && d == 0 ? 0d : value;
        if (!Has(normalized))
        {
            _values.Add(normalized);
        }

        return this;
    }

    /// <summary>As JavaScript's <c>String(set)</c>.</summary>
    public override string ToString() => "[object Set]";

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
