using System;

namespace Bindgen;

/// <summary>
/// Marks an interface as the description of a WebAssembly module's exports. The Bindgen
/// source generator emits a sealed class that implements the interface by calling the
/// module's exports through Wasmtime, following the C ABI convention (see docs/abi.md).
/// </summary>
/// <remarks>
/// The generated class is named after the interface without its leading <c>I</c>
/// (<c>ITextTools</c> becomes <c>TextTools</c>) and lives in the same namespace.
/// </remarks>
[AttributeUsage(AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class WasmModuleAttribute : Attribute
{
    /// <summary>
    /// The name of the generated class, in the interface's namespace. When unset, the interface's name without its
    /// leading <c>I</c> (an interface not named <c>I...</c> gets <c>...Binding</c>).
    /// </summary>
    public string? ClassName { get; set; }

    /// <summary>The export WASI reactors use to run their initialization (C constructors): <c>_initialize</c>.</summary>
    public const string DefaultInitialize = "_initialize";

    /// <summary>
    /// The export that initializes the module, called once per instance when the first binding to it is created,
    /// before any other export. When not set, <c>_initialize</c> (the WASI reactor ABI, for example
    /// <c>clang -mexec-model=reactor</c>) is called if the module exports it. Set it for a module whose
    /// initializer has another name (for example emscripten's minified one); a named initializer the module does
    /// not export is a binding error. Set it to the empty string to call no initializer.
    /// </summary>
    public string? Initialize { get; set; }

    /// <summary>The name of the guest's memory export; <c>memory</c> when unset (emscripten minifies it, e.g. <c>c</c>).</summary>
    public string? Memory { get; set; }

    /// <summary>The name of the guest's <c>malloc(i32) -&gt; i32</c> export; <c>malloc</c> when unset.</summary>
    public string? Malloc { get; set; }

    /// <summary>The name of the guest's <c>free(i32)</c> export; <c>free</c> when unset.</summary>
    public string? Free { get; set; }

    /// <summary>
    /// The file name of the module this interface binds, one of the project's <c>&lt;BindgenModule&gt;</c> items (for
    /// example <c>"text_tools.wasm"</c>, matched by file name). The build then checks every method against the
    /// module's exports and reports mismatches at the declaration, embeds the module in the assembly, and the
    /// generated class gains <c>Instantiate(Engine, Store)</c> overloads that load it from there.
    /// </summary>
    public string? File { get; set; }

    /// <summary>The calling convention of the module's exports; <see cref="WasmAbi.C"/> when not set.</summary>
    public WasmAbi Abi { get; set; }

    /// <summary>
    /// Under <see cref="WasmAbi.Canonical"/>: the WIT interface the exports belong to, for example
    /// <c>local:demo/text@1.0.0</c>. Export names are then prefixed <c>{Interface}#</c>. Unset for functions
    /// the world exports directly.
    /// </summary>
    public string? Interface { get; set; }

    /// <summary>
    /// Under <see cref="WasmAbi.WasmBindgen"/>: the file name of the package's JavaScript glue (for example
    /// <c>"snappy.js"</c> or <c>"sql_fmt_bg.js"</c>), added to the project as an <c>AdditionalFiles</c> item. The
    /// generator reads it at build time to learn how each export lowers its arguments and lifts its result, and what
    /// each import does.
    /// </summary>
    public string? Glue { get; set; }
}

/// <summary>
/// Names the guest export a method of a <see cref="WasmModuleAttribute"/> interface calls.
/// Without it, the export name is the method name in snake_case (<c>WordCount</c> calls <c>word_count</c>; under
/// <see cref="WasmAbi.WasmBindgen"/> the package's JavaScript name: <c>wordCount</c>, else <c>word_count</c>); under
/// <see cref="WasmAbi.Canonical"/>, in kebab-case after the interface (<c>local:demo/text@1.0.0#word-count</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class WasmExportAttribute : Attribute
{
    /// <summary>Creates the attribute with the export's exact name.</summary>
    /// <param name="name">The export name as it appears in the module, for example <c>to_upper</c>.</param>
    public WasmExportAttribute(string name) => Name = name;

    /// <summary>The export name as it appears in the module.</summary>
    public string Name { get; }
}

/// <summary>
/// Marks an interface as a set of host functions that a guest module imports from
/// <see cref="Module"/>. The generator emits a static class with a <c>Define</c> method that
/// registers an implementation of the interface on a Wasmtime <c>Linker</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class WasmImportsAttribute : Attribute
{
    /// <summary>Creates the attribute for the given import module name.</summary>
    /// <param name="module">The module name the guest imports from, for example <c>env</c>.</param>
    public WasmImportsAttribute(string module) => Module = module;

    /// <summary>The module name the guest imports from.</summary>
    public string Module { get; }

    /// <summary>The calling convention of the imports; <see cref="WasmAbi.C"/> when not set.</summary>
    public WasmAbi Abi { get; set; }

    /// <summary>
    /// The name of the generated static class, in the interface's namespace. When unset, the interface's name without
    /// its leading <c>I</c> (an interface not named <c>I...</c> gets <c>...Binding</c>).
    /// </summary>
    public string? ClassName { get; set; }

    /// <summary>The name of the calling guest's memory export; <c>memory</c> when unset (emscripten minifies it, e.g. <c>c</c>).</summary>
    public string? Memory { get; set; }

    /// <summary>The name of the calling guest's <c>malloc(i32) -&gt; i32</c> export; <c>malloc</c> when unset.</summary>
    public string? Malloc { get; set; }

    /// <summary>The name of the calling guest's <c>free(i32)</c> export; <c>free</c> when unset.</summary>
    public string? Free { get; set; }
}

/// <summary>
/// Names the import a method of a <see cref="WasmImportsAttribute"/> interface provides.
/// Without it, the import name is the method name in snake_case.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class WasmImportAttribute : Attribute
{
    /// <summary>Creates the attribute with the import's exact name.</summary>
    /// <param name="name">The import name as the guest declares it.</param>
    public WasmImportAttribute(string name) => Name = name;

    /// <summary>The import name as the guest declares it.</summary>
    public string Name { get; }
}

/// <summary>
/// Marks a member that returns a view (span or pointer) of guest linear memory. The view is
/// valid only until the next call that may grow that memory; the Bindgen analyzer (BG1001)
/// reports uses of such a view after a <see cref="MayGrowMemoryAttribute"/> call.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class GuestViewAttribute : Attribute
{
}

/// <summary>
/// Marks a member (or every member of a type) that may call into the guest and so may grow,
/// and move, its linear memory. Views of guest memory taken before such a call are stale after it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class MayGrowMemoryAttribute : Attribute
{
}

/// <summary>
/// Marks a <c>string</c> parameter or result as a C string: NUL-terminated UTF-8 passed as one pointer
/// (<c>const char*</c>). A <c>string?</c> passes null as the null pointer. A result is read up to its NUL and, unless
/// <see cref="Owned"/>, left to the guest (C libraries usually return static or internal strings).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue, Inherited = false, AllowMultiple = false)]
public sealed class CStringAttribute : Attribute
{
    /// <summary>For a result: the caller owns the string and must free it (the host frees it with the guest's <c>free</c> once read).</summary>
    public bool Owned { get; set; }
}
