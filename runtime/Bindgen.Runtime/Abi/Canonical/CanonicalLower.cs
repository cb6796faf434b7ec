using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Bindgen.Internals;

/// <summary>
/// Writes of the canonical ABI's lowering into a view from <see cref="CanonicalGuest.View"/>. Every address is
/// inside a block <see cref="CanonicalGuest.Realloc"/> checked, so a failed write here is a glue bug, not a guest one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CanonicalLower
{
    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Stores a byte (<c>bool</c>, <c>s8</c>, <c>u8</c>, 8-bit discriminants and flags).</summary>
    public static void U8(Span<byte> memory, int address, byte value) => memory[address] = value;

    /// <summary>Stores a little-endian 16-bit value.</summary>
    public static void U16(Span<byte> memory, int address, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(memory.Slice(address, 2), value);

    /// <summary>Stores a little-endian 32-bit value.</summary>
    public static void U32(Span<byte> memory, int address, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(memory.Slice(address, 4), value);

    /// <summary>Stores a little-endian 64-bit value.</summary>
    public static void U64(Span<byte> memory, int address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(memory.Slice(address, 8), value);

    /// <summary>Stores a little-endian <c>f32</c>.</summary>
    public static void F32(Span<byte> memory, int address, float value) => BinaryPrimitives.WriteSingleLittleEndian(memory.Slice(address, 4), value);

    /// <summary>Stores a little-endian <c>f64</c>.</summary>
    public static void F64(Span<byte> memory, int address, double value) => BinaryPrimitives.WriteDoubleLittleEndian(memory.Slice(address, 8), value);

    /// <summary>The UTF-8 length of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The string has an unpaired surrogate, which no WIT string can hold.</exception>
    public static int Utf8Length(string value, string operation)
    {
        try
        {
            return Utf8Strict.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{operation}: a string argument has an unpaired surrogate; WIT strings hold Unicode scalar values only.", e);
        }
    }

    /// <summary>Encodes <paramref name="value"/> into its block (of the length <see cref="Utf8Length"/> gave).</summary>
    public static void Utf8(Span<byte> memory, int address, int length, string value) =>
        Utf8Strict.GetBytes(value.AsSpan(), memory.Slice(address, length));

    /// <summary>The byte size of a list: <paramref name="count"/> elements of <paramref name="elementSize"/> bytes.</summary>
    /// <exception cref="ArgumentException">The list does not fit a 32-bit guest memory.</exception>
    public static int ListSize(int count, int elementSize, string operation)
    {
        long size = (long)count * elementSize;
        return size <= int.MaxValue ? (int)size : throw new ArgumentException($"{operation}: a list of {count} elements of {elementSize} bytes does not fit guest memory.");
    }

    /// <summary>Copies a list of fixed-size little-endian primitives into its block.</summary>
    public static void Primitives<T>(Span<byte> memory, int address, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        bytes.CopyTo(memory.Slice(address, bytes.Length));
    }

    /// <summary>The <c>i32</c> of a <c>char</c>: its scalar value.</summary>
    public static int Char(Rune value) => value.Value;
}
