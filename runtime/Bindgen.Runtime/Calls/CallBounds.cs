using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// What Bindgen keeps per <see cref="Store"/> to bound guest calls: cancellation through Wasmtime's epoch
/// interruption, and a cleanup budget so that a call interrupted by exhausted fuel, a passed epoch deadline or a
/// cancellation still frees its temporary guest memory. One per store, shared by every binding on it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Cancellation.</b> Wasmtime's epoch is engine-wide: <see cref="Engine.IncrementEpoch"/> reaches every store
/// of the engine. So a store on which a binding with cancellable methods is created gets Bindgen's epoch-deadline
/// callback and a deadline one tick ahead. Cancelling a token registered for a running call increments the epoch
/// once; every store of the engine whose deadline that reaches runs its callback, which traps the call only if a
/// token registered on <i>that</i> store is cancelled, and otherwise re-arms the deadline one tick ahead and lets
/// the guest continue. Other stores' calls are never interrupted by it; they pay one callback per cancellation.
/// </para>
/// <para>
/// <b>Cleanup budget.</b> The <c>free</c> calls after a call run under a release scope: cancellation does not
/// interrupt them, a store whose fuel is below <see cref="CleanupFuel"/> gets that much added for the frees and
/// set back afterwards, and after a call stopped by a passed epoch deadline (<see cref="TrapCode.Interrupt"/>) the
/// deadline is pushed out for the frees and then set to "now" again, so the next call traps as before.
/// </para>
/// </remarks>
public sealed class CallBounds
{
    /// <summary>The fuel the frees after a call may use when the store has less than this left.</summary>
    public const ulong CleanupFuel = 10_000_000;

    /// <summary>How far an epoch deadline is pushed for cleanup: far beyond any ticker, far below overflow.</summary>
    private const ulong FarDeadline = 1UL << 40;

    private static readonly ConditionalWeakTable<Store, CallBounds> ByStore = new();
    private static readonly ConditionalWeakTable<Engine, StrongBox<bool>> EpochSupport = new();

    private readonly Store _store;
    private readonly bool _fuel;

    // The callback's state does not reference the store: Wasmtime keeps the callback alive as long as the store.
    private readonly EpochGate _gate = new();
    private Engine? _engine;

    private CallBounds(Store store)
    {
        _store = store;
        _fuel = HasFuel(store);
    }

    /// <summary>The bounds of <paramref name="store"/>, created on first use.</summary>
    public static CallBounds For(Store store)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        return ByStore.GetValue(store, static s => new CallBounds(s));
    }

    /// <summary>Whether the store consumes fuel (its engine was configured with fuel consumption).</summary>
    public bool ConsumesFuel => _fuel;

    /// <summary>Whether cancellation is set up on this store.</summary>
    public bool Cancellable => _engine is not null;

    /// <summary>
    /// Sets the store up for cancellable calls: checks that <paramref name="engine"/> has epoch interruption and is
    /// the store's engine, installs the epoch-deadline callback and arms the deadline. Idempotent.
    /// </summary>
    /// <param name="engine">The store's engine.</param>
    /// <param name="binding">The binding being created, named in errors.</param>
    /// <returns>The problem, or null when the store is ready.</returns>
    internal EngineConfigurationException? EnableCancellation(Engine engine, string binding)
    {
        if (engine is null)
        {
            throw new ArgumentNullException(nameof(engine));
        }

        if (_engine is not null)
        {
            return ReferenceEquals(_engine, engine) ? null : new EngineConfigurationException(binding, "the engine passed is not the engine of the store (another binding on this store was created with a different one).");
        }

        if (!SupportsEpochInterruption(engine))
        {
            return new EngineConfigurationException(binding,
                "its methods take a CancellationToken, which Bindgen honours through Wasmtime's epoch interruption, but the engine was created without it. "
                + "Create the engine with new Engine(new Config().WithEpochInterruption(true)).");
        }

        if (!IsEngineOf(engine, _store))
        {
            return new EngineConfigurationException(binding, "the engine passed is not the engine the store was created with; pass the store's engine.");
        }

        _store.SetEpochDeadlineCallback(_gate.OnDeadline);
        _store.SetEpochDeadline(1);
        _engine = engine;
        return null;
    }

    /// <summary>
    /// Registers <paramref name="token"/> for the guest call about to run on this store; dispose the scope when the
    /// call returns. Costs nothing when the token cannot be cancelled.
    /// </summary>
    /// <exception cref="InvalidOperationException">Cancellation was not set up on this store.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CancellationScope Enter(CancellationToken token) =>
        token.CanBeCanceled ? Register(token) : default;

    // Kept out of line, so the common token that cannot be cancelled costs one inlined test at the call site.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CancellationScope Register(CancellationToken token)
    {
        Engine engine = _engine ?? throw new InvalidOperationException("Cancellation was not set up on this store.");

        // Cancellation may come from any thread; incrementing the epoch is the only thing it does, and Wasmtime makes
        // that thread-safe. An already-cancelled token runs this at once, so the guest traps at its first check (the
        // token is pushed before the guest runs, so the callback sees it). Registered first: if registering
        // throws, the gate holds nothing stale.
        CancellationTokenRegistration registration = token.UnsafeRegister(static e => ((Engine)e!).IncrementEpoch(), engine);
        _gate.Push(token);
        return new CancellationScope(_gate, registration);
    }

    /// <summary>
    /// Whether the frees after a call need a release scope: on a store with fuel or cancellation, or after a failure
    /// (which may be a passed deadline). The common case, a successful call on a plain store, skips it.
    /// </summary>
    internal bool NeedsReleaseScope(Exception? failure) => _fuel || _engine is not null || failure is not null;

    /// <summary>
    /// Starts the release of a call's guest memory: until the scope is disposed, the frees are not cancelled and have
    /// the fuel and epoch deadline they need (see the remarks on <see cref="CallBounds"/>).
    /// </summary>
    /// <param name="failure">The call's failure, or null after a successful call.</param>
    internal ReleaseScope BeginRelease(Exception? failure)
    {
        _gate.Releasing++;
        ulong? fuelBefore = null;
        if (_fuel)
        {
            ulong fuel = _store.Fuel;
            if (fuel < CleanupFuel)
            {
                _store.Fuel = fuel + CleanupFuel;
                fuelBefore = fuel;
            }
        }

        // A passed deadline without Bindgen's callback stays passed, so the first free would trap on it.
        bool deadlinePushed = _engine is null && failure is GuestTrapException { TrapCode: TrapCode.Interrupt };
        if (deadlinePushed)
        {
            _store.SetEpochDeadline(FarDeadline);
        }

        return new ReleaseScope(this, fuelBefore, deadlinePushed);
    }

    private void EndRelease(ulong? fuelBefore, bool deadlinePushed)
    {
        _gate.Releasing--;
        if (fuelBefore is { } fuel)
        {
            _store.Fuel = fuel;
        }

        if (deadlinePushed)
        {
            _store.SetEpochDeadline(0);
        }
    }

    private static bool HasFuel(Store store)
    {
        // Wasmtime offers no query; reading the fuel of a store without fuel consumption fails, once per store.
        try
        {
            _ = store.Fuel;
            return true;
        }
        catch (WasmtimeException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="engine"/> was configured with epoch interruption. Wasmtime offers no query, so a probe
    /// runs once per engine: an empty function in a fresh store whose deadline is now traps with
    /// <see cref="TrapCode.Interrupt"/> exactly when epoch checks are compiled in (about a third of a millisecond).
    /// </summary>
    private static bool SupportsEpochInterruption(Engine engine) =>
        EpochSupport.GetValue(engine, static e => new StrongBox<bool>(ProbeEpochInterruption(e))).Value;

    private static bool ProbeEpochInterruption(Engine engine)
    {
        using Module module = Module.FromText(engine, "bindgen-epoch-probe", "(module (func (export \"probe\")))");
        using var store = new Store(engine);
        if (HasFuel(store))
        {
            store.Fuel = 1_000;
        }

        store.SetEpochDeadline(0);
        Action probe = new Instance(store, module).GetAction("probe")!;
        try
        {
            probe();
            return false;
        }
        catch (TrapException e) when (e.Type == TrapCode.Interrupt)
        {
            return true;
        }
    }

    /// <summary>Whether <paramref name="store"/> belongs to <paramref name="engine"/>: Wasmtime refuses to mix them.</summary>
    private static bool IsEngineOf(Engine engine, Store store)
    {
        using Module module = Module.FromText(engine, "bindgen-engine-probe", "(module)");
        try
        {
            _ = new Instance(store, module);
            return true;
        }
        catch (WasmtimeException)
        {
            return false;
        }
    }

    /// <summary>The state the epoch-deadline callback reads: the tokens of the calls running on the store.</summary>
    internal sealed class EpochGate
    {
        private CancellationToken[] _tokens = new CancellationToken[4];
        private int _count;

        /// <summary>Above zero while a call's memory is released: its frees are never cancelled.</summary>
        public int Releasing { get; set; }

        public void Push(CancellationToken token)
        {
            if (_count == _tokens.Length)
            {
                Array.Resize(ref _tokens, _count * 2);
            }

            _tokens[_count++] = token;
        }

        public void Pop()
        {
            _tokens[--_count] = default;
        }

        /// <summary>
        /// Runs on the guest's thread when the store's deadline is reached: traps the running call when one of the
        /// store's registered tokens is cancelled (nested calls register theirs too), else resumes one tick ahead.
        /// </summary>
        public ulong OnDeadline(Store store)
        {
            if (Releasing == 0)
            {
                for (int i = _count - 1; i >= 0; i--)
                {
                    if (_tokens[i].IsCancellationRequested)
                    {
                        // Wasmtime turns this into the call's error; GuestFailures names the export.
                        throw new OperationCanceledException(_tokens[i]);
                    }
                }
            }

            return 1;
        }
    }

    /// <summary>The release of one call's memory; see <see cref="BeginRelease"/>.</summary>
    internal readonly struct ReleaseScope : IDisposable
    {
        private readonly CallBounds? _owner;
        private readonly ulong? _fuelBefore;
        private readonly bool _deadlinePushed;

        public ReleaseScope(CallBounds owner, ulong? fuelBefore, bool deadlinePushed)
        {
            _owner = owner;
            _fuelBefore = fuelBefore;
            _deadlinePushed = deadlinePushed;
        }

        public void Dispose() => _owner?.EndRelease(_fuelBefore, _deadlinePushed);
    }
}
