using System;
using System.Collections.Generic;

namespace Bindgen.Internals;

/// <summary>
/// What the generator read from a wasm-bindgen package's JavaScript glue, for the runtime: the names of the
/// module's allocator and stack exports, how it keeps JavaScript values (a host heap of a given size, or an
/// externref table), and what each import does. Generated code creates one per binding.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WasmBindgenGlue
{
    /// <summary>Creates the description.</summary>
    /// <param name="malloc">The allocator export (<c>__wbindgen_malloc</c> or a numbered <c>__wbindgen_export*</c>), or null.</param>
    /// <param name="free">The deallocator export, or null.</param>
    /// <param name="stackPointer">The return-area export (<c>__wbindgen_add_to_stack_pointer</c>), or null.</param>
    /// <param name="heapSize">The glue's <c>new Array(N)</c>; 0 when the module keeps JavaScript values in an externref table.</param>
    /// <param name="externrefTable">The exported externref table, or null.</param>
    /// <param name="start">The export to run once per instance (<c>__wbindgen_start</c>), or null.</param>
    /// <param name="imports">What each import does: module, name and operation (see docs/wasm-bindgen.md).</param>
    public WasmBindgenGlue(string? malloc, string? free, string? stackPointer, int heapSize, string? externrefTable, string? start, IReadOnlyList<WasmBindgenImport> imports)
    {
        Malloc = malloc;
        Free = free;
        StackPointer = stackPointer;
        HeapSize = heapSize;
        ExternrefTable = externrefTable;
        Start = start;
        Imports = imports ?? Array.Empty<WasmBindgenImport>();
    }

    /// <summary>The export <c>handleError</c> hands a JavaScript exception to (<c>__wbindgen_exn_store</c>, numbered in newer glue), or null for that name.</summary>
    public string? ExceptionStore { get; init; }

    /// <summary>The allocator export, or null when no wrapper passes a string or array.</summary>
    public string? Malloc { get; }

    /// <summary>The deallocator export, or null when no wrapper returns a string or array.</summary>
    public string? Free { get; }

    /// <summary>The return-area export, or null.</summary>
    public string? StackPointer { get; }

    /// <summary>The host heap's initial size, or 0 for an externref build.</summary>
    public int HeapSize { get; }

    /// <summary>The externref table export, or null.</summary>
    public string? ExternrefTable { get; }

    /// <summary>The export run once per instance, or null.</summary>
    public string? Start { get; }

    /// <summary>Every import the glue defines, classified.</summary>
    public IReadOnlyList<WasmBindgenImport> Imports { get; }
}

/// <summary>One import of a wasm-bindgen module and the operation its JavaScript body performs.</summary>
/// <param name="Module">The import's module (<c>wbg</c>, <c>__wbindgen_placeholder__</c>, <c>./x_bg.js</c>), or empty to match the name in any module (the names are unique hashes).</param>
/// <param name="Name">The import's name (<c>__wbg_new_8a6f238a6ece86ea</c>).</param>
/// <param name="Operation">The operation, or <see cref="WasmBindgenImport.Unknown"/> when the body was not recognized.</param>
/// <param name="CatchesErrors">
/// Whether the glue wraps the import in <c>handleError</c>: a JavaScript exception it raises is handed to the module
/// through <c>__wbindgen_exn_store</c> (the module's <c>Result</c>) instead of unwinding the call.
/// </param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record WasmBindgenImport(string Module, string Name, string Operation, bool CatchesErrors = false)
{
    /// <summary>The operation of an import whose body Bindgen did not recognize: calling it throws <see cref="UnsupportedImportException"/>.</summary>
    public const string Unknown = "unknown";
}
