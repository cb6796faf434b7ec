using System.Runtime.CompilerServices;
using System.Threading;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>The gate's part in telemetry: every generated call passes here, so a call is observed here or nowhere.</summary>
public sealed partial class StoreGate
{
    private readonly Instance _instance;
    private Store? _store;
    private Memory? _memory;
    private bool _memoryLooked;

    /// <summary>
    /// Enters the store for a call of <paramref name="function"/> (export <paramref name="export"/>) of
    /// <paramref name="binding"/>, and starts its span and metrics when someone listens to Bindgen's telemetry; call
    /// <see cref="StoreCall.Leave"/> on the result when the call is done, whatever its outcome.
    /// </summary>
    /// <param name="binding">The binding being called (its interface's name).</param>
    /// <param name="function">The binding method.</param>
    /// <param name="export">The export it calls.</param>
    /// <exception cref="StoreInUseException">The store is in a call on another thread.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public StoreCall Call(string binding, string function, string export)
    {
        Holder holder = Enter(binding);
        return TelemetryChecks.CallsObserved ? Observe(holder, binding, function, export) : new StoreCall(holder);
    }

    /// <summary>
    /// The common case of <see cref="Call"/> alone, for a caller that takes <see cref="Call"/> otherwise: the holder's
    /// own thread, nobody listening. Returns the holder, counted in, or null having changed nothing. It reads no names,
    /// so a caller inlining it loads them only on its slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal unsafe Holder? EnterUnobserved()
    {
        Holder holder = Volatile.Read(ref _holder);
        byte mark;
        nuint stack = (nuint)(&mark);
        return stack >= holder.StackLow && stack <= holder.StackHigh && !TelemetryChecks.CallsObserved && CountIn(holder) ? holder : null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StoreCall Observe(Holder holder, string binding, string function, string export) =>
        new(CallObservation.Start(this, holder, binding, function, export));

    /// <summary>The store's fuel, when the store is known and consumes fuel.</summary>
    internal ulong? Fuel() => _store is Store store && CallBounds.For(store).ConsumesFuel ? store.Fuel : null;

    /// <summary>The size in bytes of the called instance's memory exported as "memory", when it has one.</summary>
    internal long? MemorySize()
    {
        if (!_memoryLooked)
        {
            _memoryLooked = true;
            try
            {
                _memory = _instance.GetMemory("memory");
            }
            catch (WasmtimeException)
            {
                _memory = null;
            }
        }

        return _memory?.GetLength();
    }
}
