using System.Collections.Generic;
using Bindgen.Internals;

namespace Bindgen.WasmBindgen;

/// <summary>
/// What a JavaScript value has beyond its enumerable string-keyed properties: its symbol-keyed properties (automerge's
/// <c>Symbol.for("_am_objectId")</c> on a materialized document) and whether the module froze it
/// (<c>Object.freeze</c>). They are kept on the value as JavaScript keeps them, and not among
/// <see cref="JsObject.Properties"/>, as <c>Object.keys</c> does not list them.
/// </summary>
public static class JsReflect
{
    /// <summary>The value's own symbol-keyed properties, in the order they were defined, each named as <c>String(symbol)</c> prints it (<c>Symbol(_am_objectId)</c>).</summary>
    /// <param name="value">A value from the module (a <see cref="JsObject"/>, a list...).</param>
    public static IReadOnlyList<KeyValuePair<string, object?>> SymbolProperties(object value)
    {
        var result = new List<KeyValuePair<string, object?>>();
        if (value is not null && JsOwnProperties.Of(value) is { } own)
        {
            foreach (JsProperty p in own.Hidden)
            {
                if (p.Key is JsSymbol symbol)
                {
                    result.Add(new KeyValuePair<string, object?>(symbol.ToString(), p.Value));
                }
            }
        }

        return result;
    }

    /// <summary>The value of the property keyed by <c>Symbol.for(<paramref name="key"/>)</c>, or <see cref="JsUndefined.Value"/>.</summary>
    /// <param name="value">A value from the module.</param>
    /// <param name="key">The symbol's key in the global registry.</param>
    public static object? GetSymbol(object value, string key) =>
        value is not null && JsOwnProperties.Find(value, JsSymbol.For(key)) is { } p ? p.Value : JsUndefined.Value;

    /// <summary>
    /// <c>Object.defineProperty(target, key, descriptor)</c> with a data descriptor (<c>value</c>, <c>enumerable</c>,
    /// <c>writable</c>, <c>configurable</c>), as the module's own <c>define_property</c> import does it: for a C#
    /// implementation of a package's JavaScript (its snippets). Errors are the <see cref="JsException"/> JavaScript throws.
    /// </summary>
    /// <param name="target">An object or array (<see cref="JsObject"/>, a list...).</param>
    /// <param name="key">A string, a number (an array index) or a symbol from the module.</param>
    /// <param name="descriptor">The descriptor, a <see cref="JsObject"/>.</param>
    /// <returns><paramref name="target"/>.</returns>
    public static object? DefineProperty(object? target, object? key, object? descriptor) =>
        JsDefineProperty.Define(target, key, descriptor, "Object.defineProperty");

    /// <summary>Whether the module froze the value (<c>Object.isFrozen</c> of an object made by <c>Object.freeze</c>).</summary>
    /// <param name="value">A value from the module.</param>
    public static bool IsFrozen(object value) => JsOwnProperties.IsFrozen(value);
}
