using System;
using System.Threading;
using Wasmtime;

namespace Bindgen.Hosting;

/// <summary>One store and the binding instantiated in it, owned by a pool.</summary>
internal sealed class PooledInstance<TBinding> : IDisposable
    where TBinding : class
{
    private readonly Action _onDisposed;
    private int _disposed;

    public PooledInstance(Store store, TBinding binding, Action onDisposed)
    {
        Store = store;
        Binding = binding;
        _onDisposed = onDisposed;
    }

    public Store Store { get; }

    public TBinding Binding { get; }

    /// <summary>Where the guest's stdout and stderr go, when the pool routes them to a logger.</summary>
    public GuestOutputLog? Output { get; init; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Store.Dispose();
            _onDisposed();
        }
    }
}
