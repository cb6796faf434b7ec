using System;
using System.Text;

namespace Bindgen;

/// <summary>C strings: NUL-terminated UTF-8 (docs/abi.md).</summary>
public sealed partial class GuestMemory
{
    /// <summary>
    /// The bytes <paramref name="value"/> takes as a C string, its NUL included; 0 for null.
    /// </summary>
    /// <exception cref="ArgumentException">The string contains U+0000, which a C reader would take for its end.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int CStringByteCount(string? value, string operation)
    {
        if (value is null)
        {
            return 0;
        }

        if (value.IndexOf('\0') >= 0)
        {
            throw new ArgumentException($"{operation}: the string contains U+0000, which would end it early as a C string.", nameof(value));
        }

        return BlockSize((long)Utf8ByteCount(value) + 1, operation);
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8 and its NUL at <paramref name="address"/>, which holds <paramref name="byteCount"/> bytes.</summary>
    public void WriteCString(int address, int byteCount, string? value, string operation)
    {
        if (value is null || byteCount == 0)
        {
            return;
        }

        MemorySnapshot snapshot = Snapshot();
        Span<byte> view = GetView(address, byteCount, operation);
        Encoding.UTF8.GetBytes(value.AsSpan(), view);
        view[byteCount - 1] = 0;
        VerifyUnchanged(snapshot, operation);
    }

    /// <summary>
    /// The C string at <paramref name="address"/>, its NUL included, checked to end inside memory; an empty range for
    /// the null pointer.
    /// </summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The address is outside memory, or no NUL follows it before memory ends.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public unsafe GuestRange CStringRange(int address, string operation)
    {
        if (address == 0)
        {
            return default;
        }

        long memoryLength = LiveLength();
        uint start = unchecked((uint)address);
        if (start >= memoryLength)
        {
            throw new GuestPointerOutOfBoundsException(operation, start, 1, memoryLength);
        }

        long available = Math.Min(memoryLength - start, int.MaxValue);
        var tail = new ReadOnlySpan<byte>((byte*)LiveBase() + start, (int)available);
        int nul = tail.IndexOf((byte)0);
        if (nul < 0)
        {
            // No terminator before the end of memory: the string's length is unknowable, so nothing is read.
            throw new GuestPointerOutOfBoundsException(operation, start, (uint)Math.Min(available + 1, uint.MaxValue), memoryLength);
        }

        return new GuestRange(address, nul + 1);
    }

    /// <summary>Reads the C string at <paramref name="address"/>; null for the null pointer.</summary>
    /// <exception cref="GuestPointerOutOfBoundsException">No NUL follows it before memory ends.</exception>
    public string? ReadCString(int address, string operation)
    {
        GuestRange range = CStringRange(address, operation);
        return address == 0 ? null : ReadUtf8(new GuestRange(range.Address, range.Length - 1), operation);
    }

    /// <summary>Reads a C string result the declaration says is never null.</summary>
    /// <exception cref="GuestProtocolException">The guest returned the null pointer.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public string ReadRequiredCString(int address, string operation) =>
        ReadCString(address, operation) ?? throw new GuestProtocolException(operation, "it returned a null C string where the declaration allows none; declare the result string? if null is a valid answer.");

    /// <summary>
    /// Returns a C string from a host import: allocates it in the guest (which may grow memory), then writes it through
    /// a fresh view. The guest owns it. Null returns the null pointer.
    /// </summary>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public int ReturnCString(string? value, string operation)
    {
        int byteCount = CStringByteCount(value, operation);
        if (value is null)
        {
            return 0;
        }

        int address = Allocate(byteCount, operation);
        WriteCString(address, byteCount, value, operation);
        return address;
    }
}
