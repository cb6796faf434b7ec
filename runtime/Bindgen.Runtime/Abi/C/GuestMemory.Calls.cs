using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// The export call protocol of docs/abi.md, sections 3, 4 and 9: the call's one guest block, its return area,
/// the result the guest hands over, and releasing both without ever hiding the call's real outcome.
/// </summary>
public sealed partial class GuestMemory
{
    /// <summary>
    /// The value the host fills a return area with before the call (both fields 0xFFFFFFFF). No valid result has
    /// it, since a length is at most <see cref="int.MaxValue"/>: finding it after the call means the guest did not
    /// write its return area.
    /// </summary>
    internal const uint UnwrittenReturnArea = 0xFFFF_FFFF;

    /// <summary>
    /// Allocates the call's one guest block and checks, overflow-safe, that it lies entirely inside memory before
    /// any offset inside it is computed or written. A block that does not fit is handed back to the allocator.
    /// With a scratch block (<see cref="GuestMemoryOptions.ScratchBlock"/>), a block of at most
    /// <see cref="ScratchBlockThreshold"/> bytes is a region of it instead, and no allocator is called; such
    /// regions are a stack, so every block must be given back with <see cref="Release{T}"/>,
    /// <see cref="Release(GuestRange, GuestRange, string)"/> or <see cref="ReleaseAfterFailure"/> on every path, the
    /// last one taken first, as generated code does.
    /// </summary>
    /// <param name="size">The block's size in bytes.</param>
    /// <param name="operation">The export the block is for, named in errors.</param>
    /// <returns>The block's guest address; every offset up to <paramref name="size"/> from it is inside memory.</returns>
    /// <exception cref="GuestAllocationException">The guest allocator returned 0.</exception>
    /// <exception cref="GuestPointerOutOfBoundsException">The block does not fit in memory (for example it wraps around 2^32).</exception>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public int AllocateBlock(int size, string operation)
    {
        if (UsesScratchBlock && size > 0 && size <= ScratchBlockThreshold)
        {
            int region = TakeScratch(size, operation);
            if (region != 0)
            {
                return region; // inside the scratch block, which was checked whole when allocated
            }
        }

        int block = Allocate(size, operation, 8);
        if (_scratch != 0 && Overlaps(unchecked((uint)block), unchecked((uint)size), unchecked((uint)_scratch), unchecked((uint)_scratchSize)))
        {
            // The allocator handed out memory the host still holds: using it would overwrite running calls'
            // arguments, and releasing it would be mistaken for giving back a scratch region.
            var failure = new GuestProtocolException(operation, $"its allocator returned [0x{unchecked((uint)block):X8}, +{size}), overlapping the host's live scratch block [0x{unchecked((uint)_scratch):X8}, +{_scratchSize}) (docs/abi.md section 3).");
            ReleaseAfterFailure(failure, new GuestRange(block, size), default, operation);
            throw failure;
        }

        ulong end = (ulong)unchecked((uint)block) + unchecked((uint)size);
        if (end <= (ulong)KnownLength)
        {
            return block; // inside a length already seen: memory never shrinks
        }

        long memoryLength = CurrentLength();
        if (end > (ulong)memoryLength)
        {
            var failure = new GuestPointerOutOfBoundsException(operation, unchecked((uint)block), unchecked((uint)size), memoryLength);
            ReleaseAfterFailure(failure, default, new GuestRange(block, size), operation);
            throw failure;
        }

        return block;
    }

    /// <summary>
    /// Checks the call's size, then allocates its one guest block as <see cref="AllocateBlock"/> does, and returns it
    /// as a range: generated code keeps the range for the whole call, so the return area (the block's first bytes),
    /// the checks on the result and the release all name the same block.
    /// </summary>
    /// <param name="size">The block's size in bytes, summed in 64 bits so that no argument length can wrap it.</param>
    /// <param name="operation">The export the block is for, named in errors.</param>
    /// <returns>The block; every offset up to its length from its address is inside memory.</returns>
    /// <exception cref="ArgumentException">The arguments need more than one guest allocation can hold.</exception>
    /// <exception cref="GuestAllocationException">The guest allocator returned 0.</exception>
    /// <exception cref="GuestPointerOutOfBoundsException">The block does not fit in memory.</exception>
    [MayGrowMemory]
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a forwarder: the call costs what AllocateBlock costs
    [EditorBrowsable(EditorBrowsableState.Never)]
    public GuestRange AllocateCallBlock(long size, string operation)
    {
        int checkedSize = BlockSize(size, operation);
        return new GuestRange(AllocateBlock(checkedSize, operation), checkedSize);
    }

    /// <summary>
    /// Fills a return area the host allocated with <see cref="UnwrittenReturnArea"/>, through a fresh view, so that
    /// <see cref="ReadReturnArea(int, int, int, string)"/> can tell whether the guest wrote it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void PrepareReturnArea(int returnArea, string operation)
    {
        Span<byte> area = GetView(returnArea, ReturnAreaSize, operation);
        area.Fill(0xFF);
    }

    /// <summary>Checks that a guest-supplied return area lies inside memory, before anything is done for the call.</summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The return area is outside memory.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void CheckReturnArea(int returnArea, string operation) => CheckRange(returnArea, ReturnAreaSize, operation);

    /// <summary>
    /// Reads a result's (pointer, length) pair from an 8-byte return area the host allocated, and checks it against
    /// guest memory. Without the call's block, only the return area itself is protected against being returned;
    /// generated code uses <see cref="ReadReturnArea(int, int, int, string)"/>.
    /// </summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The result range is outside memory.</exception>
    /// <exception cref="GuestProtocolException">The guest did not write the area, or returned (0, len &gt; 0) or the area itself.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public GuestRange ReadReturnArea(int returnArea, string operation) =>
        ReadReturnArea(returnArea, returnArea, ReturnAreaSize, operation);

    /// <summary>
    /// Reads a result's (pointer, length) pair from the return area at the start of the call's block and checks it:
    /// the guest must have written it, a null pointer must come with length 0, the range must lie inside memory,
    /// and it must not touch the call's own block (which the host frees itself: returning it would make the host
    /// read its own arguments and free them twice). (0, 0) is the valid empty result. See docs/abi.md.
    /// </summary>
    /// <param name="returnArea">The return area's guest address.</param>
    /// <param name="block">The call's block, which holds the return area and the argument buffers.</param>
    /// <param name="blockSize">The block's size in bytes.</param>
    /// <param name="operation">The export, named in errors.</param>
    /// <returns>The result's range, now owned by the host.</returns>
    /// <exception cref="GuestPointerOutOfBoundsException">The result range is outside memory.</exception>
    /// <exception cref="GuestProtocolException">The guest broke the protocol in one of the ways above.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public GuestRange ReadReturnArea(int returnArea, int block, int blockSize, string operation) =>
        ReadOwnedResult(returnArea, 1, block, blockSize, operation);

    /// <summary>
    /// Reads an array result's (pointer, element count) pair from the return area at the start of the call's block,
    /// with the checks of <see cref="ReadReturnArea(int, int, int, string)"/>; the range returned is in bytes.
    /// </summary>
    /// <param name="returnArea">The return area's guest address.</param>
    /// <param name="elementSize">The size of one element in bytes.</param>
    /// <param name="block">The call's block, which holds the return area and the argument buffers.</param>
    /// <param name="blockSize">The block's size in bytes.</param>
    /// <param name="operation">The export, named in errors.</param>
    /// <exception cref="GuestPointerOutOfBoundsException">The elements are not all inside guest memory.</exception>
    /// <exception cref="GuestProtocolException">The guest broke the protocol.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public GuestRange ReadArrayReturnArea(int returnArea, int elementSize, int block, int blockSize, string operation) =>
        ReadOwnedResult(returnArea, elementSize, block, blockSize, operation);

    /// <summary>
    /// Reads a result's (pointer, length) pair from the return area at the start of <paramref name="block"/>, with the
    /// checks of <see cref="ReadReturnArea(int, int, int, string)"/>.
    /// </summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The result range is outside memory.</exception>
    /// <exception cref="GuestProtocolException">The guest broke the protocol.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public GuestRange ReadReturnArea(GuestRange block, string operation) =>
        ReadOwnedResult(block.Address, 1, block.Address, block.Length, operation);

    /// <summary>
    /// Reads an array result's (pointer, element count) pair from the return area at the start of
    /// <paramref name="block"/>, with the checks of <see cref="ReadReturnArea(int, int, int, string)"/>; the range
    /// returned is in bytes.
    /// </summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The elements are not all inside guest memory.</exception>
    /// <exception cref="GuestProtocolException">The guest broke the protocol.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public GuestRange ReadArrayReturnArea(GuestRange block, int elementSize, string operation) =>
        ReadOwnedResult(block.Address, elementSize, block.Address, block.Length, operation);

    private unsafe GuestRange ReadOwnedResult(int returnArea, int elementSize, int block, int blockSize, string operation)
    {
        // No guest call happens in here. Both checks start from the length already known (memory never shrinks) and
        // query the live length only for a range beyond it, so a result inside known memory costs one query, the base.
        CheckRange(returnArea, ReturnAreaSize, operation);
        var area = new ReadOnlySpan<byte>((byte*)LiveBase() + unchecked((uint)returnArea), ReturnAreaSize);
        uint address = BinaryPrimitives.ReadUInt32LittleEndian(area);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(area.Slice(4));

        if (address == UnwrittenReturnArea && count == UnwrittenReturnArea)
        {
            throw new GuestProtocolException(operation, "it did not write its return area (it still holds the host's 0xFFFFFFFF, 0xFFFFFFFF). "
                + "Every successful return must write the result's pointer and length, (0, 0) for an empty result; see docs/abi.md section 4.");
        }

        if (address == 0 && count != 0)
        {
            throw new GuestProtocolException(operation, $"it returned a null pointer with length {count}; an empty result is (0, 0), and any other result points at memory the guest allocated (docs/abi.md section 4).");
        }

        GuestRange result = ElementRange(unchecked((int)address), unchecked((int)count), elementSize, operation);
        uint length = unchecked((uint)result.Length);
        if (address != 0 && Overlaps(address, length, unchecked((uint)block), unchecked((uint)blockSize)))
        {
            throw new GuestProtocolException(operation, $"its result [0x{address:X8}, +{length}) lies in the call's own block [0x{unchecked((uint)block):X8}, +{unchecked((uint)blockSize)}), "
                + "the return area and arguments the host allocated and frees itself; the host would read its own memory and free it twice (docs/abi.md section 6).");
        }

        if (address != 0 && _scratch != 0 && Overlaps(address, length, unchecked((uint)_scratch), unchecked((uint)_scratchSize)))
        {
            throw new GuestProtocolException(operation, $"its result [0x{address:X8}, +{length}) lies in the host's scratch block [0x{unchecked((uint)_scratch):X8}, +{unchecked((uint)_scratchSize)}), "
                + "which the host keeps for its calls' arguments; freeing the result would free memory the host still uses (docs/abi.md sections 3 and 6).");
        }

        return result;
    }

    /// <summary>
    /// Frees what a successful call holds: the result the guest handed over, then the call's block. Returns
    /// <paramref name="result"/>; when a free fails, throws <see cref="GuestCleanupException"/> carrying it.
    /// </summary>
    /// <typeparam name="T">The binding method's result type.</typeparam>
    /// <param name="result">The call's result, already copied out of guest memory.</param>
    /// <param name="owned">The guest result the host owns, or default when none.</param>
    /// <param name="block">The call's block, or default when none.</param>
    /// <param name="operation">The export, named in errors.</param>
    /// <exception cref="GuestCleanupException">A free failed; the exception carries the result.</exception>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T Release<T>(T result, GuestRange owned, GuestRange block, string operation)
    {
        List<Exception>? failures = FreeAll(owned, block, operation, null);
        return failures is null ? result : throw new GuestCleanupException(operation, result, failures);
    }

    /// <summary>Frees what a successful call without a result holds; see <see cref="Release{T}"/>.</summary>
    /// <exception cref="GuestCleanupException">A free failed.</exception>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Release(GuestRange owned, GuestRange block, string operation)
    {
        List<Exception>? failures = FreeAll(owned, block, operation, null);
        if (failures is not null)
        {
            throw new GuestCleanupException(operation, null, failures);
        }
    }

    /// <summary>
    /// Frees what a failed call holds, never throwing: <paramref name="failure"/> is the call's real outcome, and a
    /// free that fails as well is recorded on it (see <see cref="GuestFailures.CleanupFailuresOf"/>), not raised.
    /// </summary>
    /// <param name="failure">The exception the call is failing with; the caller rethrows it.</param>
    /// <param name="owned">The guest result the host owns, or default when none.</param>
    /// <param name="block">The call's block, or default when none.</param>
    /// <param name="operation">The export, named in errors.</param>
    [MayGrowMemory]
    internal void ReleaseAfterFailure(Exception failure, GuestRange owned, GuestRange block, string operation)
    {
        if (failure is null)
        {
            throw new ArgumentNullException(nameof(failure));
        }

        List<Exception>? failures = FreeAll(owned, block, operation, failure);
        if (failures is not null)
        {
            var all = new List<Exception>(GuestFailures.CleanupFailuresOf(failure));
            all.AddRange(failures);
            failure.Data[GuestFailures.CleanupFailuresKey] = all.AsReadOnly();
        }
    }

    /// <summary>
    /// The whole failure path of a call that holds guest memory, for generated code's one <c>catch</c>: a Wasmtime
    /// failure (a trap, exhausted fuel, a cancellation, a failing host import) becomes Bindgen's exception naming the
    /// export (<see cref="GuestFailures.FromWasmtime"/>); then what the call holds is freed as
    /// <see cref="ReleaseAfterFailure"/> frees it, a failing free recorded on the exception, never replacing it. A
    /// Wasmtime failure's exception is returned for the caller to throw; any other is rethrown here, its stack trace
    /// kept, so the failure is reported where it happened.
    /// </summary>
    /// <param name="failure">The exception the call's <c>try</c> caught.</param>
    /// <param name="owned">The guest result the host owns, or default when none.</param>
    /// <param name="block">The call's block, or default when none.</param>
    /// <param name="operation">The export, named in errors.</param>
    /// <returns>The exception to throw in place of a <see cref="WasmtimeException"/>.</returns>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Exception CallFailed(Exception failure, GuestRange owned, GuestRange block, string operation)
    {
        if (failure is null)
        {
            throw new ArgumentNullException(nameof(failure));
        }

        Exception outcome = failure is WasmtimeException wasmtime ? GuestFailures.FromWasmtime(operation, wasmtime) : failure;
        ReleaseAfterFailure(outcome, owned, block, operation);
        if (ReferenceEquals(outcome, failure))
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return outcome;
    }

    /// <summary>
    /// Frees the owned result, then the block; collects failures instead of stopping at the first. The frees run in
    /// the store's release scope, so a call stopped by exhausted fuel, a passed deadline or a cancellation still frees
    /// what it holds instead of leaking it once per interrupted call. Inlined with the direct <c>free</c>: the common
    /// release (a scratch block popped, one result freed) is one frame under the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private List<Exception>? FreeAll(GuestRange owned, GuestRange block, string operation, Exception? failure)
    {
        if (block.Address != 0 && InScratch(block.Address))
        {
            // A scratch region is given back without calling the guest, so it needs no release scope and cannot fail.
            PopScratch(block.Address);
            block = default;
        }

        if (owned.Address == 0 && block.Address == 0)
        {
            return null;
        }

        if (Bounds is { } bounds && bounds.NeedsReleaseScope(failure))
        {
            return FreeAllInScope(bounds, owned, block, operation, failure);
        }

        List<Exception>? failures = null;
        FreeCollecting(owned, 1, operation, ref failures);
        FreeCollecting(block, 8, operation, ref failures);
        return failures;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private List<Exception>? FreeAllInScope(CallBounds bounds, GuestRange owned, GuestRange block, string operation, Exception? failure)
    {
        List<Exception>? failures = null;
        using (bounds.BeginRelease(failure))
        {
            FreeCollecting(owned, 1, operation, ref failures);
            FreeCollecting(block, 8, operation, ref failures);
        }

        return failures;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FreeCollecting(GuestRange range, int alignment, string operation, ref List<Exception>? failures)
    {
        if (range.Address == 0)
        {
            return;
        }

        if (_directFree is { } direct)
        {
            // The guest's free itself: the same native call the allocator makes, its failure returned, not thrown.
            if (direct.Free(range.Address, operation) is { } failed)
            {
                (failures ??= new List<Exception>()).Add(failed);
            }

            return;
        }

        FreeThroughAllocator(range, alignment, operation, ref failures);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FreeThroughAllocator(GuestRange range, int alignment, string operation, ref List<Exception>? failures)
    {
        try
        {
            Free(range.Address, range.Length, operation, alignment);
        }
        catch (Exception e)
        {
            (failures ??= new List<Exception>()).Add(e);
        }
    }

    /// <summary>Whether [address, +length) touches [start, +size); an empty range touches it when it starts inside.</summary>
    private static bool Overlaps(uint address, uint length, uint start, uint size)
    {
        ulong end = (ulong)address + Math.Max(length, 1u);
        return size != 0 && address < (ulong)start + size && start < end;
    }
}
