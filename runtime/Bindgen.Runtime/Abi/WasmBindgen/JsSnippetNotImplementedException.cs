using System;

namespace Bindgen.WasmBindgen;

/// <summary>
/// The module called a function of the package's own JavaScript (a wasm-bindgen snippet, under the package's
/// <c>snippets/</c>) that no C# implementation was given for: Bindgen runs no JavaScript, so the binding's snippet
/// interface must be implemented and passed to <c>Instantiate</c>. Also raised when the implementation throws
/// <see cref="NotImplementedException"/> (the inner exception).
/// </summary>
public sealed class JsSnippetNotImplementedException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="module">The snippet module (<c>&lt;crate&gt;-&lt;hash&gt;/inline0.js</c>).</param>
    /// <param name="function">The function the module called.</param>
    /// <param name="import">The import that calls it.</param>
    /// <param name="innerException">The implementation's <see cref="NotImplementedException"/>, or null when none was given.</param>
    public JsSnippetNotImplementedException(string module, string function, string import, Exception? innerException)
        : base(innerException is null
            ? $"the module called {function} of its JavaScript snippet {module} (import {import}); Bindgen runs no JavaScript: implement the binding's snippet interface in C# and pass it to Instantiate"
            : $"the module called {function} of its JavaScript snippet {module} (import {import}), and its C# implementation is not implemented: {innerException.Message}", innerException)
    {
        Module = module;
        Function = function;
        Import = import;
    }

    /// <summary>The snippet module, as the glue imports it (<c>&lt;crate&gt;-&lt;hash&gt;/inline0.js</c>).</summary>
    public string Module { get; }

    /// <summary>The snippet function the module called.</summary>
    public string Function { get; }

    /// <summary>The import that calls it.</summary>
    public string Import { get; }
}
