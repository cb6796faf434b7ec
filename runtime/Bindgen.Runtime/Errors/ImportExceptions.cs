using System;

namespace Bindgen;

/// <summary>
/// The guest called an import that nothing provides: neither the linker, nor a <c>[WasmImports]</c> interface, nor the
/// runtime's emscripten imports. An emscripten module is instantiated with such imports left unresolved (the build
/// lists them, BG0019), since many are never called; this is thrown when one is.
/// </summary>
public sealed class UnresolvedImportException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="import">The import as the module names it, <c>'env'.'name'</c>, with its emscripten name when minified.</param>
    /// <param name="signature">Its wasm type.</param>
    public UnresolvedImportException(string import, string signature)
        : base($"{import}: the guest called an import nothing provides ({signature}); define it on the linker or declare it in a [WasmImports] interface.")
    {
        Import = import;
        Signature = signature;
    }

    /// <summary>The import the guest called.</summary>
    public string Import { get; }

    /// <summary>Its wasm type, written as <c>(i32) -&gt; i32</c>.</summary>
    public string Signature { get; }
}

/// <summary>The guest called emscripten's <c>abort()</c> (through <c>_abort_js</c>): the C program gave up.</summary>
public sealed class GuestAbortException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="import">The import through which the guest aborted.</param>
    public GuestAbortException(string import)
        : base($"{import}: the guest called abort().")
    {
        Import = import;
    }

    /// <summary>The import through which the guest aborted.</summary>
    public string Import { get; }
}

/// <summary>The guest called <c>exit()</c> (WASI's <c>proc_exit</c>): the call cannot return.</summary>
public sealed class GuestExitException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="import">The import through which the guest exited.</param>
    /// <param name="exitCode">The status it passed.</param>
    public GuestExitException(string import, int exitCode)
        : base($"{import}: the guest exited with status {exitCode}.")
    {
        Import = import;
        ExitCode = exitCode;
    }

    /// <summary>The import through which the guest exited.</summary>
    public string Import { get; }

    /// <summary>The status the guest passed to <c>exit</c>.</summary>
    public int ExitCode { get; }
}

/// <summary>
/// The memory given for a module's memory import does not fit the import's limits: it is smaller than the module's
/// minimum, has no maximum where the module requires one, or a larger one. Nothing was instantiated.
/// </summary>
public sealed class ImportedMemoryException : BindingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="binding">The binding being instantiated.</param>
    /// <param name="import">The memory import, <c>'env'.'memory'</c>.</param>
    /// <param name="problem">What does not fit, with both limits.</param>
    public ImportedMemoryException(string binding, string import, string problem)
        : base(binding, $"{binding}: the memory given for import {import} does not fit: {problem}.")
    {
        Import = import;
    }

    /// <summary>The memory import.</summary>
    public string Import { get; }
}
