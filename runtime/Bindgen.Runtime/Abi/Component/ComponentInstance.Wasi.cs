using Wasmtime;
using Module = Wasmtime.Module;

namespace Bindgen.Internals;

/// <summary>The WASI bypass: the component's main module run on Wasmtime's own WASI preview 1, its adapter left out.</summary>
public sealed partial class ComponentInstance
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Engine, Linker> Preview1Linkers = new();

    /// <summary>The engine the store was created with (the WASI host defines its functions once per engine).</summary>
    internal Engine Engine => _engine;

    /// <summary>The instance's WASI 0.2 host, when it runs on one (for tests of its handle table).</summary>
    internal WasiHost? WasiHost { get; set; }

    /// <summary>
    /// Instantiates core module <paramref name="module"/> as core instance <paramref name="instance"/> with its
    /// <c>wasi_snapshot_preview1</c> imports from Wasmtime's WASI, configured by <paramref name="wasi"/> (set on the
    /// store), then runs its <c>_initialize</c> when the component would (wit-component's fixup calls it).
    /// </summary>
    /// <param name="instance">The core instance number.</param>
    /// <param name="module">The core module number.</param>
    /// <param name="wasi">What the guest sees of the host; no arguments, environment, streams or directories when null.</param>
    /// <param name="initialize">Whether to call the module's <c>_initialize</c>.</param>
    /// <exception cref="GuestTrapException">Instantiation or <c>_initialize</c> trapped.</exception>
    public void InstantiatePreview1(int instance, int module, WasiOptions? wasi, bool initialize)
    {
        Module compiled = EmbeddedModules.Get(_engine, _assembly, _modules[module]);
        Store.SetWasiConfiguration((wasi ?? new WasiOptions()).ToConfiguration());
        while (_instances.Count <= instance)
        {
            _instances.Add(null);
        }

        string operation = $"instantiating core module {module} ({_modules[module]}) of the component on WASI preview 1";
        try
        {
            // One linker per engine: defining WASI costs more than instantiating, which only reads it.
            Linker linker = Preview1Linkers.GetValue(_engine, static e =>
            {
                var created = new Linker(e);
                created.DefineWasi();
                return created;
            });
            Instance core;
            lock (linker)
            {
                core = linker.Instantiate(Store, compiled);
            }

            _instances[instance] = core;
            if (initialize)
            {
                (core.GetAction("_initialize") ?? throw new MissingExportException(operation, "_initialize", "function")).Invoke();
            }
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }
    }
}
