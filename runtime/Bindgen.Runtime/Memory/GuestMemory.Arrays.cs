using System;
using System.Runtime.InteropServices;

namespace Bindgen;

/// <summary>Copies of arrays of primitive elements (little-endian, as wasm stores them) and the block layout they need.</summary>
public sealed partial class GuestMemory
{
    /// <summary>
    /// The bytes <paramref name="count"/> elements of <paramref name="elementSize"/> bytes take, checked to fit one
    /// guest allocation.
    /// </summary>
    /// <exception cref="ArgumentException">The elements need more than <see cref="int.MaxValue"/> bytes.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int ByteLength(int count, int elementSize, string operation)
    {
        long bytes = (long)count * elementSize;
        return bytes <= int.MaxValue
            ? (int)bytes
            : throw new ArgumentException($"{operation}: {count} elements of {elementSize} bytes need {bytes} bytes of guest memory, more than one guest allocation can hold.");
    }

    /// <summary>Rounds <paramref name="offset"/> up to a multiple of <paramref name="alignment"/> (a power of two).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static long AlignUp(long offset, int alignment) => (offset + (alignment - 1)) & ~(long)(alignment - 1);

    /// <summary>Copies <paramref name="source"/> into guest memory at <paramref name="address"/> through a fresh view.</summary>
    public void Write<T>(int address, ReadOnlySpan<T> source, string operation)
        where T : unmanaged
    {
        if (source.IsEmpty)
        {
            return;
        }

        // Wasmtime runs only on little-endian hosts, where .NET's layout of T is wasm's.
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(source);
        MemorySnapshot snapshot = Snapshot();
        bytes.CopyTo(GetView(address, bytes.Length, operation));
        VerifyUnchanged(snapshot, operation);
        TelemetryChecks.Copied(bytes.Length, toGuest: true);
    }

    /// <summary>Copies guest memory at <paramref name="address"/> into <paramref name="destination"/> through a fresh view.</summary>
    public void ReadInto<T>(int address, Span<T> destination, string operation)
        where T : unmanaged
    {
        if (destination.IsEmpty)
        {
            return;
        }

        Span<byte> bytes = MemoryMarshal.AsBytes(destination);
        MemorySnapshot snapshot = Snapshot();
        GetView(address, bytes.Length, operation).CopyTo(bytes);
        VerifyUnchanged(snapshot, operation);
        TelemetryChecks.Copied(bytes.Length, toGuest: false);
        if (typeof(T) == typeof(bool))
        {
            // C's _Bool is one byte and any non-zero byte is true; a .NET bool must be 0 or 1 to compare as true.
            foreach (ref byte value in bytes)
            {
                value = value != 0 ? (byte)1 : (byte)0;
            }
        }
    }

    /// <summary>
    /// Copies one value (a primitive, an enum or a blittable struct laid out as C lays it out) into guest memory at
    /// <paramref name="address"/> through a fresh view: an out-parameter's slot, a struct passed by pointer.
    /// </summary>
    public void WriteValue<T>(int address, in T value, string operation)
        where T : unmanaged =>
        Write<T>(address, MemoryMarshal.CreateReadOnlySpan(ref System.Runtime.CompilerServices.Unsafe.AsRef(in value), 1), operation);

    /// <summary>Reads one value at <paramref name="address"/> through a fresh, bounds-checked view.</summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The value is not inside guest memory.</exception>
    public unsafe T ReadValue<T>(int address, string operation)
        where T : unmanaged
    {
        GuestRange range = ElementRange(address, 1, sizeof(T), operation);
        MemorySnapshot snapshot = Snapshot();
        T value = MemoryMarshal.Read<T>(GetView(range.Address, range.Length, operation));
        VerifyUnchanged(snapshot, operation);
        return value;
    }

    /// <summary>Checks that one value of <typeparamref name="T"/> at <paramref name="address"/> lies inside guest memory.</summary>
    /// <exception cref="GuestPointerOutOfBoundsException">It does not.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public unsafe void CheckValue<T>(int address, string operation)
        where T : unmanaged => ElementRange(address, 1, sizeof(T), operation);

    /// <summary>Copies <paramref name="count"/> elements at <paramref name="address"/> into a new array through a fresh view.</summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The elements are not all inside guest memory.</exception>
    public unsafe T[] ReadArray<T>(int address, int count, string operation)
        where T : unmanaged
    {
        GuestRange range = ElementRange(address, count, sizeof(T), operation);
        if (range.Length == 0)
        {
            return Array.Empty<T>();
        }

        // The range is checked before the array is allocated, so a hostile count cannot exhaust host memory.
        var result = new T[range.Length / sizeof(T)];
        ReadInto<T>(range.Address, result, operation);
        return result;
    }

    /// <summary>
    /// A fresh, bounds-checked view of <paramref name="count"/> elements of guest memory. It dies at the next call
    /// into the guest; use it immediately and do not keep it.
    /// </summary>
    [GuestView]
    public unsafe Span<T> GetView<T>(int address, int count, string operation)
        where T : unmanaged
    {
        GuestRange range = ElementRange(address, count, sizeof(T), operation);
        return MemoryMarshal.Cast<byte, T>(GetView(range.Address, range.Length, operation));
    }

    /// <summary>
    /// Returns an array from a host import: allocates it in the guest (which may grow memory), then writes the
    /// elements and the (pointer, element count) pair into the guest's return area, each through a fresh view.
    /// The guest owns the result.
    /// </summary>
    /// <exception cref="HostImportException">The import implementation returned null.</exception>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public unsafe void ReturnArray<T>(int returnArea, T[]? value, string operation)
        where T : unmanaged
    {
        if (value is null)
        {
            throw new HostImportException(operation, new InvalidOperationException("The implementation returned null; return an empty array instead."));
        }

        CheckRange(returnArea, ReturnAreaSize, operation); // before allocating, so a bad area leaks nothing
        int address = Allocate(ByteLength(value.Length, sizeof(T), operation), operation, sizeof(T));
        Write<T>(address, value, operation);
        WriteReturnArea(returnArea, new GuestRange(address, value.Length), operation);
    }

    private GuestRange ElementRange(int address, int count, int elementSize, string operation)
    {
        // Linear memory never shrinks, so elements inside a length seen before need no query of the live length.
        ulong bytes = (ulong)unchecked((uint)count) * (uint)elementSize;
        if (bytes <= int.MaxValue && (ulong)unchecked((uint)address) + bytes <= (ulong)KnownLength)
        {
            return new GuestRange(address, (int)bytes);
        }

        return ElementRange(address, count, elementSize, CurrentLength(), operation);
    }

    private static GuestRange ElementRange(int address, int count, int elementSize, long memoryLength, string operation)
    {
        // Counts are unsigned 32-bit guest values; their byte length is computed in 64 bits, so it cannot wrap.
        ulong bytes = (ulong)unchecked((uint)count) * (uint)elementSize;
        if (bytes > int.MaxValue || (ulong)unchecked((uint)address) + bytes > (ulong)memoryLength)
        {
            throw new GuestPointerOutOfBoundsException(operation, unchecked((uint)address), (uint)Math.Min(bytes, uint.MaxValue), memoryLength);
        }

        return new GuestRange(address, (int)bytes);
    }
}
