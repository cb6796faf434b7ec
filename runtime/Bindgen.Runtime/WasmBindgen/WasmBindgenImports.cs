using System;
using System.Collections.Generic;
using System.Linq;
using Wasmtime;

namespace Bindgen.WasmBindgen;

/// <summary>
/// Defines a wasm-bindgen module's imports for one instance: each import the generator classified runs Bindgen's
/// implementation of that JavaScript operation against the instance's <see cref="WasmBindgenGuest"/>; an import the
/// user's linker already defines (a <c>[WasmImports]</c> registration) is taken from there; any other import throws
/// <see cref="UnsupportedImportException"/> when the module calls it. Shims that allocate in the guest do so before
/// they take a view, as the generated export glue does.
/// </summary>
public static class WasmBindgenImports
{
    /// <summary>Defines every function import of <paramref name="module"/> in <paramref name="linker"/>.</summary>
    /// <param name="linker">A linker for this one instance.</param>
    /// <param name="store">The store the instance will live in.</param>
    /// <param name="module">The module.</param>
    /// <param name="guest">The instance's state, attached once the instance exists.</param>
    /// <param name="supplied">The user's linker, whose definitions win; or null.</param>
    public static void Define(Linker linker, Store store, Module module, WasmBindgenGuest guest, Linker? supplied)
    {
        if (linker is null || store is null || module is null || guest is null)
        {
            throw new ArgumentNullException(linker is null ? nameof(linker) : store is null ? nameof(store) : module is null ? nameof(module) : nameof(guest));
        }

        var operations = new Dictionary<(string, string), string>();
        foreach (WasmBindgenImport known in guest.Glue.Imports)
        {
            operations[(known.Module, known.Name)] = known.Operation;
        }

        foreach (FunctionImport import in module.Imports.OfType<FunctionImport>())
        {
            if (supplied?.GetFunction(store, import.ModuleName, import.Name) is { } user)
            {
                linker.Define(import.ModuleName, import.Name, user);
                continue;
            }

            string name = import.ModuleName + "." + import.Name;
            string operation = operations.TryGetValue((import.ModuleName, import.Name), out string? op) || operations.TryGetValue((string.Empty, import.Name), out op) ? op : WasmBindgenImport.Unknown;
            Function.UntypedCallbackDelegate callback = WasmBindgenOperations.Create(operation, guest, name) ?? Unsupported(name);
            linker.DefineFunction(import.ModuleName, import.Name, callback, import.Parameters, import.Results);
        }

        // wasm-bindgen modules import only functions; anything else must come from the user's linker.
        var missing = new List<string>();
        foreach (Import other in module.Imports.Where(i => i is not FunctionImport))
        {
            switch (other)
            {
                case MemoryImport when supplied?.GetMemory(store, other.ModuleName, other.Name) is { } memory:
                    linker.Define(other.ModuleName, other.Name, memory);
                    break;
                case TableImport when supplied?.GetTable(store, other.ModuleName, other.Name) is { } table:
                    linker.Define(other.ModuleName, other.Name, table);
                    break;
                case GlobalImport when supplied?.GetGlobal(store, other.ModuleName, other.Name) is { } global:
                    linker.Define(other.ModuleName, other.Name, global);
                    break;
                default:
                    missing.Add(other.ModuleName + "." + other.Name);
                    break;
            }
        }

        if (missing.Count > 0)
        {
            throw new MissingImportsException(guest.Binding, missing, needsWasi: false, withLinker: supplied is not null);
        }
    }

    private static Function.UntypedCallbackDelegate Unsupported(string name) =>
        (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> _) => throw new UnsupportedImportException(name);
}
