using System;
using System.Runtime.CompilerServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// The one safety core every ABI's glue stands on (as Wasmtime's <c>LowerContext</c>/<c>LiftContext</c> are for its
/// component bindings): one instance's linear memory with its live base and length (read without Wasmtime's P/Invoke
/// layers where <see cref="DirectMemoryAccess"/> allows), overflow-safe range checks, views taken at the point of
/// use, and checked mode's snapshots. <see cref="GuestMemory"/> (the C convention), <see cref="CanonicalGuest"/> and
/// <see cref="WasmBindgenGuest"/> each hold one and add only their ABI's allocator and result protocol.
/// </summary>
internal sealed class LinearMemory
{
    private readonly DirectMemoryAccess? _direct;

    /// <summary>The largest length seen so far: a lower bound of the memory's length, which only grows.</summary>
    internal long KnownLength;

    /// <summary>Wraps <paramref name="memory"/>; <paramref name="checkViews"/> turns checked mode on.</summary>
    internal LinearMemory(Memory memory, bool checkViews)
    {
        Memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _direct = DirectMemoryAccess.For(memory);
        CheckViews = checkViews;
    }

    /// <summary>The Wasmtime memory.</summary>
    internal Memory Memory { get; }

    /// <summary>Whether checked mode is on (see <see cref="GuestMemoryOptions.CheckViews"/>).</summary>
    internal bool CheckViews { get; }

    /// <summary>The memory's base address now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal nint Base() => _direct?.Base() ?? Memory.GetPointer();

    /// <summary>The memory's length now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Length() => _direct?.Length() ?? Memory.GetLength();

    /// <summary>The memory's length now, remembered as the lower bound later checks start from.</summary>
    internal long CurrentLength() => KnownLength = Length();

    /// <summary>
    /// Checks, overflow-safe, that [<paramref name="address"/>, +<paramref name="length"/>) lies inside memory now
    /// (both read as unsigned 32-bit guest values); a range inside a length seen before needs no query.
    /// </summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The range is outside memory, overflows, or is longer than <see cref="int.MaxValue"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal GuestRange CheckRange(int address, int length, string operation)
    {
        uint unsignedLength = unchecked((uint)length);
        if (unsignedLength <= int.MaxValue && (ulong)unchecked((uint)address) + unsignedLength <= (ulong)KnownLength)
        {
            return new GuestRange(address, length);
        }

        return CheckRangeAgainstLiveLength(address, length, operation);
    }

    /// <summary>The slow path of <see cref="CheckRange(int, int, string)"/>, out of line so that the fast one stays small enough to inline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private GuestRange CheckRangeAgainstLiveLength(int address, int length, string operation) =>
        CheckRange(address, length, CurrentLength(), operation);

    /// <summary>Checks a range against <paramref name="memoryLength"/>, overflow-safe.</summary>
    internal static GuestRange CheckRange(int address, int length, long memoryLength, string operation)
    {
        uint unsignedAddress = unchecked((uint)address);
        uint unsignedLength = unchecked((uint)length);
        if (unsignedLength > int.MaxValue || (ulong)unsignedAddress + unsignedLength > (ulong)memoryLength)
        {
            throw new GuestPointerOutOfBoundsException(operation, unsignedAddress, unsignedLength, memoryLength);
        }

        return new GuestRange(address, length);
    }

    /// <summary>A bounds-checked view of [<paramref name="address"/>, +<paramref name="length"/>), taken from the live base now.</summary>
    [GuestView]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal unsafe Span<byte> View(int address, int length, string operation)
    {
        CheckRange(address, length, operation);
        return length == 0 ? Span<byte>.Empty : new Span<byte>((byte*)Base() + unchecked((uint)address), length);
    }

    /// <summary>A view of the whole memory (up to 2 GiB), taken now; it dies at the next call into the guest.</summary>
    [GuestView]
    internal unsafe Span<byte> WholeView()
    {
        nint start = Base();
        return new Span<byte>((void*)start, (int)Math.Min(CurrentLength(), int.MaxValue));
    }

    /// <summary>Records the memory's base and length for checked mode (free when it is off).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal MemorySnapshot Snapshot() => CheckViews ? TakeSnapshot() : default;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MemorySnapshot TakeSnapshot() => new(Base(), Length());

    /// <summary>In checked mode, throws <see cref="StaleViewException"/> when memory moved or grew since <paramref name="snapshot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void VerifyUnchanged(MemorySnapshot snapshot, string operation)
    {
        if (CheckViews)
        {
            VerifyUnchangedChecked(snapshot, operation);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void VerifyUnchangedChecked(MemorySnapshot snapshot, string operation)
    {
        nint baseNow = Base();
        long lengthNow = Length();
        if (baseNow != snapshot.Base || lengthNow != snapshot.Length)
        {
            throw new StaleViewException(operation, snapshot.Base, snapshot.Length, baseNow, lengthNow);
        }
    }
}
