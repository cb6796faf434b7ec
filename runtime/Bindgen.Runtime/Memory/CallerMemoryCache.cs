using System;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// Remembers the <see cref="GuestMemory"/> of the instance that last called a set of host imports, so that an import
/// call only asks which memory its caller exports instead of building guest memory access each time. Generated
/// import registrations create one per <c>Define</c>.
/// </summary>
/// <remarks>
/// <para>
/// A registration defined on a linker serves every instance the linker creates, in any store, and Wasmtime's
/// <see cref="Caller"/> names neither the calling instance nor anything cheaper than its exports by name. So the
/// cache asks, on every call, which memory the caller exports, and uses its entry only when that is the memory the
/// entry was built for: the caller's memory and allocator are resolved once per instance, and a call from another
/// instance or store rebuilds the entry instead of reading the wrong memory. With the Wasmtime this runtime was
/// built against, the question is one call into Wasmtime's native library with the name encoded once, compared
/// with the memory's identity (no <see cref="Memory"/> object, no dictionary); with another version it is
/// <see cref="Caller.GetMemory(string)"/> and a comparison of the <see cref="Memory"/> objects Wasmtime hands out
/// (one per store and memory).
/// </para>
/// <para>
/// It assumes the C convention's one allocator per memory: instances that share a memory share its
/// <c>malloc</c>/<c>free</c>. A race between threads can only cause a rebuild, never a wrong entry, because an
/// entry holds its memory's identity and guest memory together and is used only after the identity is compared
/// with the caller's.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CallerMemoryCache
{
    private readonly string _binding;
    private readonly GuestMemoryOptions? _options;
    private readonly CConvention _convention;
    private readonly byte[] _memoryName;
    private Entry? _reader;
    private Entry? _allocating;
    private Entry? _boundReader;
    private Entry? _boundAllocating;
    private bool _verifyBound;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <param name="options">Options for the guest memory it creates; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    /// <param name="convention">The callers' export names; <see cref="CConvention.Default"/> when null.</param>
    public CallerMemoryCache(string binding, GuestMemoryOptions? options = null, CConvention? convention = null)
    {
        _binding = binding ?? throw new ArgumentNullException(nameof(binding));
        _options = options;
        _convention = convention ?? CConvention.Default;
        _memoryName = CallerExports.Name(_convention.Memory);
    }

    /// <summary>
    /// Whether callers' memory is identified through Wasmtime's native library (true with the Wasmtime version this
    /// runtime was built against) rather than through <see cref="Caller.GetMemory(string)"/>, which costs more per
    /// import call. Both give the same answers.
    /// </summary>
    public static bool IdentifiesCallersNatively => CallerExports.Available;

    /// <summary>The guest memory of the instance making this import call.</summary>
    /// <param name="caller">The import's caller.</param>
    /// <param name="withAllocator">Whether the import needs the guest's <c>malloc</c>/<c>free</c> (to return a string or byte[]).</param>
    /// <exception cref="MissingExportException">The caller lacks <c>memory</c> (or the allocator, when needed).</exception>
    public GuestMemory For(Caller caller, bool withAllocator)
    {
        // Bound to the one instance that imports these functions (InstanceImports): no question to Wasmtime at all.
        Entry? bound = withAllocator ? _boundAllocating : _boundReader;
        if (bound is not null && (!_verifyBound || IsBoundCaller(ref caller, bound)))
        {
            return bound.Memory;
        }

        Entry? cached = withAllocator ? _allocating : _reader;
        MemoryIdentity identity = default;
        bool identified = CallerExports.Available && CallerExports.TryFindMemory(ref caller, _memoryName, out identity);
        if (identified)
        {
            if (cached is not null && cached.Identity == identity)
            {
                return cached.Memory;
            }
        }
        else if (cached is not null && !CallerExports.Available)
        {
            // Another Wasmtime: Caller.GetMemory hands out one Memory object per store and memory.
            Memory memory = _convention.CallerMemory(caller, _binding);
            if (ReferenceEquals(cached.Memory.Memory, memory))
            {
                return cached.Memory;
            }
        }

        // A new caller (or no memory by that name, which CallerMemory reports): resolve memory and allocator once.
        var created = new Entry(
            identity,
            _convention.ForCaller(_convention.CallerMemory(caller, _binding), caller, _binding, _options, withAllocator));
        if (withAllocator)
        {
            _allocating = created;
        }
        else
        {
            _reader = created;
        }

        return created.Memory;
    }

    /// <summary>
    /// Binds the cache to the only instance that can call its imports: from now on every call uses that instance's
    /// memory (and allocator) without asking the caller. Only <see cref="InstanceImports"/> calls it, after it
    /// instantiated the module through a linker no other instantiation can use. An instance whose memory is not
    /// exported under the convention's name (an imported memory), or that lacks the allocator, stays unbound (for
    /// the allocator, it reports the missing export on the first call that needs it, as unbound caches do).
    /// </summary>
    internal void BindTo(Instance instance)
    {
        if (instance.GetMemory(_convention.Memory) is not { } memory)
        {
            return;
        }

        MemoryIdentity identity = CallerExports.Available ? CallerExports.IdentityOf(memory) : default;
        _verifyBound = (_options ?? GuestMemoryOptions.Default).CheckViews;
        _boundReader = new Entry(identity, new GuestMemory(memory, NoAllocator.Instance, _options));
        if (instance.GetFunction(_convention.Malloc)?.WrapFunc<int, int>() is not null && instance.GetFunction(_convention.Free)?.WrapAction<int>() is not null)
        {
            _boundAllocating = new Entry(identity, new GuestMemory(memory, CAllocator.FromInstance(instance, _binding, _convention), _options));
        }
    }

    /// <summary>
    /// Checked mode: whether the caller is the bound instance after all (a guest could hand its import to another
    /// instance, by re-exporting it or through a table). Anything else is reported, since unchecked it would have
    /// read the bound instance's memory.
    /// </summary>
    private bool IsBoundCaller(ref Caller caller, Entry bound)
    {
        if (CallerExports.Available)
        {
            if (CallerExports.TryFindMemory(ref caller, _memoryName, out MemoryIdentity identity) && identity == bound.Identity)
            {
                return true;
            }
        }
        else if (caller.GetMemory(_convention.Memory) is { } memory && ReferenceEquals(memory, bound.Memory.Memory))
        {
            // Another Wasmtime (or the direct paths off): Caller.GetMemory hands out one Memory object per store and memory.
            return true;
        }

        throw new ForeignCallerException(_binding);
    }

    /// <summary>One caller's guest memory and the identity of the memory it was built for.</summary>
    private sealed record Entry(MemoryIdentity Identity, GuestMemory Memory);
}
