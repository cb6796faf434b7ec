using System;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Remembers the <see cref="GuestMemory"/> of the instance that last called a set of host imports, so an import
/// call costs one lookup of the caller's memory instead of building guest memory access each time. Generated
/// import registrations create one per <c>Define</c>.
/// </summary>
/// <remarks>
/// The cache is keyed on the caller's <see cref="Wasmtime.Memory"/> object (Wasmtime hands out one per store and
/// memory). It assumes the C convention's one allocator per memory: instances that share a memory share its
/// <c>malloc</c>/<c>free</c>. Several stores calling through one linker are served correctly, rebuilding the entry
/// when the caller changes; a race between threads can only cause a rebuild, never a wrong entry, because an entry
/// is used only after its memory is compared with the caller's.
/// </remarks>
public sealed class CallerMemoryCache
{
    private readonly string _binding;
    private readonly GuestMemoryOptions? _options;
    private readonly CConvention _convention;
    private GuestMemory? _reader;
    private GuestMemory? _allocating;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <param name="options">Options for the guest memory it creates; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    /// <param name="convention">The callers' export names; <see cref="CConvention.Default"/> when null.</param>
    public CallerMemoryCache(string binding, GuestMemoryOptions? options = null, CConvention? convention = null)
    {
        _binding = binding ?? throw new ArgumentNullException(nameof(binding));
        _options = options;
        _convention = convention ?? CConvention.Default;
    }

    /// <summary>The guest memory of the instance making this import call.</summary>
    /// <param name="caller">The import's caller.</param>
    /// <param name="withAllocator">Whether the import needs the guest's <c>malloc</c>/<c>free</c> (to return a string or byte[]).</param>
    /// <exception cref="MissingExportException">The caller lacks <c>memory</c> (or the allocator, when needed).</exception>
    public GuestMemory For(Caller caller, bool withAllocator)
    {
        Memory memory = _convention.CallerMemory(caller, _binding);
        GuestMemory? cached = withAllocator ? _allocating : _reader;
        if (cached is not null && ReferenceEquals(cached.Memory, memory))
        {
            return cached;
        }

        GuestMemory created = _convention.ForCaller(memory, caller, _binding, _options, withAllocator);
        if (withAllocator)
        {
            _allocating = created;
        }
        else
        {
            _reader = created;
        }

        return created;
    }
}
