using System;
using System.Collections.Generic;
using System.Linq;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// Instantiates modules for generated bindings, turning Wasmtime's bare "expected N imports, found M" into an
/// error that lists the missing imports and, for WASI, says how to provide them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WasmInstances
{
    /// <summary>Instantiates a module that must have no imports.</summary>
    /// <param name="store">The store to instantiate in.</param>
    /// <param name="module">The compiled module.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <exception cref="MissingImportsException">The module has imports; the message lists them.</exception>
    public static Instance Instantiate(Store store, Module module, string binding)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        if (module is null)
        {
            throw new ArgumentNullException(nameof(module));
        }

        if (ImportResolution.Applies(module, null))
        {
            return ImportResolution.Instantiate(null, store, module, binding, null);
        }

        // Checked before Wasmtime is asked, which would only count them.
        if (module.Imports.Count > 0)
        {
            throw Missing(binding, module.Imports, withLinker: false, innerException: null);
        }

        return new Instance(store, module);
    }

    /// <summary>
    /// Instantiates an emscripten module whose import names are minified, without a linker: <paramref name="importNames"/>
    /// (from the module's JavaScript glue, read at build time) says which emscripten import each one is.
    /// </summary>
    /// <param name="store">The store to instantiate in.</param>
    /// <param name="module">The compiled module.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <param name="importNames">Triples: import module, import name, emscripten's name (<c>"a", "e", "emscripten_resize_heap"</c>).</param>
    /// <exception cref="MissingImportsException">The module has imports of other kinds nothing provides.</exception>
    public static Instance Instantiate(Store store, Module module, string binding, IReadOnlyList<string> importNames)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        return ImportResolution.Instantiate(null, store, module ?? throw new ArgumentNullException(nameof(module)), binding, importNames);
    }

    /// <summary>
    /// Instantiates an emscripten module whose import names are minified through a linker: what the linker defines is
    /// used; the emscripten imports it does not define come from the runtime (<see cref="EmscriptenImports"/>).
    /// </summary>
    /// <param name="linker">The linker holding the imports the user provides.</param>
    /// <param name="store">The store to instantiate in.</param>
    /// <param name="module">The compiled module.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <param name="importNames">Triples: import module, import name, emscripten's name.</param>
    /// <exception cref="MissingImportsException">The module has imports of other kinds nothing provides.</exception>
    public static Instance Instantiate(Linker linker, Store store, Module module, string binding, IReadOnlyList<string> importNames)
    {
        if (linker is null)
        {
            throw new ArgumentNullException(nameof(linker));
        }

        return ImportResolution.Instantiate(linker, store, module ?? throw new ArgumentNullException(nameof(module)), binding, importNames);
    }

    /// <summary>Instantiates a module through a linker that must define all its imports.</summary>
    /// <param name="linker">The linker holding the module's imports.</param>
    /// <param name="store">The store to instantiate in.</param>
    /// <param name="module">The compiled module.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <exception cref="MissingImportsException">The linker lacks some of the module's imports; the message lists them.</exception>
    public static Instance Instantiate(Linker linker, Store store, Module module, string binding)
    {
        if (linker is null)
        {
            throw new ArgumentNullException(nameof(linker));
        }

        if (module is null)
        {
            throw new ArgumentNullException(nameof(module));
        }

        if (ImportResolution.Applies(module, null))
        {
            return ImportResolution.Instantiate(linker, store, module, binding, null);
        }

        try
        {
            return linker.Instantiate(store, module);
        }
        catch (WasmtimeException e)
        {
            // Only on failure: find out which imports the linker lacks (other failures pass through unchanged).
            List<Import> missing = module.Imports.Where(i => Lookup(linker, store, i) is null).ToList();
            if (missing.Count == 0)
            {
                throw;
            }

            throw Missing(binding, missing, withLinker: true, e);
        }
    }

    /// <summary>What <paramref name="linker"/> defines for <paramref name="import"/>, or null.</summary>
    internal static object? Lookup(Linker linker, Store store, Import import) => import switch
    {
        FunctionImport => linker.GetFunction(store, import.ModuleName, import.Name),
        MemoryImport => linker.GetMemory(store, import.ModuleName, import.Name),
        GlobalImport => linker.GetGlobal(store, import.ModuleName, import.Name),
        TableImport => linker.GetTable(store, import.ModuleName, import.Name),
        _ => import, // a kind we cannot query is not reported as missing
    };

    internal static MissingImportsException Missing(string binding, IEnumerable<Import> imports, bool withLinker, Exception? innerException)
    {
        List<Import> list = imports.ToList();
        return new MissingImportsException(
            binding,
            list.Select(i => $"{i.ModuleName}.{i.Name} ({KindOf(i)})").ToArray(),
            list.Any(i => MissingImportsException.IsWasiModule(i.ModuleName)),
            withLinker,
            innerException);
    }

    private static string KindOf(Import import) => import switch
    {
        FunctionImport => "function",
        MemoryImport => "memory",
        GlobalImport => "global",
        TableImport => "table",
        _ => "import",
    };
}
