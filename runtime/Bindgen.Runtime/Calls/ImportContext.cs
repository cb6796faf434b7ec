using System;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// The calling instance, for a host import that needs more than its arguments: declare it as the first parameter of
/// a <see cref="WasmImportsAttribute"/> method (<c>int ResizeHeap(ImportContext context, int requestedSize)</c>, as
/// emscripten's <c>emscripten_resize_heap</c> needs). It is not a wasm parameter. Valid only during the call.
/// </summary>
public readonly ref struct ImportContext
{
    private readonly CallerMemoryCache _memories;

    /// <summary>Creates the context of one import call.</summary>
    /// <param name="caller">Wasmtime's caller.</param>
    /// <param name="memories">The registration's cache of callers' guest memory.</param>
    public ImportContext(Caller caller, CallerMemoryCache memories)
    {
        Caller = caller;
        _memories = memories ?? throw new ArgumentNullException(nameof(memories));
    }

    /// <summary>Wasmtime's caller: the calling instance's exports.</summary>
    public Caller Caller { get; }

    /// <summary>
    /// The calling instance's guest memory (under the registration's <see cref="CConvention"/> name), to read, write
    /// or grow. Views taken from it are stale after any call into the guest, as always.
    /// </summary>
    /// <exception cref="MissingExportException">The caller lacks its memory.</exception>
    public GuestMemory Memory => _memories.For(Caller, withAllocator: false);

    /// <summary>
    /// The calling instance's guest memory with its allocator, to allocate in the guest (the registration's
    /// <see cref="CConvention"/> names <c>malloc</c> and <c>free</c>).
    /// </summary>
    /// <exception cref="MissingExportException">The caller lacks its memory or allocator.</exception>
    public GuestMemory AllocatingMemory => _memories.For(Caller, withAllocator: true);
}
