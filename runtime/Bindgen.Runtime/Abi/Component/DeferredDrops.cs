using System.Collections.Concurrent;
using System.ComponentModel;

namespace Bindgen.Internals;

/// <summary>
/// Releases of guest objects whose .NET owner was finalized undisposed. A finalizer runs on the GC's thread and must
/// not call into a store (Wasmtime's rule: a store belongs to one thread at a time), so it only queues the release;
/// the owner's next call, on the store's thread, runs the queued releases first. The same policy as wasm-bindgen
/// class instances (docs/wasm-bindgen.md), whose generated bindings use this queue too: nothing is released from
/// another thread, nothing is lost. Each item is a kind (a resource type, a class) and a guest value (a representation,
/// a pointer). For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DeferredDrops
{
    private readonly ConcurrentQueue<(int Kind, int Value)> _queue = new();

    /// <summary>Whether releases are waiting: cheap enough to ask on every call.</summary>
    public bool HasPending => !_queue.IsEmpty;

    /// <summary>How many releases are waiting.</summary>
    public int Count => _queue.Count;

    /// <summary>Queues a release; safe from any thread, the finalizer's included.</summary>
    public void Enqueue(int kind, int value) => _queue.Enqueue((kind, value));

    /// <summary>Takes the next waiting release.</summary>
    public bool TryDequeue(out (int Kind, int Value) item) => _queue.TryDequeue(out item);
}
