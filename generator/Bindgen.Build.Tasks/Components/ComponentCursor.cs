using System;
using System.Text;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// A component binary is truncated or corrupt, or nests deeper than the reader allows. The message names the byte
/// offset and what was being read; it is the only exception the component reader lets escape.
/// </summary>
public sealed class ComponentFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, and where (a byte offset into the file).</param>
    public ComponentFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception for a failure of the reader itself (kept as <see cref="Exception.InnerException"/>).</summary>
    /// <param name="message">What could not be read.</param>
    /// <param name="inner">The reader's own failure.</param>
    public ComponentFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>A bounded cursor over a component binary: every read past its window is a <see cref="ComponentFormatException"/>.</summary>
internal sealed class ComponentCursor
{
    private readonly byte[] _bytes;

    public ComponentCursor(byte[] bytes, int start, int end)
    {
        _bytes = bytes;
        Position = start;
        End = end;
    }

    public int Position { get; set; }

    public int End { get; }

    public bool AtEnd => Position >= End;

    public byte[] Bytes => _bytes;

    public byte Byte()
    {
        if (Position >= End)
        {
            throw new ComponentFormatException($"unexpected end of data at offset {Position}");
        }

        return _bytes[Position++];
    }

    public byte Peek() => Position < End ? _bytes[Position] : throw new ComponentFormatException($"unexpected end of data at offset {Position}");

    public uint U32()
    {
        int at = Position;
        ulong result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result <= uint.MaxValue ? (uint)result : throw new ComponentFormatException($"a 32-bit number at offset {at} is too large");
            }
        }

        throw new ComponentFormatException($"a 32-bit number at offset {at} is encoded in too many bytes");
    }

    /// <summary>A signed LEB128 number of up to 64 bits; only skipped or used for type codes.</summary>
    public long S64()
    {
        int at = Position;
        long result = 0;
        int shift = 0;
        while (true)
        {
            byte b = Byte();
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                if (shift < 64 && (b & 0x40) != 0)
                {
                    result |= -1L << shift;
                }

                return result;
            }

            if (shift >= 70)
            {
                throw new ComponentFormatException($"a signed number at offset {at} is encoded in too many bytes");
            }
        }
    }

    /// <summary>A count of entries that each take at least one byte: a count larger than the bytes left is corrupt.</summary>
    public uint Count(string what)
    {
        int at = Position;
        uint count = U32();
        if (count > (uint)(End - Position))
        {
            throw new ComponentFormatException($"{what} at offset {at} claims {count} entries, more than the {End - Position} bytes left");
        }

        return count;
    }

    public string Name()
    {
        int at = Position;
        uint length = U32();
        if (length > (uint)(End - Position))
        {
            throw new ComponentFormatException($"a name of {length} bytes at offset {at} runs past its section");
        }

        string name;
        try
        {
            name = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_bytes, Position, (int)length);
        }
        catch (DecoderFallbackException)
        {
            throw new ComponentFormatException($"the name at offset {at} is not valid UTF-8");
        }

        Position += (int)length;
        return name;
    }

    /// <summary>A sub-window of <paramref name="length"/> bytes from here; this cursor moves past it.</summary>
    public ComponentCursor Window(uint length, string what)
    {
        int at = Position;
        if (length > (uint)(End - Position))
        {
            throw new ComponentFormatException($"{what} at offset {at} is {length} bytes long, past the end of its enclosing data");
        }

        var window = new ComponentCursor(_bytes, Position, Position + (int)length);
        Position += (int)length;
        return window;
    }

    public byte[] Slice(int start, int end)
    {
        byte[] copy = new byte[end - start];
        Array.Copy(_bytes, start, copy, 0, copy.Length);
        return copy;
    }
}
