using System;
using System.Text;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// One instance of a wasm-bindgen module as generated glue and import shims use it: its memory, allocator and
/// return-area stack, and the JavaScript values it holds (a <see cref="JsHeap"/>, or its externref table). Every
/// method that calls into the guest may grow memory; the views it takes are taken after that call and dropped
/// before the next one.
/// </summary>
[MayGrowMemory]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class WasmBindgenGuest
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The shared safety core: live base and length, range checks, views, checked-mode snapshots.</summary>
    private LinearMemory? _linear;
    private Func<int, int>? _malloc1;
    private Func<int, int, int>? _malloc2;
    private Action<int, int>? _free2;
    private Action<int, int, int>? _free3;
    private Func<int, int>? _stackPointer;
    private Table? _externrefs;
    private Action<int>? _externrefDealloc;
    private Action<int, int>? _externrefDropSlice;
    private Func<int>? _externrefAlloc;
    private Action<int>? _exnStore;

    /// <summary>Creates the state of one instance; bind it with <see cref="Attach"/> once the instance exists.</summary>
    /// <param name="glue">What the generator read from the glue.</param>
    /// <param name="binding">The binding's name, for messages.</param>
    /// <param name="options">Options (checked mode); <see cref="GuestMemoryOptions.Default"/> when null.</param>
    public WasmBindgenGuest(WasmBindgenGlue glue, string binding, GuestMemoryOptions? options = null)
    {
        CheckViews = (options ?? GuestMemoryOptions.Default).CheckViews;
        Glue = glue ?? throw new ArgumentNullException(nameof(glue));
        Binding = binding;
        Heap = glue.HeapSize > 0 ? new JsHeap(glue.HeapSize) : null;
    }

    /// <summary>What the generator read from the glue.</summary>
    public WasmBindgenGlue Glue { get; }

    /// <summary>Whether checked mode is on (see <see cref="GuestMemoryOptions.CheckViews"/>).</summary>
    public bool CheckViews { get; }

    /// <summary>The binding's name.</summary>
    public string Binding { get; }

    /// <summary>The host heap of JavaScript values, or null when the module keeps them in an externref table.</summary>
    public JsHeap? Heap { get; }

    /// <summary>The instance, once attached.</summary>
    public Instance? Instance { get; private set; }

    /// <summary>
    /// Resolves the module's memory, allocator, return-area stack and externref table, recording problems in
    /// <paramref name="exports"/>. The allocator's arity (with or without an alignment) is read from the module.
    /// </summary>
    /// <param name="exports">The binding's resolver over the new instance.</param>
    public void Attach(ExportResolver exports)
    {
        if (exports is null)
        {
            throw new ArgumentNullException(nameof(exports));
        }

        Instance = exports.Instance;
        _linear = exports.Memory() is { } memory ? new LinearMemory(memory, CheckViews) : null;
        // The allocator takes an alignment since wasm-bindgen 0.2.8x; the deallocator too. The module says which.
        if (Glue.Malloc is { } malloc && ParameterCount(malloc) == 1)
        {
            _malloc1 = exports.Function(malloc, "(i32) -> i32", static f => f.WrapFunc<int, int>());
        }
        else if (Glue.Malloc is { } malloc2)
        {
            _malloc2 = exports.Function(malloc2, "(i32, i32) -> i32", static f => f.WrapFunc<int, int, int>());
        }

        if (Glue.Free is { } free && ParameterCount(free) == 2)
        {
            _free2 = exports.Function(free, "(i32, i32) -> ()", static f => f.WrapAction<int, int>());
        }
        else if (Glue.Free is { } free3)
        {
            _free3 = exports.Function(free3, "(i32, i32, i32) -> ()", static f => f.WrapAction<int, int, int>());
        }

        string exceptionStore = Glue.ExceptionStore ?? "__wbindgen_exn_store";
        if (exports.Instance.GetFunction(exceptionStore) is not null)
        {
            _exnStore = exports.Function(exceptionStore, "(i32) -> ()", static f => f.WrapAction<int>());
        }

        if (Glue.StackPointer is { } stack)
        {
            _stackPointer = exports.Function(stack, "(i32) -> i32", static f => f.WrapFunc<int, int>());
        }

        if (Glue.ExternrefTable is { } table)
        {
            _externrefs = exports.Instance.GetTable(table);
            if (_externrefs is null)
            {
                throw new MissingExportException(Binding, table, "table");
            }

            // A module that never hands a value back (it only takes externref arguments) exports no dealloc.
            if (ExternrefHelper(exports, "__externref_table_dealloc") is { } dealloc)
            {
                _externrefDealloc = exports.Function(dealloc, "(i32) -> ()", static f => f.WrapAction<int>());
            }

            if (ExternrefHelper(exports, "__externref_table_alloc") is { } alloc)
            {
                _externrefAlloc = exports.Function(alloc, "() -> i32", static f => f.WrapFunc<int>());
            }

            if (ExternrefHelper(exports, "__externref_drop_slice") is { } dropSlice)
            {
                _externrefDropSlice = exports.Function(dropSlice, "(i32, i32) -> ()", static f => f.WrapAction<int, int>());
            }
        }
    }

    /// <summary>
    /// The export name of one of wasm-bindgen's externref table helpers: its own name, or the name wasm-ld gives an
    /// export of a command module (<c>__externref_table_alloc_command_export</c>, as in @biomejs/wasm-nodejs), which
    /// the glue calls by that name; null when the module exports neither.
    /// </summary>
    private static string? ExternrefHelper(ExportResolver exports, string name) =>
        exports.Instance.GetFunction(name) is not null ? name
        : exports.Instance.GetFunction(name + "_command_export") is not null ? name + "_command_export"
        : null;

    /// <summary>The memory's current length in bytes.</summary>
    public long MemoryLength => _linear!.Length();

    /// <summary>
    /// Allocates <paramref name="size"/> bytes with the module's allocator, as the glue does for every string and
    /// array argument (the module takes ownership). May grow memory.
    /// </summary>
    /// <param name="size">The block's size; 0 still allocates, as the glue does.</param>
    /// <param name="alignment">The alignment the glue passes (1 for bytes and strings).</param>
    /// <param name="operation">The call, for errors.</param>
    [MayGrowMemory]
    public int Malloc(int size, int alignment, string operation)
    {
        int address;
        try
        {
            address = _malloc2 is { } m2 ? m2(size, alignment) : _malloc1 is { } m1 ? m1(size) : throw new GuestProtocolException(operation, "the glue names no allocator, and this call needs one");
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }

        GuestMemory.CheckRange(address, size, MemoryLength, operation);
        return address;
    }

    /// <summary>Frees a block the module returned, once its contents are copied out. May run guest code.</summary>
    /// <param name="address">The block.</param>
    /// <param name="size">Its size in bytes.</param>
    /// <param name="alignment">The alignment the glue passes.</param>
    /// <param name="operation">The call, for errors.</param>
    public void Free(int address, int size, int alignment, string operation)
    {
        try
        {
            if (_free3 is { } f3)
            {
                f3(address, size, alignment);
            }
            else if (_free2 is { } f2)
            {
                f2(address, size);
            }
            else
            {
                throw new GuestProtocolException(operation, "the glue names no deallocator, and this call needs one");
            }
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }
    }

    /// <summary>Reserves a return area on the module's shadow stack (<c>add_to_stack_pointer(-size)</c>).</summary>
    /// <param name="size">The area's size (16 in every version seen).</param>
    /// <param name="operation">The call, for errors.</param>
    public int StackReserve(int size, string operation)
    {
        int address;
        try
        {
            address = _stackPointer!(-size);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }

        GuestMemory.CheckRange(address, size, MemoryLength, operation);
        return address;
    }

    /// <summary>Releases the return area (<c>add_to_stack_pointer(size)</c>).</summary>
    /// <param name="size">The size reserved.</param>
    /// <param name="operation">The call, for errors.</param>
    public void StackRelease(int size, string operation)
    {
        try
        {
            _stackPointer!(size);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }
    }

    /// <summary>A view of the whole memory, taken now; it dies at the next call into the guest.</summary>
    [GuestView]
    public Span<byte> View() => _linear!.WholeView();

    /// <summary>Records the memory's base and length for checked mode (free when it is off).</summary>
    public MemorySnapshot Snapshot() => _linear!.Snapshot();

    /// <summary>In checked mode, throws <see cref="StaleViewException"/> when memory moved or grew since <paramref name="snapshot"/>.</summary>
    public void VerifyUnchanged(MemorySnapshot snapshot, string operation) => _linear!.VerifyUnchanged(snapshot, operation);

    /// <summary>The UTF-8 length of a string as the glue's <c>TextEncoder</c> writes it (lone surrogates become U+FFFD).</summary>
    /// <param name="value">The string.</param>
    public static int Utf8Length(string value) => Encoding.UTF8.GetByteCount(value);

    /// <summary>Writes <paramref name="value"/> as UTF-8 at <paramref name="address"/>, through a view taken now.</summary>
    /// <param name="address">A block from <see cref="Malloc"/> of <see cref="Utf8Length"/> bytes.</param>
    /// <param name="length">The block's length.</param>
    /// <param name="value">The string.</param>
    public void WriteUtf8(int address, int length, string value) => Encoding.UTF8.GetBytes(value, Checked(address, length, "a string argument"));

    /// <summary>Copies <paramref name="value"/> to <paramref name="address"/>, through a view taken now.</summary>
    /// <param name="address">A block from <see cref="Malloc"/>.</param>
    /// <param name="value">The bytes.</param>
    public void WriteBytes(int address, ReadOnlySpan<byte> value) => value.CopyTo(Checked(address, value.Length, "a byte array argument"));

    /// <summary>Copies a typed array's elements to <paramref name="address"/>, through a view taken now.</summary>
    /// <param name="address">A block from <see cref="Malloc"/> of the elements' size.</param>
    /// <param name="values">The elements.</param>
    public void WriteArray<T>(int address, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values);
        bytes.CopyTo(Checked(address, bytes.Length, "an array argument"));
    }

    /// <summary>Reads the four words of a return area through one view (<c>r0..r3</c> of the glue).</summary>
    /// <param name="area">The return area.</param>
    /// <param name="operation">The call, for errors.</param>
    public ReturnWords ReadReturnArea(int area, string operation)
    {
        Span<byte> words = Checked(area, 16, operation);
        return new ReturnWords(
            System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(words),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(words.Slice(4)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(words.Slice(8)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(words.Slice(12)));
    }

    /// <summary>Writes a little-endian i32 (import shims that return through a pointer).</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for errors.</param>
    public void WriteInt32(int address, int value, string operation)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(Checked(address, 4, operation), value);
    }

    /// <summary>Writes a little-endian f64 (import shims that return through a pointer).</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for errors.</param>
    public void WriteFloat64(int address, double value, string operation)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(Checked(address, 8, operation), value);
    }

    /// <summary>Decodes a UTF-8 string the module points at, without freeing it (<c>getStringFromWasm0</c>).</summary>
    /// <param name="address">The bytes.</param>
    /// <param name="length">Their count.</param>
    /// <param name="operation">The call, for errors.</param>
    /// <exception cref="GuestProtocolException">The bytes are not UTF-8 (the glue's decoder is fatal too).</exception>
    public string ReadString(int address, int length, string operation)
    {
        Span<byte> bytes = Checked(address, length, operation);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new GuestProtocolException(operation, $"the module passed {length} bytes at 0x{unchecked((uint)address):X8} as a string, and they are not UTF-8");
        }
    }

    /// <summary>Copies a string result out, then frees it with the module's deallocator.</summary>
    /// <param name="address">The string.</param>
    /// <param name="length">Its length in bytes.</param>
    /// <param name="operation">The call, for errors.</param>
    public string TakeString(int address, int length, string operation)
    {
        string value = ReadString(address, length, operation);
        Free(address, length, 1, operation);
        return value;
    }

    /// <summary>Copies an array result of <paramref name="elementSize"/>-byte elements out, then frees it.</summary>
    /// <param name="address">The array.</param>
    /// <param name="count">Its element count.</param>
    /// <param name="elementSize">The element size (1 for <c>Vec&lt;u8&gt;</c>).</param>
    /// <param name="operation">The call, for errors.</param>
    public T[] TakeArray<T>(int address, int count, int elementSize, string operation)
        where T : unmanaged
    {
        long byteLength = (long)(uint)count * elementSize;
        if (byteLength > int.MaxValue)
        {
            throw new GuestProtocolException(operation, $"the module returned an array of {(uint)count} elements, more than fit in memory");
        }

        T[] value = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(Checked(address, (int)byteLength, operation)).ToArray();
        Free(address, (int)byteLength, elementSize, operation);
        return value;
    }

    /// <summary>
    /// The <paramref name="length"/> bytes at <paramref name="address"/>, bounds-checked against a view of the memory
    /// taken now (one pointer and one length read), or a <see cref="GuestPointerOutOfBoundsException"/> naming the call.
    /// </summary>
    [GuestView]
    internal Span<byte> Checked(int address, int length, string operation) => _linear!.View(address, length, operation);

    private int ParameterCount(string export) => Instance?.GetFunction(export)?.Parameters.Count ?? -1;
}

/// <summary>The four i32 words of a wasm-bindgen return area, as the glue reads them (<c>r0..r3</c>).</summary>
/// <param name="R0">Word 0.</param>
/// <param name="R1">Word 1.</param>
/// <param name="R2">Word 2.</param>
/// <param name="R3">Word 3.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct ReturnWords(int R0, int R1, int R2, int R3);
