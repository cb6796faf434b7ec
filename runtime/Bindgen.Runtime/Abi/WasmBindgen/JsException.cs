using System;

namespace Bindgen.WasmBindgen;

/// <summary>
/// A wasm-bindgen module threw a JavaScript value: an export returned a Rust <c>Err(JsValue)</c>, or the module
/// called <c>throw</c> (<c>unwrap_throw</c>, <c>throw_str</c>). The message is the JavaScript error's message, as
/// Node would show it; <see cref="Operation"/> names the call.
/// </summary>
public sealed class JsException : BindgenException
{
    /// <summary>Creates the exception for a thrown value.</summary>
    /// <param name="operation">The export or import that was running.</param>
    /// <param name="value">The thrown JavaScript value.</param>
    public JsException(string operation, object? value)
        : base(MessageOf(value))
    {
        Operation = operation;
        Value = value;
    }

    /// <summary>The export (or import) that threw.</summary>
    public string Operation { get; }

    /// <summary>The JavaScript value thrown: usually a <see cref="JsError"/>.</summary>
    public object? Value { get; }

    /// <summary>The thrown error's <c>name</c>, or null when the value thrown is not an error.</summary>
    public string? ErrorName => (Value as JsError)?.Name;

    private static string MessageOf(object? value) => value is JsError error ? error.Message : JsDisplay.ToJsString(value);
}

/// <summary>
/// The module called an import whose JavaScript body Bindgen could not classify (reported at build time as
/// BG0022), and the user supplied no implementation for it.
/// </summary>
public sealed class UnsupportedImportException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="import">The import's module and name.</param>
    public UnsupportedImportException(string import)
        : base($"the module called the import {import}, whose JavaScript glue Bindgen does not implement; supply it through a [WasmImports] interface")
    {
        Import = import;
    }

    /// <summary>The import's module and name.</summary>
    public string Import { get; }
}

/// <summary>
/// An async export's promise was still pending once the instance's microtasks had run: the module waits for something
/// only JavaScript's event loop (a timer, I/O) would deliver, and Bindgen runs none, so the task faults instead of
/// never completing.
/// </summary>
public sealed class JsPromisePendingException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The async export that was called.</param>
    public JsPromisePendingException(string operation)
        : base($"{operation}: the module's promise is still pending after its microtasks ran; it waits for an event Bindgen does not deliver (timers, I/O)")
    {
        Operation = operation;
    }

    /// <summary>Creates the exception with its own message (a C# callback's task still running).</summary>
    internal JsPromisePendingException(string operation, string message)
        : base(message)
    {
        Operation = operation;
    }

    /// <summary>The async export that was called.</summary>
    public string Operation { get; }
}
