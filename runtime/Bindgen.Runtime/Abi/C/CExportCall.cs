using System;

namespace Bindgen.Internals;

/// <summary>
/// One C-convention export call whose block holds at most one argument (a string, a buffer, or one value passed by
/// pointer) besides its return area or struct result: generated code starts it with a factory (which enters the
/// store's gate, checks and sizes the argument, allocates the call's one block, prepares the return area and writes
/// the argument, in that order), invokes the export's delegate with <see cref="Address"/>, <see cref="Count"/> and
/// <see cref="Head"/>, sends a failure of that invocation to <see cref="Failed(Exception)"/>, and ends with one of the result
/// methods, which read the result through fresh views, free what the call holds and leave the gate. Every path leaves
/// the gate once and frees what was allocated, as the generated body this replaces did (docs/abi.md).
/// </summary>
/// <remarks>
/// The steps are the runtime's, once, instead of a dozen statements in every generated method: what the compiler
/// spends on a large binding is spread over the statements of its method bodies (docs/benchmarks.md).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public partial struct CExportCall
{
    /// <summary>The head value of a call whose result comes back through a return area at the block's start.</summary>
    public const int ReturnArea = -1;

    /// <summary>Where an argument that follows a return area or a struct result's room starts: a multiple of 16 bytes.</summary>
    private const int ArgumentAlignment = 16;

    private readonly GuestMemory _memory;
    private readonly StoreCall _entered;
    private readonly string _operation;
    private GuestRange _block;
    private int _address;
    private int _count;

    private CExportCall(GuestMemory memory, StoreCall entered, string operation)
    {
        _memory = memory;
        _entered = entered;
        _operation = operation;
    }

    /// <summary>The call's block: its return area or struct result's room, the export's first argument when it has one.</summary>
    public readonly int Head => _block.Address;

    /// <summary>The argument's guest address (0 for an empty buffer).</summary>
    public readonly int Address => _address;

    /// <summary>The argument's length as the export receives it: bytes of a string or byte buffer, elements of an array.</summary>
    public readonly int Count => _count;

    /// <summary>Starts a call with a UTF-8 string argument.</summary>
    /// <param name="memory">The binding's guest memory.</param>
    /// <param name="gate">The store's gate.</param>
    /// <param name="text">The argument.</param>
    /// <param name="parameter">The parameter's name, for the exception when <paramref name="text"/> is null.</param>
    /// <param name="head">0, <see cref="ReturnArea"/>, or the size of the struct result's room.</param>
    /// <param name="binding">The binding, for the gate.</param>
    /// <param name="function">The binding's method, for the gate.</param>
    /// <param name="export">The export, for the gate.</param>
    /// <param name="operation">The call, named in errors.</param>
    /// <returns>The call, its block allocated and its argument written.</returns>
    [MayGrowMemory]
    public static CExportCall Utf8(GuestMemory memory, StoreGate gate, string text, string parameter, int head, string binding, string function, string export, string operation)
    {
        var call = new CExportCall(memory, gate.Call(binding, function, export), operation);
        try
        {
            if (text is null)
            {
                throw new ArgumentNullException(parameter);
            }

            int length = GuestMemory.Utf8ByteCount(text);
            call.Allocate(head, length, length);
            memory.WriteUtf8(call._address, length, text, operation);
            return call;
        }
        catch (Exception failure)
        {
            throw call.Failed(failure);
        }
    }

    /// <summary>Starts a call with an array argument (the guest receives its element count); see <see cref="Utf8"/>.</summary>
    /// <param name="memory">The binding's guest memory.</param>
    /// <param name="gate">The store's gate.</param>
    /// <param name="data">The argument.</param>
    /// <param name="parameter">The parameter's name, for the exception when <paramref name="data"/> is null.</param>
    /// <param name="head">0, <see cref="ReturnArea"/>, or the size of the struct result's room.</param>
    /// <param name="binding">The binding, for the gate.</param>
    /// <param name="function">The binding's method, for the gate.</param>
    /// <param name="export">The export, for the gate.</param>
    /// <param name="operation">The call, named in errors.</param>
    /// <returns>The call, its block allocated and its argument written.</returns>
    [MayGrowMemory]
    public static CExportCall ElementArray<T>(GuestMemory memory, StoreGate gate, T[] data, string parameter, int head, string binding, string function, string export, string operation)
        where T : unmanaged
    {
        var call = new CExportCall(memory, gate.Call(binding, function, export), operation);
        try
        {
            if (data is null)
            {
                throw new ArgumentNullException(parameter);
            }

            call.Elements<T>(data, head, write: true);
            return call;
        }
        catch (Exception failure)
        {
            throw call.Failed(failure);
        }
    }

    /// <summary>Starts a call with a span argument (the guest receives its element count); see <see cref="Utf8"/>.</summary>
    /// <param name="memory">The binding's guest memory.</param>
    /// <param name="gate">The store's gate.</param>
    /// <param name="values">The argument.</param>
    /// <param name="write">False for an <c>[Out]</c> span, which the guest fills and the host only copies back.</param>
    /// <param name="head">0, <see cref="ReturnArea"/>, or the size of the struct result's room.</param>
    /// <param name="binding">The binding, for the gate.</param>
    /// <param name="function">The binding's method, for the gate.</param>
    /// <param name="export">The export, for the gate.</param>
    /// <param name="operation">The call, named in errors.</param>
    /// <returns>The call, its block allocated and its argument written.</returns>
    [MayGrowMemory]
    public static CExportCall Buffer<T>(GuestMemory memory, StoreGate gate, ReadOnlySpan<T> values, bool write, int head, string binding, string function, string export, string operation)
        where T : unmanaged
    {
        var call = new CExportCall(memory, gate.Call(binding, function, export), operation);
        try
        {
            call.Elements(values, head, write);
            return call;
        }
        catch (Exception failure)
        {
            throw call.Failed(failure);
        }
    }

    /// <summary>
    /// Starts a call with one value passed by pointer (a struct by value, an <c>in</c>, <c>ref</c> or <c>out</c>
    /// parameter); see <see cref="Utf8"/>.
    /// </summary>
    /// <param name="memory">The binding's guest memory.</param>
    /// <param name="gate">The store's gate.</param>
    /// <param name="value">The argument.</param>
    /// <param name="write">False for an <c>out</c> parameter, whose slot the guest writes.</param>
    /// <param name="head">0, <see cref="ReturnArea"/>, or the size of the struct result's room.</param>
    /// <param name="binding">The binding, for the gate.</param>
    /// <param name="function">The binding's method, for the gate.</param>
    /// <param name="export">The export, for the gate.</param>
    /// <param name="operation">The call, named in errors.</param>
    /// <returns>The call, its block allocated and its argument written.</returns>
    [MayGrowMemory]
    public static unsafe CExportCall Value<T>(GuestMemory memory, StoreGate gate, in T value, bool write, int head, string binding, string function, string export, string operation)
        where T : unmanaged
    {
        var call = new CExportCall(memory, gate.Call(binding, function, export), operation);
        try
        {
            call.Allocate(head, sizeof(T), 0);
            if (write)
            {
                memory.WriteValue(call._address, in value, operation);
            }

            return call;
        }
        catch (Exception failure)
        {
            throw call.Failed(failure);
        }
    }

    /// <summary>Starts a call whose block holds only its return area or struct result's room; see <see cref="Utf8"/>.</summary>
    /// <param name="memory">The binding's guest memory.</param>
    /// <param name="gate">The store's gate.</param>
    /// <param name="head"><see cref="ReturnArea"/>, or the size of the struct result's room.</param>
    /// <param name="binding">The binding, for the gate.</param>
    /// <param name="function">The binding's method, for the gate.</param>
    /// <param name="export">The export, for the gate.</param>
    /// <param name="operation">The call, named in errors.</param>
    /// <returns>The call, its block allocated.</returns>
    [MayGrowMemory]
    public static CExportCall Result(GuestMemory memory, StoreGate gate, int head, string binding, string function, string export, string operation)
    {
        var call = new CExportCall(memory, gate.Call(binding, function, export), operation);
        try
        {
            call.Allocate(head, 0, 0);
            return call;
        }
        catch (Exception failure)
        {
            throw call.Failed(failure);
        }
    }

    private void Elements<T>(ReadOnlySpan<T> values, int head, bool write)
        where T : unmanaged
    {
        int length = GuestMemory.ByteLength(values.Length, System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), _operation);
        Allocate(head, length, length);
        _count = values.Length;
        if (write)
        {
            _memory.Write(_address, values, _operation);
        }
    }

    /// <summary>
    /// Allocates the block: the head first (malloc's alignment covers a return area and any C struct), then the
    /// argument, 16-byte aligned after the head. Returns before any view is taken; the return area is then filled
    /// with the host's mark, so that a guest that does not write it is told apart from one that does.
    /// </summary>
    private void Allocate(int head, int length, int count)
    {
        int room = head == ReturnArea ? GuestMemory.ReturnAreaSize : head;
        long offset = room == 0 ? 0 : GuestMemory.AlignUp(room, ArgumentAlignment);
        _block = _memory.AllocateCallBlock(offset + length, _operation);
        // An empty buffer is passed as (0, 0) and takes no room (docs/abi.md, the empty-buffer rule).
        _address = length == 0 ? 0 : unchecked(_block.Address + (int)offset);
        _count = count;
        if (head == ReturnArea)
        {
            _memory.PrepareReturnArea(_block.Address, _operation);
        }
    }
}
