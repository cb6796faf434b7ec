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
    // The holder alone when nobody listens (one reference, as the plain gate's), else the observation that holds it.
    private readonly object _entered;

    internal StoreCall(StoreGate.Holder holder) => _entered = holder;

    internal StoreCall(CallObservation observation) => _entered = observation;

    /// <summary>
    /// Notes the exception a call is ending with, for its span and metrics; an exception filter, so it always returns
    /// false and the exception goes on unchanged.
    /// </summary>
    /// <param name="exception">The exception leaving the method.</param>
    /// <returns>False.</returns>
    public bool Failed(Exception exception)
    {
        if (_entered is CallObservation observation)
        {
            observation.Exception ??= exception;
        }

        return false;
    }

    /// <summary>Ends the call's span, then leaves the store's gate; call it in a <c>finally</c>, whatever the outcome.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Leave()
    {
        if (_entered is StoreGate.Holder holder)
        {
            holder.Leave();
        }
        else
        {
            LeaveObserved();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LeaveObserved()
    {
        // The span reads the store (fuel, memory size): before the gate lets another thread in.
        // A listener's callback that throws must not leave the store marked as in a call.
        var observation = (CallObservation)_entered;
        try
        {
            observation.End();
        }
        finally
        {
            observation.Holder.Leave();
        }
    }
}
