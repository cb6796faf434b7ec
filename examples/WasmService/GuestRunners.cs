using System;
using System.Threading;
using Bindgen;
using Bindgen.Hosting;
using Wasmtime;

namespace WasmService;

/// <summary>How the service gets a guest for a request: the three ways the load test compares.</summary>
public enum GuestHosting
{
    /// <summary>A <see cref="WasmModulePool{TBinding}"/> from AddWasmModule: a fresh instance per request, pooling allocator.</summary>
    Pool,

    /// <summary>A new store and instance per request, made by hand, default allocator: what one writes without the pool.</summary>
    StorePerRequest,

    /// <summary>One binding for the whole service, behind a lock.</summary>
    SharedLocked,
}

/// <summary>The limits every request's guest runs under, in every hosting mode.</summary>
/// <param name="Fuel">Fuel per request.</param>
/// <param name="MemoryBytes">Linear memory cap per instance.</param>
/// <param name="DeadlineMilliseconds">Wall-clock deadline per request.</param>
public sealed record GuestLimits(ulong Fuel = 20_000_000, long MemoryBytes = 4 << 20, int DeadlineMilliseconds = 500)
{
    /// <summary>The deadline as a time span.</summary>
    public TimeSpan Deadline => TimeSpan.FromMilliseconds(DeadlineMilliseconds);

    /// <summary>An engine with fuel and epoch interruption (the deadline), default allocator.</summary>
    public static Engine PlainEngine()
    {
        using var config = new Config();
        config.WithFuelConsumption(true).WithEpochInterruption(true);
        return new Engine(config);
    }

    /// <summary>Instantiates the guest in a new store with the limits and its stderr going to nowhere.</summary>
    public ServiceGuest Instantiate(Engine engine, Linker linker, Store store, Module module)
    {
        store.SetLimits(memorySize: MemoryBytes);
        store.SetEpochDeadline(1UL << 40);
        store.Fuel = Fuel;   // the reactor's _initialize runs during instantiation
        store.SetWasiConfiguration(new WasiConfiguration());
        return ServiceGuest.Instantiate(engine, linker, store, module);
    }
}

/// <summary>Runs one request's operation on a guest.</summary>
public interface IGuestRunner
{
    /// <summary>Runs <paramref name="operation"/> with the request's deadline token.</summary>
    T Run<T>(Func<IServiceGuest, CancellationToken, T> operation, CancellationToken requestAborted);
}

/// <summary>Through the pool: every lease is a fresh instance with the limits applied by the pool.</summary>
public sealed class PoolRunner(WasmModulePool<IServiceGuest> pool) : IGuestRunner
{
    /// <inheritdoc/>
    public T Run<T>(Func<IServiceGuest, CancellationToken, T> operation, CancellationToken requestAborted) => pool.Run(operation, requestAborted);
}

/// <summary>A store and instance per request, by hand.</summary>
public sealed class StorePerRequestRunner : IGuestRunner, IDisposable
{
    private readonly Engine _engine = GuestLimits.PlainEngine();
    private readonly Module _module;
    private readonly Linker _linker;

    private readonly GuestLimits _limits;

    /// <summary>Compiles the module once.</summary>
    public StorePerRequestRunner(string modulePath, GuestLimits limits)
    {
        _limits = limits;
        _module = Module.FromFile(_engine, modulePath);
        _linker = new Linker(_engine);
        _linker.DefineWasi();
    }

    /// <inheritdoc/>
    public T Run<T>(Func<IServiceGuest, CancellationToken, T> operation, CancellationToken requestAborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(_limits.Deadline);
        using var store = new Store(_engine);
        ServiceGuest guest = _limits.Instantiate(_engine, _linker, store, _module);
        store.Fuel = _limits.Fuel;
        return operation(guest, deadline.Token);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _linker.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }
}

/// <summary>One binding for the service, one request at a time. State carries over between requests.</summary>
public sealed class SharedLockedRunner : IGuestRunner, IDisposable
{
    private readonly Engine _engine = GuestLimits.PlainEngine();
    private readonly Module _module;
    private readonly Linker _linker;
    private readonly Store _store;
    private readonly object _gate = new();
    private readonly ServiceGuest _guest;

    private readonly GuestLimits _limits;

    /// <summary>Compiles the module and instantiates it once.</summary>
    public SharedLockedRunner(string modulePath, GuestLimits limits)
    {
        _limits = limits;
        _module = Module.FromFile(_engine, modulePath);
        _linker = new Linker(_engine);
        _linker.DefineWasi();
        _store = new Store(_engine);
        _guest = _limits.Instantiate(_engine, _linker, _store, _module);
    }

    /// <inheritdoc/>
    public T Run<T>(Func<IServiceGuest, CancellationToken, T> operation, CancellationToken requestAborted)
    {
        lock (_gate)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
            deadline.CancelAfter(_limits.Deadline);
            _store.Fuel = _limits.Fuel;
            return operation(_guest, deadline.Token);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _store.Dispose();
        _linker.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }
}
