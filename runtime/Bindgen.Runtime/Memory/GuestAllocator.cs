using System;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// A guest's allocator convention: how the host asks the guest for memory and gives it back.
/// Every call runs guest code and so may grow (and move) guest memory.
/// </summary>
[MayGrowMemory]
public abstract class GuestAllocator
{
    /// <summary>Allocates <paramref name="size"/> bytes in the guest; returns the guest address, or 0 when the guest is out of memory.</summary>
    /// <param name="size">Bytes to allocate; greater than zero.</param>
    /// <param name="alignment">Required alignment in bytes (a power of two).</param>
    public abstract int Allocate(int size, int alignment);

    /// <summary>Returns an allocation to the guest.</summary>
    /// <param name="address">An address returned by <see cref="Allocate"/> (or received from the guest as owned).</param>
    /// <param name="size">The allocation's size, for conventions that need it.</param>
    /// <param name="alignment">The allocation's alignment, for conventions that need it.</param>
    public abstract void Free(int address, int size, int alignment);
}

/// <summary>The allocator of guest memory that is only read and written, never allocated in.</summary>
internal sealed class NoAllocator : GuestAllocator
{
    public static readonly NoAllocator Instance = new();

    public override int Allocate(int size, int alignment) =>
        throw new InvalidOperationException("This guest memory was created without an allocator.");

    public override void Free(int address, int size, int alignment) =>
        throw new InvalidOperationException("This guest memory was created without an allocator.");
}
