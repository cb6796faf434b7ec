using System;
using System.Collections.Generic;
using System.Linq;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Host imports bound to the one instance that imports them: generated <c>Define(InstanceImports, ...)</c>
/// registrations define their functions here, <see cref="Instantiate"/> instantiates the module once, and from then
/// on each import uses that instance's memory without asking Wasmtime which instance is calling (what a shared
/// <see cref="Wasmtime.Linker"/> registration must ask on every call). Create one per instantiation.
/// </summary>
/// <remarks>
/// The functions live on a linker of this object's own, used for exactly one instantiation and disposed after it, so
/// no other instance links them. Imports the registrations do not define (WASI, other modules) come from the shared
/// linker given to the constructor. Calls made while the module is being instantiated (its start function) ask the
/// caller, as a shared registration does. A module that could hand an import on to another instance through a table,
/// a reference-typed global or a reference value it shares (seen in its imports' and exports' types) is not bound:
/// its imports ask their caller on every call, as a shared registration does (<see cref="IsBound"/> is then false);
/// so is a module that exports a function it imports from these registrations (a re-export, which another instance
/// could import and call).
/// </remarks>
public sealed class InstanceImports : IDisposable
{
    private readonly Linker? _shared;
    private readonly List<CallerMemoryCache> _memories = new();
    private Instance? _instance;

    /// <summary>Creates an empty set of imports for one instantiation in <paramref name="store"/>.</summary>
    /// <param name="engine">The store's engine.</param>
    /// <param name="store">The store the module will be instantiated in.</param>
    /// <param name="shared">A linker providing the module's other imports (WASI, other modules); nothing is defined on it.</param>
    public InstanceImports(Engine engine, Store store, Linker? shared = null)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        _shared = shared;
        Linker = new Linker(engine ?? throw new ArgumentNullException(nameof(engine)));
    }

    /// <summary>The store the module is instantiated in.</summary>
    public Store Store { get; }

    /// <summary>The linker the registrations define their functions on, used for this one instantiation only.</summary>
    public Linker Linker { get; }

    /// <summary>The instance, once <see cref="Instantiate"/> created it.</summary>
    public Instance? Instance => _instance;

    /// <summary>
    /// Whether the imports use the instance's memory without asking Wasmtime which instance calls: true once
    /// <see cref="Instantiate"/> created the instance, unless the module imports or exports a table, a
    /// reference-typed global, or a function or tag with reference-typed values, or exports a function it imports from
    /// these registrations (through which it could hand an import to another instance); such a module's imports ask
    /// their caller on every call, as on a shared linker.
    /// </summary>
    public bool IsBound { get; private set; }

    /// <summary>
    /// Instantiates <paramref name="module"/> with these imports (and the shared linker's for the rest), then binds
    /// every registration to the new instance. Can be called once.
    /// </summary>
    /// <param name="module">The compiled module.</param>
    /// <exception cref="MissingImportsException">Neither these imports nor the shared linker provide some of the module's imports.</exception>
    /// <exception cref="InvalidOperationException">The module was already instantiated with these imports.</exception>
    public Instance Instantiate(Module module)
    {
        if (module is null)
        {
            throw new ArgumentNullException(nameof(module));
        }

        if (_instance is not null)
        {
            throw new InvalidOperationException("These imports are bound to the instance already created with them; create an InstanceImports per instantiation.");
        }

        // The functions the registrations define here, before any is taken over from the shared linker.
        List<FunctionImport> own = module.Imports.OfType<FunctionImport>().Where(i => WasmInstances.Lookup(Linker, Store, i) is not null).ToList();
        if (_shared is not null)
        {
            foreach (Import import in module.Imports)
            {
                if (WasmInstances.Lookup(Linker, Store, import) is null)
                {
                    DefineFromShared(import);
                }
            }
        }

        _instance = WasmInstances.Instantiate(Linker, Store, module, module.Name ?? "module");
        if (ImportEscape.RouteOf(module) is null && ImportReexports.Find(Linker, Store, module, _instance, own) is null)
        {
            foreach (CallerMemoryCache memories in _memories)
            {
                memories.BindTo(_instance);
            }

            IsBound = true;
        }

        // No second instance can link these functions.
        Linker.Dispose();
        return _instance;
    }

    /// <summary>Registers a generated registration's cache, to be bound to the instance; generated code calls it.</summary>
    /// <param name="memories">The registration's cache.</param>
    /// <returns><paramref name="memories"/>.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CallerMemoryCache Register(CallerMemoryCache memories)
    {
        if (_instance is not null)
        {
            throw new InvalidOperationException("Imports cannot be added after the module was instantiated with them.");
        }

        _memories.Add(memories ?? throw new ArgumentNullException(nameof(memories)));
        return memories;
    }

    /// <inheritdoc/>
    public void Dispose() => Linker.Dispose();

    private void DefineFromShared(Import import)
    {
        switch (WasmInstances.Lookup(_shared!, Store, import))
        {
            case Function function:
                Linker.Define(import.ModuleName, import.Name, function);
                break;
            case Memory memory:
                Linker.Define(import.ModuleName, import.Name, memory);
                break;
            case Global global:
                Linker.Define(import.ModuleName, import.Name, global);
                break;
            case Table table:
                Linker.Define(import.ModuleName, import.Name, table);
                break;
        }
    }
}
