using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Wasmtime;

namespace Bindgen.Hosting;

/// <summary>
/// Hands out bindings of one compiled module, one per operation, to many threads at once. A store is single-threaded,
/// so each lease owns its store and instance until it is disposed: <c>await using var lease = pool.Rent();</c>.
/// </summary>
/// <remarks>
/// By default (<see cref="PoolIsolation.FreshInstance"/>) every lease gets a new store and instance, so no state passes
/// from one lease to the next and a guest that trapped, ran out of fuel or hit its memory cap is gone with its lease.
/// Under <see cref="PoolIsolation.ReuseInstance"/> an instance is kept only when its lease was completed and the reset
/// hook accepts it. Instances are counted: <see cref="LiveInstances"/> is the number of stores not yet disposed.
/// </remarks>
/// <typeparam name="TBinding">The binding handed out.</typeparam>
public sealed class WasmModulePool<TBinding> : IDisposable
    where TBinding : class
{
    private readonly Func<WasmInstanceContext, TBinding> _createBinding;
    private readonly WasmModulePoolOptions<TBinding> _options;
    private readonly Linker? _linker;
    private readonly SemaphoreSlim? _leaseSlots;
    private readonly ObjectPool<PooledInstance<TBinding>>? _idle;
    private readonly Action _onInstanceDisposed;
    private readonly PoolTelemetry _telemetry;
    private readonly string _name;
    private long _leaseNumber;
    private int _liveInstances;
    private long _instancesCreated;
    private long _instancesDiscarded;
    private int _activeLeases;
    private int _disposed;

    /// <summary>Creates a pool over a module compiled for <paramref name="engine"/>; the caller keeps owning both.</summary>
    /// <param name="engine">The engine the module was compiled for.</param>
    /// <param name="module">The compiled module.</param>
    /// <param name="options">The pool's settings; <see cref="WasmModulePoolOptions{TBinding}.CreateBinding"/> is required.</param>
    /// <exception cref="ArgumentException">The options lack a binding factory or have a bound below 1.</exception>
    public WasmModulePool(Engine engine, Module module, WasmModulePoolOptions<TBinding> options)
        : this(engine, options, module ?? throw new ArgumentNullException(nameof(module)))
    {
    }

    /// <summary>
    /// Creates a pool of bindings that compile their own modules once per engine: a component's world class
    /// (<c>c =&gt; Demo.Instantiate(c.Engine, c.Store)</c>), or a binding of an embedded module.
    /// </summary>
    /// <param name="engine">The engine instances are created in; the caller keeps owning it.</param>
    /// <param name="options">The pool's settings; <see cref="WasmModulePoolOptions{TBinding}.CreateBinding"/> is required.</param>
    /// <exception cref="ArgumentException">The options lack a binding factory or have a bound below 1.</exception>
    public WasmModulePool(Engine engine, WasmModulePoolOptions<TBinding> options)
        : this(engine, options, null)
    {
    }

    private WasmModulePool(Engine engine, WasmModulePoolOptions<TBinding> options, Module? module)
    {
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        Module = module;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _onInstanceDisposed = () => Interlocked.Decrement(ref _liveInstances);
        _createBinding = options.CreateBinding
            ?? throw new ArgumentException("WasmModulePoolOptions.CreateBinding is required: it instantiates the binding in a store.", nameof(options));
        if (options.MaxConcurrentLeases < 1 || options.MaxIdleInstances < 1)
        {
            throw new ArgumentException("MaxConcurrentLeases and MaxIdleInstances must be at least 1.", nameof(options));
        }

        if (options.UseWasi || options.DefineImports is not null)
        {
            _linker = new Linker(engine);
            if (options.UseWasi)
            {
                _linker.DefineWasi();
            }

            options.DefineImports?.Invoke(_linker);
        }

        if (options.MaxConcurrentLeases != int.MaxValue)
        {
            _leaseSlots = new SemaphoreSlim(options.MaxConcurrentLeases, options.MaxConcurrentLeases);
        }

        if (options.Isolation == PoolIsolation.ReuseInstance)
        {
            // The provider gives a pool that disposes what it does not retain (full, or after its own disposal).
            var provider = new DefaultObjectPoolProvider { MaximumRetained = options.MaxIdleInstances };
            _idle = provider.Create(new InstancePolicy(this));
        }

        _name = options.Name ?? typeof(TBinding).Name;
        _telemetry = new PoolTelemetry(_name, () => LiveInstances, () => ActiveLeases);
    }

    /// <summary>The engine instances are created in.</summary>
    public Engine Engine { get; }

    /// <summary>The module every lease instantiates; null for a pool of bindings that bring their own (components).</summary>
    public Module? Module { get; }

    /// <summary>Whether disposing the pool disposes <see cref="Engine"/>: the pool of <c>AddWasmComponent</c> owns its engine.</summary>
    internal bool DisposesEngine { get; init; }

    /// <summary>The isolation policy between leases.</summary>
    public PoolIsolation Isolation => _options.Isolation;

    /// <summary>Stores (each holding one instance) created and not yet disposed: leased and idle ones.</summary>
    public int LiveInstances => Volatile.Read(ref _liveInstances);

    /// <summary>Instances created since the pool was made.</summary>
    public long InstancesCreated => Interlocked.Read(ref _instancesCreated);

    /// <summary>Instances thrown away instead of kept: every one under the default policy; failed or rejected ones under reuse.</summary>
    public long InstancesDiscarded => Interlocked.Read(ref _instancesDiscarded);

    /// <summary>Leases handed out and not yet returned.</summary>
    public int ActiveLeases => Volatile.Read(ref _activeLeases);

    /// <summary>Rents a binding, waiting while <see cref="WasmModulePoolOptions{TBinding}.MaxConcurrentLeases"/> are out.</summary>
    /// <param name="cancellationToken">Stops the wait, and is linked into the lease's <see cref="WasmLease{TBinding}.CancellationToken"/>.</param>
    /// <returns>The lease; dispose it to return the binding.</returns>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public WasmLease<TBinding> Rent(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (_leaseSlots is not null && !_leaseSlots.Wait(0, cancellationToken))
        {
            long started = Stopwatch.GetTimestamp();
            _leaseSlots.Wait(cancellationToken);
            if (_telemetry.WaitsObserved) _telemetry.Waited(started);
        }

        return Lease(cancellationToken);
    }

    /// <summary>Rents a binding, waiting asynchronously while <see cref="WasmModulePoolOptions{TBinding}.MaxConcurrentLeases"/> are out.</summary>
    /// <param name="cancellationToken">Stops the wait, and is linked into the lease's <see cref="WasmLease{TBinding}.CancellationToken"/>.</param>
    /// <returns>The lease; dispose it to return the binding.</returns>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async ValueTask<WasmLease<TBinding>> RentAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (_leaseSlots is not null && !_leaseSlots.Wait(0, cancellationToken))
        {
            long started = Stopwatch.GetTimestamp();
            await _leaseSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_telemetry.WaitsObserved) _telemetry.Waited(started);
        }

        return Lease(cancellationToken);
    }

    /// <summary>Runs one operation on a rented binding and returns it; the lease completes when the operation returns.</summary>
    /// <typeparam name="TResult">The operation's result.</typeparam>
    /// <param name="operation">The operation; its token is the lease's (timeout and <paramref name="cancellationToken"/>).</param>
    /// <param name="cancellationToken">Cancels the wait for a binding and the operation's token.</param>
    /// <returns>What the operation returned.</returns>
    public TResult Run<TResult>(Func<TBinding, CancellationToken, TResult> operation, CancellationToken cancellationToken = default)
    {
        if (operation is null) throw new ArgumentNullException(nameof(operation));
        using WasmLease<TBinding> lease = Rent(cancellationToken);
        TResult result = operation(lease.Binding, lease.CancellationToken);
        lease.Complete();
        return result;
    }

    /// <summary>
    /// Waits asynchronously for a binding, runs one operation on it and returns it; the lease completes when the
    /// operation returns. Guest calls are synchronous: the operation runs on the thread that got the binding.
    /// </summary>
    /// <typeparam name="TResult">The operation's result.</typeparam>
    /// <param name="operation">The operation; its token is the lease's (timeout and <paramref name="cancellationToken"/>).</param>
    /// <param name="cancellationToken">Cancels the wait for a binding and the operation's token.</param>
    /// <returns>What the operation returned.</returns>
    public async ValueTask<TResult> RunAsync<TResult>(Func<TBinding, CancellationToken, TResult> operation, CancellationToken cancellationToken = default)
    {
        if (operation is null) throw new ArgumentNullException(nameof(operation));
        WasmLease<TBinding> lease = await RentAsync(cancellationToken).ConfigureAwait(false);
        using (lease)
        {
            TResult result = operation(lease.Binding, lease.CancellationToken);
            lease.Complete();
            return result;
        }
    }

    /// <summary>Disposes the idle instances (and the engine, when the pool was registered with it); leases still out dispose theirs when they end.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        (_idle as IDisposable)?.Dispose();
        _linker?.Dispose();
        _telemetry.Dispose();
        if (DisposesEngine)
        {
            Engine.Dispose();
        }
    }

    private WasmLease<TBinding> Lease(CancellationToken cancellationToken)
    {
        PooledInstance<TBinding> instance;
        try
        {
            instance = _idle is null ? CreateInstance() : _idle.Get();
            if (_options.FuelPerLease is ulong fuel)
            {
                instance.Store.Fuel = fuel;
            }

            instance.Output?.BeginLease(Interlocked.Increment(ref _leaseNumber));
        }
        catch
        {
            _leaseSlots?.Release();
            throw;
        }

        Interlocked.Increment(ref _activeLeases);
        return new WasmLease<TBinding>(this, instance, cancellationToken, _options.LeaseTimeout);
    }

    internal void Return(PooledInstance<TBinding> instance, bool completed)
    {
        try
        {
            instance.Output?.Flush();
            if (_idle is not null && completed && !OutOfFuel(instance) && Volatile.Read(ref _disposed) == 0 && Reset(instance))
            {
                _idle.Return(instance);
            }
            else
            {
                Discard(instance);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _activeLeases);
            _leaseSlots?.Release();
        }
    }

    private bool OutOfFuel(PooledInstance<TBinding> instance) => _options.FuelPerLease is not null && instance.Store.Fuel == 0;

    private bool Reset(PooledInstance<TBinding> instance)
    {
        try
        {
            return _options.ResetInstance?.Invoke(instance.Binding) ?? true;
        }
        catch (Exception)
        {
            // A reset that fails leaves the instance in an unknown state: it is discarded, never handed out.
            return false;
        }
    }

    private void Discard(PooledInstance<TBinding> instance)
    {
        Interlocked.Increment(ref _instancesDiscarded);
        instance.Dispose();
    }

    private PooledInstance<TBinding> CreateInstance()
    {
        var store = new Store(Engine);
        try
        {
            if (_options.MemoryLimitBytes is long memoryLimit)
            {
                store.SetLimits(memorySize: memoryLimit);
            }

            // On an epoch engine a new store's deadline is "now"; a cancellable binding replaces this with its own.
            store.SetEpochDeadline(1UL << 40);
            if (_options.FuelPerLease is ulong fuel)
            {
                // The factory may run guest code (a WASI reactor's _initialize); a new store has no fuel. Rent refills it.
                store.Fuel = fuel;
            }

            GuestOutputLog? output = _options.UseWasi ? ConfigureWasi(store) : null;
            TBinding binding = _createBinding(new WasmInstanceContext(Engine, store, Module, _linker));
            Interlocked.Increment(ref _instancesCreated);
            Interlocked.Increment(ref _liveInstances);
            return new PooledInstance<TBinding>(store, binding, _onInstanceDisposed) { Output = output };
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Gives a new store its WASI configuration; with a logger, stdout and stderr go to it line by line.</summary>
    private GuestOutputLog? ConfigureWasi(Store store)
    {
        var wasi = new WasiConfiguration();
        _options.ConfigureWasi?.Invoke(wasi);
        GuestOutputLog? output = null;
        if (_options.GuestOutputLogger is ILogger logger)
        {
            output = new GuestOutputLog(logger, _name, _options.GuestStandardOutputLevel, _options.GuestStandardErrorLevel);
            wasi.WithStandardOutputCallback(output.Output).WithStandardErrorCallback(output.Error);
        }

        store.SetWasiConfiguration(wasi);
        return output;
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(WasmModulePool<TBinding>));
        }
    }

    private sealed class InstancePolicy : IPooledObjectPolicy<PooledInstance<TBinding>>
    {
        private readonly WasmModulePool<TBinding> _pool;

        public InstancePolicy(WasmModulePool<TBinding> pool) => _pool = pool;

        public PooledInstance<TBinding> Create() => _pool.CreateInstance();

        // The reset ran before the instance was offered back; what the object pool does not retain it disposes.
        public bool Return(PooledInstance<TBinding> obj) => true;
    }
}
