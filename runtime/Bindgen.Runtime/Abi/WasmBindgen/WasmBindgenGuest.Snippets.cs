using System;
using System.Collections.Generic;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>A package's own JavaScript (its snippets), implemented by the user in C#: one call per snippet module.</summary>
public sealed partial class WasmBindgenGuest
{
    private Dictionary<string, Func<string, object?[], object?>>? _snippets;

    /// <summary>
    /// Registers the implementation of a snippet module: <paramref name="call"/> gets the function's name and its
    /// JavaScript arguments and returns its result. Generated code calls this before the instance is created, with
    /// the dispatcher over the user's snippet interface; null leaves the module unimplemented.
    /// </summary>
    /// <param name="module">The module as the glue imports it (<c>&lt;crate&gt;-&lt;hash&gt;/inline0.js</c>).</param>
    /// <param name="call">The dispatcher, or null.</param>
    public void AddSnippets(string module, Func<string, object?[], object?>? call)
    {
        if (module is null)
        {
            throw new ArgumentNullException(nameof(module));
        }

        if (call is not null)
        {
            (_snippets ??= new Dictionary<string, Func<string, object?[], object?>>(StringComparer.Ordinal))[module] = call;
        }
    }

    /// <summary>Calls <paramref name="function"/> of snippet <paramref name="module"/>, or throws <see cref="JsSnippetNotImplementedException"/>.</summary>
    internal object? CallSnippet(string module, string function, object?[] arguments, string import)
    {
        if (_snippets is null || !_snippets.TryGetValue(module, out Func<string, object?[], object?>? call))
        {
            throw new JsSnippetNotImplementedException(module, function, import, null);
        }

        try
        {
            return call(function, arguments);
        }
        catch (NotImplementedException e)
        {
            throw new JsSnippetNotImplementedException(module, function, import, e);
        }
    }
}
