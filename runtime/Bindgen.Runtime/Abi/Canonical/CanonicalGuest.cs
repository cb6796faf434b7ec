using System;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// One instance's memory and <c>cabi_realloc</c> under the canonical ABI, as the generated glue uses them: it
/// allocates every buffer of a call's value tree first (<see cref="Realloc"/>, which may grow and move memory),
/// and only then takes one view of the whole memory (<see cref="View"/>) to write or read, before the next call
/// into the guest.
/// </summary>
[MayGrowMemory]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CanonicalGuest
{
    /// <summary>The allocator every canonical-ABI module exports.</summary>
    public const string ReallocExport = "cabi_realloc";

    /// <summary><c>cabi_realloc(old_ptr, old_size, align, new_size) -&gt; ptr</c>.</summary>
    public const string ReallocSignature = "(i32, i32, i32, i32) -> i32";

    /// <summary>The shared safety core: live base and length, range checks, views, checked-mode snapshots.</summary>
    private readonly LinearMemory? _linear;
    private readonly Func<int, int, int, int, int>? _realloc;
    private CanonicalPlan? _spare;

    /// <summary>
    /// Looks up <c>memory</c> and <c>cabi_realloc</c> when the binding needs them, recording problems in
    /// <paramref name="exports"/> (reported together by <see cref="ExportResolver.Complete"/>).
    /// </summary>
    /// <param name="exports">The binding's resolver.</param>
    /// <param name="needsMemory">Whether any method passes a value through memory.</param>
    /// <param name="needsRealloc">Whether any method allocates in the guest (strings, lists, spilled arguments).</param>
    /// <param name="options">Options; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    public CanonicalGuest(ExportResolver exports, bool needsMemory, bool needsRealloc, GuestMemoryOptions? options = null)
    {
        if (exports is null)
        {
            throw new ArgumentNullException(nameof(exports));
        }

        bool checkViews = (options ?? GuestMemoryOptions.Default).CheckViews;
        Memory? memory = needsMemory || needsRealloc ? exports.Memory() : null;
        _linear = memory is null ? null : new LinearMemory(memory, checkViews);
        CheckViews = checkViews;
        _realloc = needsRealloc ? exports.CheckedFunction(ReallocExport, ReallocSignature)?.WrapFunc<int, int, int, int, int>() : null;
    }

    private CanonicalGuest(Memory memory, Func<int, int, int, int, int>? realloc, GuestMemoryOptions? options)
    {
        CheckViews = (options ?? GuestMemoryOptions.Default).CheckViews;
        _linear = new LinearMemory(memory, CheckViews);
        _realloc = realloc;
    }

    /// <summary>
    /// The memory and <c>cabi_realloc</c> of the instance calling a host import. Valid only during that call.
    /// </summary>
    /// <param name="caller">The import's caller.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <param name="needsRealloc">Whether the import lowers a result that needs guest blocks.</param>
    /// <param name="options">Options; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    /// <exception cref="MissingExportException">The caller exports no <c>memory</c> (or no <c>cabi_realloc</c> when needed).</exception>
    /// <remarks>
    /// The last caller's guest is remembered per thread, keyed on the identity of the memory the caller exports (one
    /// native lookup per call, see <see cref="CallerMemoryCache"/>), so a run of calls from one instance resolves its
    /// <c>cabi_realloc</c> once. Like the C convention's cache it assumes one allocator per memory.
    /// </remarks>
    public static CanonicalGuest ForCaller(Caller caller, string binding, bool needsRealloc, GuestMemoryOptions? options = null)
    {
        if (!CallerExports.Available || !CallerExports.TryFindMemory(ref caller, MemoryName, out MemoryIdentity identity))
        {
            return Resolve(caller, binding, needsRealloc, options);
        }

        LastCaller? last = t_lastCaller;
        if (last is not null && last.Memory == identity && last.NeedsRealloc == needsRealloc && ReferenceEquals(last.Options, options))
        {
            return last.Guest;
        }

        CanonicalGuest guest = Resolve(caller, binding, needsRealloc, options);
        t_lastCaller = new LastCaller(identity, needsRealloc, options, guest);
        return guest;
    }

    private static CanonicalGuest Resolve(Caller caller, string binding, bool needsRealloc, GuestMemoryOptions? options)
    {
        Memory memory = caller.GetMemory("memory") ?? throw new MissingExportException(binding, "memory", "memory");
        Func<int, int, int, int, int>? realloc = null;
        if (needsRealloc)
        {
            Function? function = caller.GetFunction(ReallocExport);
            realloc = DirectExportCalls.Faster(function!, function?.WrapFunc<int, int, int, int, int>())
                ?? throw new MissingExportException(binding, ReallocExport, "function");
        }

        return new CanonicalGuest(memory, realloc, options);
    }

    private static readonly byte[] MemoryName = CallerExports.Name("memory");

    /// <summary>The guest of the last import call on this thread, and what it was resolved for.</summary>
    [ThreadStatic]
    private static LastCaller? t_lastCaller;

    private sealed record LastCaller(MemoryIdentity Memory, bool NeedsRealloc, GuestMemoryOptions? Options, CanonicalGuest Guest);

    /// <summary>Whether checked mode is on (see <see cref="GuestMemoryOptions.CheckViews"/>).</summary>
    public bool CheckViews { get; }

    /// <summary>
    /// Looks up an optional export, such as <c>cabi_post_*</c>: null when the module does not export it; when it
    /// does, its signature is checked like any other.
    /// </summary>
    public static T? OptionalFunction<T>(ExportResolver exports, string exportName, string expectedSignature, Func<Function, T?> wrap)
        where T : class
    {
        if (exports is null)
        {
            throw new ArgumentNullException(nameof(exports));
        }

        return exports.Instance.GetFunction(exportName) is null ? null : exports.Function(exportName, expectedSignature, wrap);
    }

    /// <summary>
    /// <c>cabi_realloc(0, 0, alignment, size)</c>: a new guest block for an argument. Checks that the guest
    /// returned an aligned block inside memory (memory never shrinks, so it stays inside until the call).
    /// </summary>
    /// <exception cref="GuestTrapException">The allocator trapped.</exception>
    /// <exception cref="GuestProtocolException">The block is misaligned.</exception>
    /// <exception cref="GuestPointerOutOfBoundsException">The block lies outside memory.</exception>
    [MayGrowMemory]
    public int Realloc(int alignment, int size, string operation)
    {
        Func<int, int, int, int, int> realloc = _realloc ?? throw new InvalidOperationException("This binding did not look up cabi_realloc.");
        int address;
        try
        {
            address = realloc(0, 0, alignment, size);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }

        if ((unchecked((uint)address) & (uint)(alignment - 1)) != 0)
        {
            throw new GuestProtocolException(operation, $"cabi_realloc returned 0x{unchecked((uint)address):X8}, which is not {alignment}-byte aligned");
        }

        _linear!.CheckRange(address, size, operation);
        return address;
    }

    /// <summary>
    /// Allocates every block <paramref name="plan"/> measured, in order, with <c>cabi_realloc</c>: called once the
    /// whole argument (or result) tree is measured and checked, so a refused value costs no guest call.
    /// </summary>
    public void Allocate(CanonicalPlan plan, string operation)
    {
        if (plan is null)
        {
            throw new ArgumentNullException(nameof(plan));
        }

        plan.AllocateAll(this, operation);
    }

    /// <summary>A plan to record one call's allocations in; give it back with <see cref="Return"/>.</summary>
    public CanonicalPlan Rent()
    {
        // Reused across calls; a re-entrant call (an import that calls back in) finds none and gets its own.
        CanonicalPlan plan = _spare ?? new CanonicalPlan();
        _spare = null;
        plan.Reset();
        return plan;
    }

    /// <summary>Gives back a plan from <see cref="Rent"/>.</summary>
    public void Return(CanonicalPlan plan) => _spare = plan;

    /// <summary>
    /// A view of the whole memory, taken now. It dies at the next call into the guest: the glue takes it after the
    /// last allocation and drops it before the call. Memory past 2 GiB is not visible through it.
    /// </summary>
    [GuestView]
    public Span<byte> View() => _linear!.WholeView();

    /// <summary>Records the memory's base and length for checked mode (free when it is off).</summary>
    public MemorySnapshot Snapshot() => _linear!.Snapshot();

    /// <summary>In checked mode, throws <see cref="StaleViewException"/> when memory moved or grew since <paramref name="snapshot"/>.</summary>
    public void VerifyUnchanged(MemorySnapshot snapshot, string operation) => _linear!.VerifyUnchanged(snapshot, operation);
}

/// <summary>
/// The guest blocks of one call, in tree order: the measuring pass records each block's size with
/// <see cref="Measure"/> (checking every value, before any guest call), <see cref="CanonicalGuest.Allocate"/> then
/// allocates them all, and the write pass walks the tree in the same order, taking each block back with <see cref="Next"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CanonicalPlan
{
    private int[] _addresses = new int[8];
    private int[] _lengths = new int[8];
    private int[] _alignments = new int[8];
    private int[] _sizes = new int[8];
    private int _count;
    private int _next;

    /// <summary>Forgets every block.</summary>
    public void Reset()
    {
        _count = 0;
        _next = 0;
    }

    /// <summary>Records a block to allocate: its alignment and byte size, and the element or byte count it holds.</summary>
    public void Measure(int alignment, int size, int length)
    {
        if (_count == _addresses.Length)
        {
            Array.Resize(ref _addresses, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
            Array.Resize(ref _alignments, _count * 2);
            Array.Resize(ref _sizes, _count * 2);
        }

        _alignments[_count] = alignment;
        _sizes[_count] = size;
        _lengths[_count] = length;
        _count++;
    }

    /// <summary>Allocates every measured block in order through <paramref name="guest"/>'s <c>cabi_realloc</c>.</summary>
    internal void AllocateAll(CanonicalGuest guest, string operation)
    {
        for (int i = 0; i < _count; i++)
        {
            _addresses[i] = guest.Realloc(_alignments[i], _sizes[i], operation);
        }
    }

    /// <summary>The next block of the write pass.</summary>
    /// <exception cref="InvalidOperationException">The write pass took more blocks than were allocated (a generator bug).</exception>
    public int Next(out int length)
    {
        if (_next >= _count)
        {
            throw new InvalidOperationException("The write pass took more guest blocks than the allocation pass made.");
        }

        length = _lengths[_next];
        return _addresses[_next++];
    }
}
