using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Bindgen.Internals;

/// <summary>
/// Reads of the canonical ABI's lifting from a view from <see cref="CanonicalGuest.View"/>. Every read is
/// bounds-checked against the view first and every value the ABI constrains (discriminants, chars, UTF-8,
/// alignment) is validated; a violation is a typed exception naming the call, never a wrong value.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CanonicalLift
{
    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks that [<paramref name="address"/>, +<paramref name="size"/>) lies in the view and is aligned.</summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The range is outside memory.</exception>
    /// <exception cref="GuestProtocolException">The address is not aligned.</exception>
    public static int Check(ReadOnlySpan<byte> memory, int address, long size, int alignment, string operation)
    {
        uint start = unchecked((uint)address);
        if (size < 0 || size > uint.MaxValue || start + (ulong)size > (ulong)memory.Length)
        {
            throw new GuestPointerOutOfBoundsException(operation, start, (uint)Math.Min(Math.Max(size, 0), uint.MaxValue), memory.Length);
        }

        if ((start & (uint)(alignment - 1)) != 0)
        {
            throw new GuestProtocolException(operation, $"the guest passed address 0x{start:X8} for a value that must be {alignment}-byte aligned");
        }

        return address;
    }

    /// <summary>Reads a byte.</summary>
    public static byte U8(ReadOnlySpan<byte> memory, int address, string operation) =>
        memory[Check(memory, address, 1, 1, operation)];

    /// <summary>Reads a little-endian 16-bit value.</summary>
    public static ushort U16(ReadOnlySpan<byte> memory, int address, string operation) =>
        BinaryPrimitives.ReadUInt16LittleEndian(memory.Slice(Check(memory, address, 2, 1, operation), 2));

    /// <summary>Reads a little-endian 32-bit value.</summary>
    public static uint U32(ReadOnlySpan<byte> memory, int address, string operation) =>
        BinaryPrimitives.ReadUInt32LittleEndian(memory.Slice(Check(memory, address, 4, 1, operation), 4));

    /// <summary>Reads a little-endian 64-bit value.</summary>
    public static ulong U64(ReadOnlySpan<byte> memory, int address, string operation) =>
        BinaryPrimitives.ReadUInt64LittleEndian(memory.Slice(Check(memory, address, 8, 1, operation), 8));

    /// <summary>Reads a little-endian <c>f32</c>.</summary>
    public static float F32(ReadOnlySpan<byte> memory, int address, string operation) =>
        BinaryPrimitives.ReadSingleLittleEndian(memory.Slice(Check(memory, address, 4, 1, operation), 4));

    /// <summary>Reads a little-endian <c>f64</c>.</summary>
    public static double F64(ReadOnlySpan<byte> memory, int address, string operation) =>
        BinaryPrimitives.ReadDoubleLittleEndian(memory.Slice(Check(memory, address, 8, 1, operation), 8));

    /// <summary>Lifts a <c>char</c>: a Unicode scalar value.</summary>
    /// <exception cref="GuestProtocolException">The value is a surrogate or past U+10FFFF.</exception>
    public static Rune Char(uint value, string operation) =>
        Rune.IsValid(value) ? new Rune(value) : throw new GuestProtocolException(operation, $"the guest returned 0x{value:X}, which is not a Unicode scalar value, as a char");

    /// <summary>Lifts a discriminant: it must name one of <paramref name="cases"/> cases.</summary>
    /// <exception cref="GuestProtocolException">It does not.</exception>
    public static int Discriminant(uint value, int cases, string type, string operation) =>
        value < (uint)cases ? (int)value : throw new GuestProtocolException(operation, $"the guest returned discriminant {value} for {type}, which has {cases} cases");

    /// <summary>Lifts a string from its (pointer, byte length).</summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The bytes are outside memory.</exception>
    /// <exception cref="GuestProtocolException">They are not valid UTF-8.</exception>
    public static string Utf8(ReadOnlySpan<byte> memory, int address, int length, string operation)
    {
        Check(memory, address, unchecked((uint)length), 1, operation);
        try
        {
            return Utf8Strict.GetString(memory.Slice(address, length));
        }
        catch (DecoderFallbackException)
        {
            throw new GuestProtocolException(operation, $"the guest returned a string at 0x{unchecked((uint)address):X8} of {unchecked((uint)length)} bytes that is not valid UTF-8");
        }
    }

    /// <summary>Checks a list's elements and returns the address of the first.</summary>
    public static int List(ReadOnlySpan<byte> memory, int address, int count, int elementSize, int alignment, string operation) =>
        Check(memory, address, (long)unchecked((uint)count) * elementSize, alignment, operation);

    /// <summary>Lifts a list of fixed-size little-endian primitives.</summary>
    public static T[] Primitives<T>(ReadOnlySpan<byte> memory, int address, int count, int alignment, string operation)
        where T : unmanaged
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Check(memory, address, (long)unchecked((uint)count) * size, alignment, operation);
        if (count == 0)
        {
            return Array.Empty<T>();
        }

        var result = new T[count];
        memory.Slice(address, count * size).CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>A new array for a lifted list of <paramref name="count"/> elements (already bounds-checked).</summary>
    public static T[] NewArray<T>(int count) => count == 0 ? Array.Empty<T>() : new T[count];
}
