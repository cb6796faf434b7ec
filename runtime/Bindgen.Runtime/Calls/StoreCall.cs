using System;
using System.Runtime.CompilerServices;

namespace Bindgen.Internals;

/// <summary>
/// One generated method's call, from <see cref="StoreGate.Call"/> to <see cref="Leave"/>: the store's thread check,
/// and, only while someone listens to Bindgen's telemetry, its span and metrics (docs/telemetry.md).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StoreCall
{
    private readonly StoreGate.Holder _holder;
    private readonly CallObservation? _observation;

    internal StoreCall(StoreGate.Holder holder, CallObservation? observation)
    {
        _holder = holder;
        _observation = observation;
    }

    /// <summary>
    /// Notes the exception a call is ending with, for its span and metrics; an exception filter, so it always returns
    /// false and the exception goes on unchanged.
    /// </summary>
    /// <param name="exception">The exception leaving the method.</param>
    /// <returns>False.</returns>
    public bool Failed(Exception exception)
    {
        if (_observation is not null)
        {
            _observation.Exception ??= exception;
        }

        return false;
    }

    /// <summary>Leaves the store's gate and ends the call's span; call it in a <c>finally</c>, whatever the outcome.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Leave()
    {
        _holder.Leave();
        if (_observation is not null)
        {
            _observation.End();
        }
    }
}
