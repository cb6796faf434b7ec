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

        // Checked before Wasmtime is asked, which would only count them.
        if (module.Imports.Count > 0)
        {
            throw Missing(binding, module.Imports, withLinker: false, innerException: null);
        }

        return new Instance(store, module);
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

        try
        {
            return linker.Instantiate(store, module);
        }
        catch (WasmtimeException e)
        {
            // Only on failure: find out which imports the linker lacks (other failures pass through unchanged).
            List<Import> missing = module.Imports.Where(i => !Defines(linker, store, i)).ToList();
            if (missing.Count == 0)
            {
                throw;
            }

            throw Missing(binding, missing, withLinker: true, e);
        }
    }

    private static bool Defines(Linker linker, Store store, Import import) => import switch
    {
        FunctionImport => linker.GetFunction(store, import.ModuleName, import.Name) is not null,
        MemoryImport => linker.GetMemory(store, import.ModuleName, import.Name) is not null,
        GlobalImport => linker.GetGlobal(store, import.ModuleName, import.Name) is not null,
        TableImport => linker.GetTable(store, import.ModuleName, import.Name) is not null,
        _ => true, // a kind we cannot query is not reported as missing
    };

    private static MissingImportsException Missing(string binding, IEnumerable<Import> imports, bool withLinker, Exception? innerException)
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
