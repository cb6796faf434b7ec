using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Bindgen.Internals;

/// <summary>
/// The canonical ABI's other string encodings (CanonicalABI.md, <c>string-encoding=utf16</c> and
/// <c>latin1+utf16</c>): lifting validates as the specification's decode does (alignment 2, bounds, no unpaired
/// surrogate, a byte length under 2^31), lowering measures, then writes into the block the allocation pass made. A
/// latin1+utf16 string is Latin-1 when every character fits one byte, else UTF-16 with the length's top bit set.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CanonicalStrings
{
    /// <summary>The bit of a latin1+utf16 string's length that says it is UTF-16.</summary>
    public const int Utf16Tag = int.MinValue;

    /// <summary>Lifts a UTF-16 string from its (pointer, code units).</summary>
    /// <exception cref="GuestProtocolException">Misaligned, too long, or an unpaired surrogate.</exception>
    /// <exception cref="GuestPointerOutOfBoundsException">The code units are outside memory.</exception>
    public static string Utf16(ReadOnlySpan<byte> memory, int address, int codeUnits, string operation)
    {
        long bytes = 2L * unchecked((uint)codeUnits);
        ReadOnlySpan<byte> range = Range(memory, address, bytes, operation);
        string value = MemoryMarshal.Cast<byte, char>(range).ToString();
        int bad = FirstUnpairedSurrogate(value);
        return bad < 0
            ? value
            : throw new GuestProtocolException(operation, $"the guest gave a UTF-16 string at 0x{unchecked((uint)address):X8} of {unchecked((uint)codeUnits)} code units with an unpaired surrogate at code unit {bad}");
    }

    /// <summary>Lifts a latin1+utf16 string from its (pointer, tagged code units).</summary>
    /// <exception cref="GuestProtocolException">Misaligned, too long, or (UTF-16) an unpaired surrogate.</exception>
    /// <exception cref="GuestPointerOutOfBoundsException">The string is outside memory.</exception>
    public static string Latin1Utf16(ReadOnlySpan<byte> memory, int address, int taggedCodeUnits, string operation)
    {
        if ((taggedCodeUnits & Utf16Tag) != 0)
        {
            return Utf16(memory, address, taggedCodeUnits & int.MaxValue, operation);
        }

        ReadOnlySpan<byte> range = Range(memory, address, taggedCodeUnits, operation);
        return Encoding.Latin1.GetString(range);
    }

    /// <summary>The UTF-16 code units of <paramref name="value"/>, checked to be Unicode scalar values.</summary>
    /// <exception cref="ArgumentException">The string has an unpaired surrogate, which no WIT string can hold.</exception>
    public static int Utf16Length(string value, string operation) =>
        FirstUnpairedSurrogate(value) < 0 ? value.Length : throw Unpaired(operation);

    /// <summary>The byte size of a UTF-16 block of <paramref name="codeUnits"/>.</summary>
    /// <exception cref="ArgumentException">It does not fit a 32-bit guest memory.</exception>
    public static int Utf16Size(int codeUnits, string operation) =>
        codeUnits <= int.MaxValue / 2 ? codeUnits * 2 : throw new ArgumentException($"{operation}: a string of {codeUnits} UTF-16 code units does not fit guest memory.");

    /// <summary>The tagged length of <paramref name="value"/> in latin1+utf16: its length, with <see cref="Utf16Tag"/> when a character is past U+00FF.</summary>
    /// <exception cref="ArgumentException">The string has an unpaired surrogate.</exception>
    public static int Latin1Utf16Length(string value, string operation)
    {
        int length = Utf16Length(value, operation);
        foreach (char c in value)
        {
            if (c > '\u00FF')
            {
                Utf16Size(length, operation);
                return length | Utf16Tag;
            }
        }

        return length;
    }

    /// <summary>The byte size of a latin1+utf16 block of the tagged length <paramref name="taggedCodeUnits"/>.</summary>
    public static int Latin1Utf16Size(int taggedCodeUnits) =>
        (taggedCodeUnits & Utf16Tag) != 0 ? (taggedCodeUnits & int.MaxValue) * 2 : taggedCodeUnits;

    /// <summary>Writes <paramref name="value"/> as UTF-16 (little-endian) into its block.</summary>
    public static void StoreUtf16(Span<byte> memory, int address, string value) =>
        MemoryMarshal.AsBytes(value.AsSpan()).CopyTo(memory.Slice(address, value.Length * 2));

    /// <summary>Writes <paramref name="value"/> as latin1+utf16 into its block, as its tagged length says.</summary>
    public static void StoreLatin1Utf16(Span<byte> memory, int address, int taggedCodeUnits, string value)
    {
        if ((taggedCodeUnits & Utf16Tag) != 0)
        {
            StoreUtf16(memory, address, value);
            return;
        }

        Span<byte> block = memory.Slice(address, value.Length);
        for (int i = 0; i < block.Length; i++)
        {
            block[i] = (byte)value[i];
        }
    }

    /// <summary>The index of the first surrogate that is not half of a pair, or -1.</summary>
    public static int FirstUnpairedSurrogate(ReadOnlySpan<char> value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    private static ReadOnlySpan<byte> Range(ReadOnlySpan<byte> memory, int address, long bytes, string operation)
    {
        if (bytes > int.MaxValue)
        {
            throw new GuestProtocolException(operation, $"the guest gave a string of {bytes} bytes, over the canonical ABI's limit of 2^31 - 1");
        }

        CanonicalLift.Check(memory, address, bytes, 2, operation);
        return memory.Slice(address, (int)bytes);
    }

    private static ArgumentException Unpaired(string operation) =>
        new($"{operation}: a string argument has an unpaired surrogate; WIT strings hold Unicode scalar values only.");
}
