using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Whether an instance exports a function it imports from the given linker: a module that re-exports an import can
/// hand it to another instance, so its imports are not bound to it (<see cref="InstanceImports"/>). Wasmtime's
/// description of a module does not tell a re-exported import from a function of the same type, so the instance is
/// asked: every function, a host function included, is called through a <c>VMFuncRef</c> whose last word is its callee's
/// context, and an instance's export of an imported function carries the context of the function it imported.
/// </summary>
/// <remarks>
/// That word's place is proven once per process on a module made for it (a host function, its re-export, a function of
/// the module's own); where it is not (another Wasmtime, <c>BINDGEN_DIRECT_PATHS=off</c>), a re-export is not seen, and
/// checked mode (<see cref="GuestMemoryOptions.CheckViews"/>) reports a call through it with
/// <see cref="ForeignCallerException"/>.
/// </remarks>
internal static class ImportReexports
{
    /// <summary>The place of the callee's context in a <c>VMFuncRef</c> (array call, wasm call, type index, context).</summary>
    private const int CalleeOffset = 24;

    private static readonly Lazy<bool> CalleeProven = new(ProveCallee);

    /// <summary>The re-exported import of <paramref name="instance"/>, as "export (import module.name)", or null.</summary>
    /// <param name="linker">The linker holding the imports the instance was linked with.</param>
    /// <param name="store">The store.</param>
    /// <param name="module">The instance's module.</param>
    /// <param name="instance">The instance.</param>
    /// <param name="imports">The function imports to look for.</param>
    public static string? Find(Linker linker, Store store, Module module, Instance instance, IReadOnlyList<FunctionImport> imports)
    {
        if (imports.Count == 0 || !CalleeProven.Value)
        {
            return null;
        }

        var callees = new Dictionary<IntPtr, FunctionImport>();
        foreach (FunctionImport import in imports)
        {
            if (linker.GetFunction(store, import.ModuleName, import.Name) is { } function)
            {
                callees[Callee(function)] = import;
            }
        }

        foreach (FunctionExport export in module.Exports.OfType<FunctionExport>())
        {
            if (instance.GetFunction(export.Name) is { } function && callees.TryGetValue(Callee(function), out FunctionImport? import))
            {
                return $"{export.Name} ({import.ModuleName}.{import.Name})";
            }
        }

        return null;
    }

    /// <summary>The callee's context of <paramref name="function"/>'s <c>VMFuncRef</c> (only where proven).</summary>
    private static IntPtr Callee(Function function) =>
        Marshal.ReadIntPtr(WasmtimeInternals.Handle<IntPtr>(function, WasmtimeLayout.FunctionHandleOffset + sizeof(ulong)), CalleeOffset);

    private static bool ProveCallee()
    {
        if (!WasmtimeInternals.Usable || IntPtr.Size != 8)
        {
            return false;
        }

        try
        {
            using var engine = new Engine();
            using var store = new Store(engine);
            using var linker = new Linker(engine);
            linker.DefineFunction("host", "a", (int x) => { });
            linker.DefineFunction("host", "b", (int x) => { });
            using Module module = Module.FromText(engine, "probe",
                "(module (import \"host\" \"a\" (func $a (param i32))) (import \"host\" \"b\" (func (param i32)))"
                + " (export \"re\" (func $a)) (func (export \"own\") (param i32)))");
            Instance instance = linker.Instantiate(store, module);
            IntPtr a = Callee(linker.GetFunction(store, "host", "a")!);
            IntPtr b = Callee(linker.GetFunction(store, "host", "b")!);
            IntPtr re = Callee(instance.GetFunction("re")!);
            IntPtr own = Callee(instance.GetFunction("own")!);
            return a != IntPtr.Zero && re == a && b != a && own != a && own != b;
        }
        catch (WasmtimeException)
        {
            return false;
        }
    }
}
