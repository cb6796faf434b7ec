using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Reflection;
using Wasmtime;
using Module = Wasmtime.Module;

namespace Bindgen.Internals;

/// <summary>
/// One instance of a component, run on core Wasmtime by generated code: it instantiates the component's core modules
/// in the order of the instantiation plan (each import given by an earlier instance's export or a lowered host
/// function), hands the glue the exports, memories and allocators the plan names, and keeps the component model's
/// rules for calls: no re-entrance, and no call after one failed in the guest. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class ComponentInstance
{
    private readonly Engine _engine;
    private readonly Assembly _assembly;
    private readonly string[] _modules;
    private readonly List<Instance?> _instances = new();
    private readonly Dictionary<(int, string), ExportResolver> _resolvers = new();
    private readonly Dictionary<int, CanonicalGuest> _loweringGuests = new();
    private string? _running;
    private Exception? _poison;

    /// <summary>Prepares an instance; the generated <c>Instantiate</c> then runs the plan.</summary>
    /// <param name="engine">The engine the store was created with.</param>
    /// <param name="store">The store to instantiate in.</param>
    /// <param name="assembly">The assembly that embeds the core modules.</param>
    /// <param name="modules">The core modules' names under <see cref="EmbeddedModules.ResourcePrefix"/>, by number.</param>
    /// <param name="options">Guest memory options; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    public ComponentInstance(Engine engine, Store store, Assembly assembly, string[] modules, GuestMemoryOptions? options)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        Store = store ?? throw new ArgumentNullException(nameof(store));
        _assembly = assembly ?? throw new ArgumentNullException(nameof(assembly));
        _modules = modules ?? throw new ArgumentNullException(nameof(modules));
        Options = options;
    }

    /// <summary>The store the instance lives in.</summary>
    public Store Store { get; }

    /// <summary>The guest memory options the glue uses.</summary>
    public GuestMemoryOptions? Options { get; }

    /// <summary>Instantiates core module <paramref name="module"/> as core instance <paramref name="instance"/>, with its imports in order.</summary>
    /// <exception cref="GuestTrapException">The module's start function trapped.</exception>
    public void Instantiate(int instance, int module, object[] imports)
    {
        Module compiled = EmbeddedModules.Get(_engine, _assembly, _modules[module]);
        while (_instances.Count <= instance)
        {
            _instances.Add(null);
        }

        try
        {
            _instances[instance] = new Instance(Store, compiled, imports);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime($"instantiating core module {module} ({_modules[module]}) of the component", e);
        }
    }

    /// <summary>An export of core instance <paramref name="instance"/>: a function, memory, table or global.</summary>
    /// <exception cref="MissingExportException">The instance has no such export.</exception>
    public object Export(int instance, string name)
    {
        Instance core = Core(instance);
        return (object?)core.GetFunction(name) ?? (object?)core.GetMemory(name) ?? (object?)core.GetTable(name) ?? core.GetGlobal(name)
            ?? throw new MissingExportException(_modules.Length > 0 ? "component core instance " + instance : "component", name, "export");
    }

    /// <summary>The resolver of core instance <paramref name="instance"/>'s exports for <paramref name="binding"/>; problems are reported by <see cref="ThrowIfProblems"/>.</summary>
    public ExportResolver Exports(int instance, string binding)
    {
        if (!_resolvers.TryGetValue((instance, binding), out ExportResolver? resolver))
        {
            resolver = new ExportResolver(Core(instance), binding, Store);
            _resolvers.Add((instance, binding), resolver);
        }

        return resolver;
    }

    /// <summary>Throws every problem the resolvers recorded (a missing export, another signature).</summary>
    /// <exception cref="BindingException">An export the plan names is missing or has another signature.</exception>
    public void ThrowIfProblems()
    {
        foreach (ExportResolver resolver in _resolvers.Values)
        {
            resolver.ThrowIfProblems();
        }
    }

    /// <summary>The canonical glue's view of a memory and realloc, which may belong to different core instances.</summary>
    public CanonicalGuest Guest(Memory? memory, Function? realloc) =>
        CanonicalGuest.ForComponent(memory, realloc?.WrapFunc<int, int, int, int, int>(), Options);

    /// <summary>The memory and realloc of lowering <paramref name="lowering"/>, resolved on its first call (they belong to an instance created after it).</summary>
    public CanonicalGuest LoweringGuest(int lowering, int memoryInstance, string? memoryName, int reallocInstance, string? reallocName, string binding)
    {
        if (_loweringGuests.TryGetValue(lowering, out CanonicalGuest? guest))
        {
            return guest;
        }

        Memory? memory = memoryName is null ? null : Core(memoryInstance).GetMemory(memoryName) ?? throw new MissingExportException(binding, memoryName, "memory");
        Function? realloc = reallocName is null ? null : Core(reallocInstance).GetFunction(reallocName) ?? throw new MissingExportException(binding, reallocName, "function");
        guest = Guest(memory, realloc);
        _loweringGuests.Add(lowering, guest);
        return guest;
    }

    /// <summary>Starts a call: refused while another call runs (re-entrance) and after a call failed in the guest.</summary>
    /// <exception cref="ComponentReentranceException">A call is running.</exception>
    /// <exception cref="ComponentPoisonedException">An earlier call failed in the guest.</exception>
    public void Enter(string operation)
    {
        if (_poison is not null)
        {
            throw new ComponentPoisonedException(operation, _poison);
        }

        if (_running is not null)
        {
            throw new ComponentReentranceException(operation, _running);
        }

        _running = operation;
        if (_finalized.HasPending)
        {
            DropFinalized(operation);
        }

        EnterThread();
    }

    /// <summary>Ends the call <see cref="Enter"/> started (and takes back what the host lent it).</summary>
    public void Exit()
    {
        _running = null;
        ExitThread();
        ForgetPlannedMoves();
        if (_callBorrows.Count > 0)
        {
            ReleaseCallBorrows();
        }
    }

    /// <summary>Marks the instance unusable: <paramref name="failure"/> happened while the guest was running.</summary>
    public void Poison(Exception failure) => _poison ??= failure;

    private Instance Core(int instance) =>
        instance >= 0 && instance < _instances.Count && _instances[instance] is { } core
            ? core
            : throw new InvalidOperationException($"core instance {instance} of the component does not exist yet (a plan out of order)");
}
