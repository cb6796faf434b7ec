using System.Runtime.CompilerServices;
using System;
using System.Threading;

namespace Bindgen.Internals;

/// <summary>A token registered for one guest call; see <see cref="CallBounds.Enter"/>. Dispose it when the call returns.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CancellationScope : IDisposable
{
    private readonly CallBounds.EpochGate? _gate;
    private readonly CancellationTokenRegistration _registration;

    internal CancellationScope(CallBounds.EpochGate gate, CancellationTokenRegistration registration)
    {
        _gate = gate;
        _registration = registration;
    }

    /// <summary>Unregisters the token: from now on, cancelling it no longer affects the store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose()
    {
        if (_gate is not null)
        {
            Unregister();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Unregister()
    {
        _registration.Dispose();
        _gate!.Pop();
    }
}
