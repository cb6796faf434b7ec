using System.Collections.Concurrent;

namespace Bindgen.Internals;

/// <summary>
/// Releases of guest objects whose .NET owner was finalized undisposed. A finalizer runs on the GC's thread and must
/// not call into a store (Wasmtime's rule: a store belongs to one thread at a time), so it only queues the release;
/// the owner's next call, on the store's thread, runs the queued releases first. The same policy as wasm-bindgen
/// class instances (docs/wasm-bindgen.md): nothing is released from another thread, nothing is lost.
/// </summary>
internal sealed class DeferredDrops
{
    private readonly ConcurrentQueue<(int Type, int Rep)> _queue = new();

    /// <summary>Whether releases are waiting: cheap enough to ask on every call.</summary>
    public bool HasPending => !_queue.IsEmpty;

    /// <summary>How many releases are waiting.</summary>
    public int Count => _queue.Count;

    /// <summary>Queues a release; safe from any thread, the finalizer's included.</summary>
    public void Enqueue(int type, int rep) => _queue.Enqueue((type, rep));

    /// <summary>Takes the next waiting release.</summary>
    public bool TryDequeue(out (int Type, int Rep) item) => _queue.TryDequeue(out item);
}
