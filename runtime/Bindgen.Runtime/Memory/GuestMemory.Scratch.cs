using System;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// The scratch block of docs/abi.md section 3: one long-lived guest allocation that small calls take their block
/// from, stack-wise, instead of a malloc and a free per call. Only offsets are kept; views are still taken fresh.
/// </summary>
public sealed partial class GuestMemory
{
    /// <summary>
    /// The largest call block, in bytes, taken from the scratch block; larger calls allocate their own block with
    /// the guest's allocator, as without a scratch block. Also the scratch block's largest size.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public const int ScratchBlockThreshold = 16 * 1024;

    /// <summary>The scratch block's first size: enough for a few nested small calls.</summary>
    private const int InitialScratchSize = 1024;

    /// <summary>The scratch block's guest address, 0 when there is none.</summary>
    private int _scratch;

    /// <summary>The scratch block's size in bytes; it was checked whole against memory when allocated.</summary>
    private int _scratchSize;

    /// <summary>The bytes of the scratch block in use by calls still running (outermost first).</summary>
    private int _scratchTop;

    /// <summary>Set while the scratch block is being replaced, so that a call made from inside the guest's allocator falls back.</summary>
    private bool _growingScratch;

    /// <summary>
    /// Set when the guest's allocator failed to give the scratch block when the binding was created: the binding then
    /// allocates a block per call, so that the allocator's failure shows, typed, at the call that needs memory.
    /// </summary>
    private bool _scratchRefused;

    /// <summary>Whether this memory keeps a scratch block (see <see cref="GuestMemoryOptions.ScratchBlock"/>).</summary>
    internal bool UsesScratchBlock { get; }

    /// <summary>
    /// Allocates the scratch block when the binding is created, after the module's initializer, so that the guest's
    /// live allocations are the same before and after every call. An allocator that fails here (returns 0, traps,
    /// or returns a block outside memory) is not an error of the binding: it then allocates a block per call.
    /// A store whose epoch deadline has already passed (an engine with epoch interruption before any deadline is set)
    /// gets the block all the same: with <paramref name="store"/>, it is allocated with the budget the frees after an
    /// interrupted call get, and the deadline is left as it was.
    /// </summary>
    [MayGrowMemory]
    internal void CreateScratchBlock(string operation, Store? store)
    {
        if (!UsesScratchBlock || _scratch != 0)
        {
            return;
        }

        try
        {
            ReplaceScratch(InitialScratchSize, operation);
        }
        catch (GuestTrapException interrupted) when (store is not null && interrupted.TrapCode == TrapCode.Interrupt)
        {
            try
            {
                using (CallBounds.For(store).BeginRelease(interrupted))
                {
                    ReplaceScratch(InitialScratchSize, operation);
                }
            }
            catch (BindgenException)
            {
                _scratchRefused = true;
            }
        }
        catch (BindgenException)
        {
            _scratchRefused = true;
        }
    }

    /// <summary>
    /// The number of guest allocations this memory holds between calls: 1 while a scratch block exists, else 0.
    /// Leak checks that count the guest's live allocations subtract it.
    /// </summary>
    public int HeldAllocations => _scratch != 0 ? 1 : 0;

    /// <summary>
    /// Frees the scratch block with the guest's allocator, if there is one; the next small call allocates a new one.
    /// Only between calls: a call that is running still uses its region.
    /// </summary>
    /// <param name="operation">Named in errors.</param>
    /// <exception cref="InvalidOperationException">A call is still using the scratch block.</exception>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ReleaseScratchBlock(string operation)
    {
        if (_scratchTop != 0 || _growingScratch)
        {
            throw new InvalidOperationException($"{operation}: the scratch block is in use by a running call.");
        }

        int block = _scratch;
        int size = _scratchSize;
        _scratch = 0;
        _scratchSize = 0;
        Free(block, size, operation, 8);
    }

    /// <summary>
    /// Takes a region of <paramref name="size"/> bytes (rounded up to 16, so that every region starts as aligned as
    /// the block, as a block of the guest's allocator would: the guest copies arguments fastest from there) from the
    /// top of the scratch block, replacing
    /// the block with a bigger one when no call uses it. Returns 0 when the region does not fit beside the regions of
    /// the calls still running: that call then allocates its own block.
    /// </summary>
    [MayGrowMemory]
    private int TakeScratch(int size, string operation)
    {
        int aligned = (size + 15) & ~15;
        if (_growingScratch || _scratchRefused)
        {
            return 0;
        }

        if (_scratchTop == 0 && aligned > _scratchSize)
        {
            ReplaceScratch(Math.Min(ScratchBlockThreshold, Math.Max(aligned, Math.Max(InitialScratchSize, _scratchSize * 2))), operation);
        }

        if (_scratchSize - _scratchTop < aligned)
        {
            return 0;
        }

        int region = unchecked(_scratch + _scratchTop);
        _scratchTop += aligned;
        return region;
    }

    /// <summary>
    /// Frees the unused scratch block and allocates one of <paramref name="size"/> bytes, checked whole against
    /// memory once: memory never shrinks, so every region taken from it later lies inside memory.
    /// </summary>
    [MayGrowMemory]
    private void ReplaceScratch(int size, string operation)
    {
        _growingScratch = true;
        try
        {
            // Forget the old block before freeing it: if the free fails, the host must not hand it out again.
            int old = _scratch;
            int oldSize = _scratchSize;
            _scratch = 0;
            _scratchSize = 0;
            Free(old, oldSize, operation, 8);

            int block = Allocate(size, operation, 8);
            ulong end = (ulong)unchecked((uint)block) + unchecked((uint)size);
            long memoryLength = end <= (ulong)KnownLength ? KnownLength : CurrentLength();
            if (end > (ulong)memoryLength)
            {
                var failure = new GuestPointerOutOfBoundsException(operation, unchecked((uint)block), unchecked((uint)size), memoryLength);
                ReleaseAfterFailure(failure, default, new GuestRange(block, size), operation);
                throw failure;
            }

            _scratch = block;
            _scratchSize = size;
        }
        finally
        {
            _growingScratch = false;
        }
    }

    /// <summary>Whether <paramref name="address"/> lies inside the scratch block.</summary>
    private bool InScratch(int address) =>
        _scratch != 0 && unchecked((uint)address - (uint)_scratch) < unchecked((uint)_scratchSize);

    /// <summary>
    /// Gives a region back to the scratch block. Calls end in the reverse order they started (a nested call ends
    /// before the call it runs in), so the region is the top one and everything from it up becomes free.
    /// </summary>
    private void PopScratch(int region) => _scratchTop = unchecked((int)((uint)region - (uint)_scratch));
}
