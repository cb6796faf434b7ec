namespace Bindgen;

/// <summary>
/// A binding was called on one thread while its store was in a call on another. A Wasmtime store, and every binding
/// of it, belongs to one thread at a time (docs/threading.md): use a store per thread, or hand a store from thread
/// to thread between calls (a pool). Thrown before anything reached the store, which is unharmed.
/// </summary>
public sealed class StoreInUseException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="binding">The binding that was called.</param>
    /// <param name="threadId">The managed id of the calling thread.</param>
    /// <param name="threadName">The calling thread's name, if it has one.</param>
    /// <param name="ownerThreadId">The managed id of the thread whose call is running on the store.</param>
    /// <param name="ownerThreadName">That thread's name, if it has one and it is known.</param>
    public StoreInUseException(string binding, int threadId, string? threadName, int ownerThreadId, string? ownerThreadName)
        : base($"'{binding}' was called on thread {Describe(threadId, threadName)} while its store is in a call on thread {Describe(ownerThreadId, ownerThreadName)}. "
            + "A Wasmtime store and every binding of it belong to one thread at a time: use a store per thread, or hand the store to another thread only between calls (docs/threading.md).")
    {
        Binding = binding;
        ThreadId = threadId;
        OwnerThreadId = ownerThreadId;
    }

    /// <summary>The binding that was called.</summary>
    public string Binding { get; }

    /// <summary>The managed id of the thread whose call was refused.</summary>
    public int ThreadId { get; }

    /// <summary>The managed id of the thread whose call was running on the store.</summary>
    public int OwnerThreadId { get; }

    private static string Describe(int id, string? name) => name is null ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{id} ('{name}')";
}
