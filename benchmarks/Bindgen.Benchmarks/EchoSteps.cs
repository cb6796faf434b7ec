using System;
using System.Buffers.Binary;
using System.Text;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// A diagnostic, not a variant: the generated <c>Echo</c> glue taken apart, as <see cref="GlueSteps"/> takes the array
/// glue apart. Each method makes the runtime calls the generated method makes (AllocateCallBlock, PrepareReturnArea,
/// WriteUtf8, the call, ReadReturnArea, ReadUtf8, Release), with one step swapped for the hand-written code's, so
/// <c>--interleaved 501 'gap echo'</c> attributes the gap step by step. Over its own instance, one block per call.
/// </summary>
public sealed class EchoSteps : IDisposable
{
    private const string Operation = "EchoSteps";

    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Memory _memory;
    private readonly GuestMemory _guest;
    private readonly Action<int> _free;
    private readonly Action<int, int, int> _echo;

    /// <summary>Instantiates bench.wasm and resolves the exports and the runtime's memory access once.</summary>
    public EchoSteps(Engine engine, Module module, IBenchHost host)
    {
        _store = new Store(engine);
        _linker = new Linker(engine);
        var import = new HandWrittenDescribeImport(host);
        import.Define(_linker);
        Instance instance = _linker.Instantiate(_store, module);
        import.Attach(instance);
        _memory = instance.GetMemory("memory") ?? throw new InvalidOperationException("memory");
        _guest = CConvention.Default.Bind(instance, Operation, new GuestMemoryOptions { ScratchBlock = false });
        _free = instance.GetAction<int>("free") ?? throw new InvalidOperationException("free");
        _echo = instance.GetAction<int, int, int>("echo") ?? throw new InvalidOperationException("echo");
    }

    /// <summary>The generated glue's runtime calls, in its order: the return area first in the block, then the text.</summary>
    public string AllSteps(string text)
    {
        int length = GuestMemory.Utf8ByteCount(text);
        GuestRange block = _guest.AllocateCallBlock((long)GuestMemory.ReturnAreaSize + length, Operation);
        int address = length == 0 ? 0 : block.Address + GuestMemory.ReturnAreaSize;
        _guest.PrepareReturnArea(block.Address, Operation);
        _guest.WriteUtf8(address, length, text, Operation);
        _echo(address, length, block.Address);
        GuestRange owned = _guest.ReadReturnArea(block, Operation);
        string result = _guest.ReadUtf8(owned, Operation);
        return _guest.Release(result, owned, block, Operation);
    }

    /// <summary><see cref="AllSteps"/> with the hand-written code's layout: the text first, the return area after it (4-aligned).</summary>
    public string TextFirst(string text)
    {
        int length = GuestMemory.Utf8ByteCount(text);
        int areaOffset = (length + 3) & ~3;
        GuestRange block = _guest.AllocateCallBlock((long)areaOffset + GuestMemory.ReturnAreaSize, Operation);
        int area = block.Address + areaOffset;
        _guest.PrepareReturnArea(area, Operation);
        _guest.WriteUtf8(block.Address, length, text, Operation);
        _echo(length == 0 ? 0 : block.Address, length, area);
        GuestRange owned = _guest.ReadReturnArea(area, block.Address, block.Length, Operation);
        string result = _guest.ReadUtf8(owned, Operation);
        return _guest.Release(result, owned, block, Operation);
    }

    /// <summary><see cref="AllSteps"/> with the text 16 bytes into the block (the return area first, then 8 bytes unused).</summary>
    public string TextAt16(string text)
    {
        int length = GuestMemory.Utf8ByteCount(text);
        GuestRange block = _guest.AllocateCallBlock(16L + length, Operation);
        int address = length == 0 ? 0 : block.Address + 16;
        _guest.PrepareReturnArea(block.Address, Operation);
        _guest.WriteUtf8(address, length, text, Operation);
        _echo(address, length, block.Address);
        GuestRange owned = _guest.ReadReturnArea(block, Operation);
        string result = _guest.ReadUtf8(owned, Operation);
        return _guest.Release(result, owned, block, Operation);
    }

    /// <summary><see cref="AllSteps"/> with the text written and read through <see cref="Memory.GetSpan(long, int)"/> and <see cref="Encoding.UTF8"/>.</summary>
    public string SpanTranscoding(string text)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        GuestRange block = _guest.AllocateCallBlock((long)GuestMemory.ReturnAreaSize + length, Operation);
        int address = length == 0 ? 0 : block.Address + GuestMemory.ReturnAreaSize;
        _guest.PrepareReturnArea(block.Address, Operation);
        Encoding.UTF8.GetBytes(text, _memory.GetSpan(address, length));
        _echo(address, length, block.Address);
        GuestRange owned = _guest.ReadReturnArea(block, Operation);
        string result = owned.Length == 0 ? string.Empty : Encoding.UTF8.GetString(_memory.GetSpan(owned.Address, owned.Length));
        return _guest.Release(result, owned, block, Operation);
    }

    /// <summary><see cref="AllSteps"/> with the frees made directly instead of through Release.</summary>
    public string DirectFree(string text)
    {
        int length = GuestMemory.Utf8ByteCount(text);
        GuestRange block = _guest.AllocateCallBlock((long)GuestMemory.ReturnAreaSize + length, Operation);
        int address = length == 0 ? 0 : block.Address + GuestMemory.ReturnAreaSize;
        _guest.PrepareReturnArea(block.Address, Operation);
        _guest.WriteUtf8(address, length, text, Operation);
        _echo(address, length, block.Address);
        Span<byte> area = _memory.GetSpan(block.Address, GuestMemory.ReturnAreaSize);
        int resultAddress = BinaryPrimitives.ReadInt32LittleEndian(area);
        int resultLength = BinaryPrimitives.ReadInt32LittleEndian(area[4..]);
        string result = _guest.ReadUtf8(new GuestRange(resultAddress, resultLength), Operation);
        if (resultLength != 0)
        {
            _free(resultAddress);
        }

        _free(block.Address);
        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _linker.Dispose();
        _store.Dispose();
    }
}
