using System;
using System.Threading;
using System.Threading.Tasks;
using Wasmtime;

namespace Bindgen.Hosting;

/// <summary>
/// One binding rented from a <see cref="WasmModulePool{TBinding}"/>, for one thread at a time until disposed.
/// Disposing returns it: under the default policy its store is disposed; under reuse it is kept only if
/// <see cref="Complete"/> was called (a lease that ends by an exception is discarded).
/// </summary>
/// <typeparam name="TBinding">The binding.</typeparam>
public sealed class WasmLease<TBinding> : IDisposable, IAsyncDisposable
    where TBinding : class
{
    private readonly WasmModulePool<TBinding> _pool;
    private readonly CancellationTokenSource? _limit;
    private PooledInstance<TBinding>? _instance;
    private bool _completed;
    private bool _discarded;

    internal WasmLease(WasmModulePool<TBinding> pool, PooledInstance<TBinding> instance, CancellationToken cancellationToken, TimeSpan? timeout)
    {
        _pool = pool;
        _instance = instance;
        if (timeout is TimeSpan limit)
        {
            _limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _limit.CancelAfter(limit);
            CancellationToken = _limit.Token;
        }
        else
        {
            CancellationToken = cancellationToken;
        }
    }

    /// <summary>The rented binding.</summary>
    /// <exception cref="ObjectDisposedException">The lease was returned.</exception>
    public TBinding Binding => Instance.Binding;

    /// <summary>The binding's store (its fuel, limits), owned by the pool: do not dispose it.</summary>
    /// <exception cref="ObjectDisposedException">The lease was returned.</exception>
    public Store Store => Instance.Store;

    /// <summary>
    /// Cancelled when the token given to the rent is, or when <see cref="WasmModulePoolOptions{TBinding}.LeaseTimeout"/>
    /// passes; pass it to the binding's cancellable methods.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Says the operation succeeded: under reuse, the instance may be reset and handed out again.</summary>
    public void Complete() => _completed = true;

    /// <summary>Says the instance must not be handed out again, even if <see cref="Complete"/> was called.</summary>
    public void Discard() => _discarded = true;

    /// <summary>Returns the binding to the pool. Later calls do nothing.</summary>
    public void Dispose()
    {
        PooledInstance<TBinding>? instance = Interlocked.Exchange(ref _instance, null);
        if (instance is null)
        {
            return;
        }

        _limit?.Dispose();
        _pool.Return(instance, _completed && !_discarded);
    }

    /// <summary>Returns the binding to the pool. Later calls do nothing.</summary>
    /// <returns>A completed task: returning never waits.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private PooledInstance<TBinding> Instance => _instance ?? throw new ObjectDisposedException(nameof(WasmLease<TBinding>));
}
