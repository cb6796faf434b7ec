using System.Collections.Generic;

namespace Bindgen.WasmBindgen;

/// <summary>
/// The host-side slab of JavaScript values that a wasm-bindgen module built without reference types addresses by
/// i32 handle: the first <c>reserved</c> slots are never freed (the module's constants for <c>undefined</c>,
/// <c>null</c>, <c>true</c> and <c>false</c> sit at the end of them), and freed slots are reused last-freed first,
/// exactly as the package's own glue does, so a module sees the same handles under Bindgen as under Node.
/// </summary>
public sealed class JsHeap
{
    private readonly List<object?> _values = new();
    private readonly List<int> _links = new();
    private readonly List<bool> _free = new();
    private readonly int _reserved;
    private int _next;
    private int _stackPointer;

    /// <summary>Creates the heap the glue creates: <paramref name="initial"/> slots of <c>undefined</c>, then <c>undefined, null, true, false</c>.</summary>
    /// <param name="initial">The glue's <c>new Array(N)</c> (32, 128 or 1024 by wasm-bindgen version).</param>
    public JsHeap(int initial)
    {
        for (int i = 0; i < initial; i++)
        {
            Push(JsUndefined.Value);
        }

        Push(JsUndefined.Value);
        Push(null);
        Push(true);
        Push(false);
        _reserved = _values.Count;
        _next = _values.Count;
        _stackPointer = initial;
    }

    /// <summary>
    /// Lends a value for one call (<c>addBorrowedObject</c>): it takes the next slot below the reserved constants,
    /// growing down, and is given back with <see cref="PopBorrowed"/> when the call returns.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for the error.</param>
    /// <exception cref="GuestProtocolException">The lending stack is full (the glue throws 'out of js stack').</exception>
    public int PushBorrowed(object? value, string operation)
    {
        if (_stackPointer <= 1)
        {
            throw new GuestProtocolException(operation, "out of js stack: too many JavaScript values lent at once");
        }

        _values[--_stackPointer] = value;
        return _stackPointer;
    }

    /// <summary>Gives back the most recently lent slot.</summary>
    public void PopBorrowed() => _values[_stackPointer++] = JsUndefined.Value;

    /// <summary>How many slots hold values now (reserved slots included), for tests and diagnostics.</summary>
    public int LiveCount => _values.Count - _free.FindAll(f => f).Count;

    /// <summary>Stores a value and returns its handle (<c>addHeapObject</c>).</summary>
    /// <param name="value">The value.</param>
    public int Add(object? value)
    {
        if (_next == _values.Count)
        {
            Push(null);
            _free[_next] = true;
        }

        int handle = _next;
        _next = _links[handle];
        _values[handle] = value;
        _free[handle] = false;
        return handle;
    }

    /// <summary>The value behind a handle (<c>getObject</c>).</summary>
    /// <param name="handle">The handle the module passed.</param>
    /// <param name="operation">The call, for the error.</param>
    /// <exception cref="GuestProtocolException">The handle names no live value.</exception>
    public object? Get(int handle, string operation)
    {
        if ((uint)handle >= (uint)_values.Count || _free[handle])
        {
            throw new GuestProtocolException(operation, $"the module used the JavaScript value handle {handle}, which holds no value");
        }

        return _values[handle];
    }

    /// <summary>Takes a value out of the heap (<c>takeObject</c>): reads it, then frees its slot.</summary>
    /// <param name="handle">The handle.</param>
    /// <param name="operation">The call, for the error.</param>
    public object? Take(int handle, string operation)
    {
        object? value = Get(handle, operation);
        Drop(handle);
        return value;
    }

    /// <summary>Frees a slot (<c>dropObject</c>); reserved slots stay.</summary>
    /// <param name="handle">The handle.</param>
    public void Drop(int handle)
    {
        if (handle < _reserved || handle >= _values.Count || _free[handle])
        {
            return;
        }

        _values[handle] = null;
        _free[handle] = true;
        _links[handle] = _next;
        _next = handle;
    }

    private void Push(object? value)
    {
        _values.Add(value);
        _links.Add(_values.Count);
        _free.Add(false);
    }
}
