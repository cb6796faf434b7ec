using System;
using System.Buffers.Binary;
using System.Text;

namespace Bindgen.Internals;

/// <summary>
/// One lowered WASI function's access to the guest: the lowering's memory and realloc (resolved on first use), with the
/// safety contract's order: every allocation of a result first (<see cref="Allocate"/>, which may grow memory), then
/// fresh, bounds-checked views for the writes (<see cref="Write"/>).
/// </summary>
internal sealed class WasiCall
{
    private readonly Func<CanonicalGuest> _resolve;
    private CanonicalGuest? _guest;

    public WasiCall(Func<CanonicalGuest> resolve, string operation)
    {
        _resolve = resolve;
        Operation = operation;
    }

    /// <summary>The interface and function, for errors.</summary>
    public string Operation { get; }

    private CanonicalGuest Guest => _guest ??= _resolve();

    /// <summary>A block from the lowering's realloc.</summary>
    public int Allocate(int alignment, int size) => Guest.Realloc(alignment, size, Operation);

    /// <summary>A checked view of <paramref name="size"/> bytes at a guest address, for writing; taken after the call's last allocation.</summary>
    public Span<byte> Write(int address, int size, int alignment)
    {
        Span<byte> memory = Guest.View();
        CanonicalLift.Check(memory, address, size, alignment, Operation);
        return memory.Slice(address, size);
    }

    /// <summary>A checked view of guest bytes the guest passed (a list or string argument), valid until the next guest call.</summary>
    public ReadOnlySpan<byte> Read(int address, int length, int alignment = 1)
    {
        Span<byte> memory = Guest.View();
        CanonicalLift.Check(memory, address, length, alignment, Operation);
        return memory.Slice(address, length);
    }

    /// <summary>A UTF-8 string argument.</summary>
    public string String(int address, int length) => CanonicalLift.Utf8(Guest.View(), address, length, Operation);

    /// <summary>Copies bytes into a new guest block and returns its address (the block is the guest's to free).</summary>
    public int Bytes(ReadOnlySpan<byte> bytes, int alignment = 1)
    {
        byte[] copy = bytes.ToArray();
        int address = Allocate(alignment, copy.Length);
        copy.CopyTo(Write(address, copy.Length, alignment));
        return address;
    }

    /// <summary>A string lowered as UTF-8 into a new block: (address, byte length).</summary>
    public (int Address, int Length) Utf8(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        return (Bytes(bytes), bytes.Length);
    }

    /// <summary>Writes a list (address, count) at <paramref name="at"/>.</summary>
    public void List(int at, int address, int count)
    {
        Span<byte> target = Write(at, 8, 4);
        BinaryPrimitives.WriteInt32LittleEndian(target, address);
        BinaryPrimitives.WriteInt32LittleEndian(target.Slice(4), count);
    }

    public void U8(int at, int value) => Write(at, 1, 1)[0] = (byte)value;

    public void I32(int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(Write(at, 4, 4), value);

    public void I64(int at, long value) => BinaryPrimitives.WriteInt64LittleEndian(Write(at, 8, 8), value);
}
