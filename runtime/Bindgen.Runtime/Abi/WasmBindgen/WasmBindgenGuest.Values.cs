using System;
using System.Collections.Generic;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>JavaScript values crossing exports: errors and arrays of values, from the heap or the externref table.</summary>
public sealed partial class WasmBindgenGuest
{
    /// <summary>
    /// Takes a JavaScript value the module returned by handle (<c>takeObject</c>), or by externref-table index
    /// (<c>takeFromExternrefTable0</c>, which also frees the slot).
    /// </summary>
    /// <param name="handle">The handle or table index.</param>
    /// <param name="operation">The call, for errors.</param>
    public object? TakeValue(int handle, string operation)
    {
        if (Heap is { } heap)
        {
            return Adopt(heap.Take(handle, operation));
        }

        object? value = Adopt(TableElement(handle, operation));
        try
        {
            (_externrefDealloc ?? throw new GuestProtocolException(operation, "the module returned a value and exports no __externref_table_dealloc"))(handle);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }

        return value;
    }

    /// <summary>The exception for a Rust <c>Err(JsValue)</c> the module returned: a <see cref="JsException"/> with the error's message.</summary>
    /// <param name="handle">The error's handle or table index.</param>
    /// <param name="operation">The call.</param>
    public JsException Error(int handle, string operation) => new(operation, TakeValue(handle, operation));

    /// <summary>
    /// Copies a <c>Vec&lt;String&gt;</c> the module returned as JavaScript values (<c>getArrayJsValueFromWasm0</c>),
    /// releases the values and frees the array.
    /// </summary>
    /// <param name="address">The array of handles or table indices.</param>
    /// <param name="count">Its length.</param>
    /// <param name="operation">The call, for errors.</param>
    /// <exception cref="GuestProtocolException">An element is not a string.</exception>
    public string[] TakeStringArray(int address, int count, string operation)
    {
        List<object?> values = TakeValueArray(address, count, operation);
        var strings = new string[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            strings[i] = values[i] as string
                ?? throw new GuestProtocolException(operation, $"element {i} of the returned array is {JsDisplay.ToJsString(values[i])}, not a string");
        }

        return strings;
    }

    /// <summary>
    /// Copies a <c>Vec</c> of JavaScript values the module returned (<c>getArrayJsValueFromWasm0</c>: serde's objects,
    /// js-sys values) as a JavaScript array, releases the values and frees the array.
    /// </summary>
    /// <param name="address">The array of handles or table indices.</param>
    /// <param name="count">Its length.</param>
    /// <param name="operation">The call, for errors.</param>
    public List<object?> TakeValueArray(int address, int count, string operation)
    {
        int[] slots = ReadSlots(address, count, operation);
        var values = new object?[slots.Length];
        for (int i = 0; i < slots.Length; i++)
        {
            values[i] = Heap is { } heap ? heap.Take(slots[i], operation) : TableElement(slots[i], operation);
        }

        try
        {
            if (Heap is null)
            {
                _externrefDropSlice?.Invoke(address, count);
            }
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }

        Free(address, count * 4, 4, operation);
        return (List<object?>)Adopt(new List<object?>(values))!;
    }

    /// <summary>
    /// Gives the module a value it will own: a new heap handle (<c>addHeapObject</c>), or a slot of the externref table
    /// the module allocates (<c>addToExternrefTable0</c>).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for errors.</param>
    public int AddValue(object? value, string operation)
    {
        if (value is IWasmBindgenInstance instance && !ReferenceEquals(instance.Guest, this))
        {
            throw new ArgumentException($"{operation}: the {instance.ClassName} was not created by this binding instance (another instance's pointer would be meaningless here)", nameof(value));
        }

        if (Heap is { } heap)
        {
            return heap.Add(value);
        }

        int index;
        try
        {
            index = (_externrefAlloc ?? throw new GuestProtocolException(operation, "the module exports no __externref_table_alloc"))();
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }

        if ((uint)index >= _externrefs!.GetSize())
        {
            throw new GuestProtocolException(operation, $"__externref_table_alloc returned {index}, past the table's {_externrefs.GetSize()} slots");
        }

        _externrefs.SetElement((uint)index, value);
        return index;
    }

    /// <summary>Hands a JavaScript exception to the module (<c>__wbindgen_exn_store</c>), as the glue's <c>handleError</c> does.</summary>
    /// <param name="value">The exception's value.</param>
    /// <param name="operation">The import, for errors.</param>
    /// <exception cref="JsException">The module exports no <c>__wbindgen_exn_store</c>: the exception is thrown instead.</exception>
    internal void StoreException(object? value, string operation)
    {
        Action<int> store = _exnStore ?? throw new JsException(operation, value);
        int handle = AddValue(value, operation);
        try
        {
            store(handle);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }
    }

    /// <summary>Lends a value for one call (<c>addBorrowedObject</c>); give it back with <see cref="PopBorrowed"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for errors.</param>
    public int PushBorrowed(object? value, string operation) =>
        (Heap ?? throw new GuestProtocolException(operation, "the module lends values without a host heap")).PushBorrowed(value, operation);

    /// <summary>Gives back the most recently lent value.</summary>
    public void PopBorrowed() => Heap?.PopBorrowed();

    /// <summary>A <c>Uint8Array</c> of the caller's bytes, shared (a byte array) as JavaScript shares a typed array.</summary>
    /// <param name="bytes">The bytes.</param>
    public static JsUint8Array Uint8Array(byte[] bytes) => new(bytes, 0, bytes.Length);

    /// <summary>A <c>Uint8Array</c> holding a copy of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The bytes.</param>
    public static JsUint8Array Uint8Array(ReadOnlySpan<byte> bytes) => Uint8Array(bytes.ToArray());

    /// <summary>A JavaScript value the module returned, as <typeparamref name="T"/>: the bytes of a <c>Uint8Array</c>, a string, a number or a boolean.</summary>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for the error.</param>
    /// <exception cref="GuestProtocolException">The value is of another type.</exception>
    public static T Expect<T>(object? value, string operation)
    {
        object? converted = typeof(T) == typeof(byte[]) && value is JsUint8Array array ? array.Span.ToArray() : value;
        return converted is T typed
            ? typed
            : throw new GuestProtocolException(operation, $"the module returned {Shown(value)}, where the binding declares {typeof(T).Name}");
    }

    /// <summary>A value as a message shows it: strings quoted, so that an empty or numeric-looking one is seen as one.</summary>
    private static string Shown(object? value) =>
        value is string text ? $"\"{(text.Length > 80 ? text.Substring(0, 80) + "…" : text)}\" (a string)" : JsDisplay.ToJsString(value);

    private int[] ReadSlots(int address, int count, string operation)
    {
        long byteLength = (long)(uint)count * 4;
        if (byteLength > int.MaxValue)
        {
            throw new GuestProtocolException(operation, $"the module returned an array of {(uint)count} values, more than fit in memory");
        }

        var slots = new int[count];
        Span<byte> view = Checked(address, (int)byteLength, operation);
        for (int i = 0; i < count; i++)
        {
            slots[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(view.Slice(i * 4, 4));
        }

        return slots;
    }

    private object? TableElement(int index, string operation)
    {
        Table table = _externrefs!;
        if ((uint)index >= table.GetSize())
        {
            throw new GuestProtocolException(operation, $"the module returned externref-table index {index}, past the table's {table.GetSize()} slots");
        }

        return table.GetElement((uint)index);
    }

    /// <summary>The externref table, for import shims that initialize it.</summary>
    internal Table? Externrefs => _externrefs;
}
