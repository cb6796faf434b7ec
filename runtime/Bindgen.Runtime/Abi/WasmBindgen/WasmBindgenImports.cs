using System;
using System.Collections.Generic;
using System.Linq;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// Defines a wasm-bindgen module's imports for one instance: each import the generator classified runs Bindgen's
/// implementation of that JavaScript operation against the instance's <see cref="WasmBindgenGuest"/>; an import the
/// user's linker already defines (a <c>[WasmImports]</c> registration) is taken from there; any other import throws
/// <see cref="UnsupportedImportException"/> when the module calls it. Shims that allocate in the guest do so before
/// they take a view, as the generated export glue does.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
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

        var operations = new Dictionary<(string, string), WasmBindgenImport>();
        foreach (WasmBindgenImport known in guest.Glue.Imports)
        {
            operations[(known.Module, known.Name)] = known;
        }

        foreach (FunctionImport import in module.Imports.OfType<FunctionImport>())
        {
            if (supplied?.GetFunction(store, import.ModuleName, import.Name) is { } user)
            {
                linker.Define(import.ModuleName, import.Name, user);
                continue;
            }

            string name = import.ModuleName + "." + import.Name;
            WasmBindgenImport? known = operations.TryGetValue((import.ModuleName, import.Name), out WasmBindgenImport? found) || operations.TryGetValue((string.Empty, import.Name), out found) ? found : null;
            Function.UntypedCallbackDelegate callback = WasmBindgenSnippetCalls.Create(known?.Operation, guest, name, import.Parameters, import.Results)
                ?? WasmBindgenOperations.Create(known?.Operation ?? WasmBindgenImport.Unknown, guest, name) ?? Unsupported(name);
            if (known?.CatchesErrors == true)
            {
                callback = HandingErrorsToTheModule(callback, guest, name, import.Results);
            }

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

    /// <summary>
    /// The glue's <c>handleError</c>: a JavaScript exception the operation raises is stored for the module
    /// (<c>__wbindgen_exn_store</c>), which turns it into an <c>Err</c>, and the import returns zeros.
    /// </summary>
    private static Function.UntypedCallbackDelegate HandingErrorsToTheModule(Function.UntypedCallbackDelegate inner, WasmBindgenGuest guest, string name, IReadOnlyList<ValueKind> results) =>
        (Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> outputs) =>
        {
            try
            {
                inner(caller, arguments, outputs);
            }
            catch (JsException e)
            {
                guest.StoreException(e.Value, name);
                for (int i = 0; i < outputs.Length; i++)
                {
                    outputs[i] = results[i] switch
                    {
                        ValueKind.Int64 => 0L,
                        ValueKind.Float32 => 0f,
                        ValueKind.Float64 => 0d,
                        ValueKind.ExternRef => ValueBox.AsBox<object>(null),
                        _ => 0,
                    };
                }
            }
        };

    private static Function.UntypedCallbackDelegate Unsupported(string name) =>
        (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> _) => throw new UnsupportedImportException(name);
}
