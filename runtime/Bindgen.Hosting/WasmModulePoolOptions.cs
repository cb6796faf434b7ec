using System;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace Bindgen.Hosting;

/// <summary>How a <see cref="WasmModulePool{TBinding}"/> isolates one lease from the next.</summary>
public enum PoolIsolation
{
    /// <summary>
    /// The default: every lease gets a new store and instance, disposed when the lease ends. Nothing a lease
    /// leaves in guest memory, globals or tables reaches another lease. Cheap with Wasmtime's pooling allocator.
    /// </summary>
    FreshInstance,

    /// <summary>
    /// Instances are kept and handed out again after <see cref="WasmModulePoolOptions{TBinding}.ResetInstance"/>
    /// accepts them. Only a lease that was completed (<see cref="WasmLease{TBinding}.Complete"/>, or the callback
    /// forms, which complete on success) returns its instance; any other is discarded.
    /// </summary>
    ReuseInstance,
}

/// <summary>What a binding factory gets to instantiate one pooled binding.</summary>
public sealed class WasmInstanceContext
{
    private readonly Module? _module;

    /// <summary>Creates the context of one new store.</summary>
    /// <param name="engine">The pool's engine.</param>
    /// <param name="store">A new store of that engine, with the lease limits already applied.</param>
    /// <param name="module">The pool's module, or null for a pool of component bindings.</param>
    /// <param name="linker">The pool's linker, or null.</param>
    public WasmInstanceContext(Engine engine, Store store, Module? module, Linker? linker)
    {
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        Store = store ?? throw new ArgumentNullException(nameof(store));
        _module = module;
        Linker = linker;
    }

    /// <summary>The pool's engine.</summary>
    public Engine Engine { get; }

    /// <summary>A new store of that engine, with the lease limits already applied.</summary>
    public Store Store { get; }

    /// <summary>The module, compiled once for the engine.</summary>
    /// <exception cref="InvalidOperationException">The pool was made without a module, for component bindings.</exception>
    public Module Module => _module ?? throw new InvalidOperationException(
        "This pool has no module: it was made for bindings that compile their own, as a component's world class does (World.Instantiate(c.Engine, c.Store, ...)).");

    /// <summary>The pool's linker when <see cref="WasmModulePoolOptions{TBinding}.DefineImports"/> or <see cref="WasmModulePoolOptions{TBinding}.UseWasi"/> is set, else null.</summary>
    public Linker? Linker { get; }
}

/// <summary>Settings of a <see cref="WasmModulePool{TBinding}"/>.</summary>
/// <typeparam name="TBinding">The binding handed out: a generated <c>[WasmModule]</c> class or its interface.</typeparam>
public class WasmModulePoolOptions<TBinding>
    where TBinding : class
{
    /// <summary>
    /// Creates the binding in a new store, for example <c>c =&gt; TextTools.Instantiate(c.Store, c.Module)</c>, or
    /// <c>c =&gt; Worker.Instantiate(c.Engine, c.Store, c.Module)</c> for a binding with cancellable methods. Required.
    /// </summary>
    public Func<WasmInstanceContext, TBinding>? CreateBinding { get; set; }

    /// <summary>Defines the module's imports on the pool's one linker, once; null when the module has none.</summary>
    public Action<Linker>? DefineImports { get; set; }

    /// <summary>Fresh instance per lease (the default) or reuse with <see cref="ResetInstance"/>.</summary>
    public PoolIsolation Isolation { get; set; } = PoolIsolation.FreshInstance;

    /// <summary>
    /// Under <see cref="PoolIsolation.ReuseInstance"/>: brings a returned binding back to a clean state and says
    /// whether it may be handed out again. Returning false or throwing discards it. Null keeps the binding as is.
    /// </summary>
    public Func<TBinding, bool>? ResetInstance { get; set; }

    /// <summary>Under <see cref="PoolIsolation.ReuseInstance"/>: how many idle instances are kept. Default: twice the processor count.</summary>
    public int MaxIdleInstances { get; set; } = Environment.ProcessorCount * 2;

    /// <summary>
    /// How many leases may be out at once; renting beyond waits. Bounds the memory of all live instances (and must
    /// not exceed the pooling allocator's instance count). Default: unbounded (<see cref="int.MaxValue"/>).
    /// </summary>
    public int MaxConcurrentLeases { get; set; } = int.MaxValue;

    /// <summary>
    /// Fuel given to the store at the start of each lease (the engine needs <c>WithFuelConsumption(true)</c>); a call
    /// that runs out throws <see cref="GuestOutOfFuelException"/> and the instance is discarded. Null: no fuel set.
    /// </summary>
    public ulong? FuelPerLease { get; set; }

    /// <summary>The most linear memory, in bytes, one lease's instance may have (<c>Store.SetLimits</c>). Null: no cap.</summary>
    public long? MemoryLimitBytes { get; set; }

    /// <summary>
    /// How long a lease may run: <see cref="WasmLease{TBinding}.CancellationToken"/> is cancelled when it passes. Pass that
    /// token to the binding's cancellable methods (an epoch-interruption engine, docs/bounded-calls.md) to stop the guest.
    /// Null: no timeout.
    /// </summary>
    public TimeSpan? LeaseTimeout { get; set; }

    /// <summary>
    /// Whether the module is a WASI module: the pool defines WASI preview 1 on its linker (before
    /// <see cref="DefineImports"/>) and gives every store a WASI configuration (<see cref="ConfigureWasi"/>), whose stdout
    /// and stderr go to <see cref="GuestOutputLogger"/> when it is set. The factory must instantiate through
    /// <see cref="WasmInstanceContext.Linker"/>.
    /// </summary>
    public bool UseWasi { get; set; }

    /// <summary>Under <see cref="UseWasi"/>: arguments, environment, preopened directories of each store's WASI configuration.</summary>
    public Action<WasiConfiguration>? ConfigureWasi { get; set; }

    /// <summary>
    /// Under <see cref="UseWasi"/>: the logger the guest's stdout and stderr go to, one entry per line, in a scope naming
    /// the module, the lease and the trace it was rented in. <c>AddWasmModule</c> sets it from the application's
    /// <see cref="ILoggerFactory"/> (category <c>Bindgen.Guest.</c> and the module's name) when it is null.
    /// Null: the output is dropped, as Wasmtime does by default.
    /// </summary>
    public ILogger? GuestOutputLogger { get; set; }

    /// <summary>The level of the guest's stdout lines. Default: <see cref="LogLevel.Information"/>.</summary>
    public LogLevel GuestStandardOutputLevel { get; set; } = LogLevel.Information;

    /// <summary>The level of the guest's stderr lines. Default: <see cref="LogLevel.Warning"/>.</summary>
    public LogLevel GuestStandardErrorLevel { get; set; } = LogLevel.Warning;

    /// <summary>The module's name in telemetry (<c>bindgen.module</c> of the pool metrics) and logs. Default: the binding type's name.</summary>
    public string? Name { get; set; }

    /// <summary>Guest memory options for bindings the factory creates; a convenience the factory may pass on.</summary>
    public GuestMemoryOptions? MemoryOptions { get; set; }
}
