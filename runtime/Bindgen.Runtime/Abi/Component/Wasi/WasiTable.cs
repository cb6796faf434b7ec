using System;
using System.Collections.Generic;

namespace Bindgen.Internals;

/// <summary>The kinds of WASI resource the host mints; a handle of one kind is refused where another is expected.</summary>
internal enum WasiKind
{
    Error,
    Pollable,
    InputStream,
    OutputStream,
    TerminalInput,
    TerminalOutput,
    Descriptor,
    DirectoryEntryStream,
}

/// <summary>
/// The handles of the WASI resources one instance holds: one table for every kind, as the component model gives each
/// instance one handle table (handle 0 is never valid; freed slots are reused). A handle of the wrong kind or one
/// already dropped is a typed exception (the call traps), as the canonical ABI says a host must trap.
/// </summary>
internal sealed class WasiTable
{
    private readonly List<(WasiKind Kind, object? Value)> _slots = new() { default };
    private readonly Stack<int> _free = new();

    /// <summary>How many handles are live.</summary>
    public int Live => _slots.Count - 1 - _free.Count;

    /// <summary>How many slots the table has grown to (live and free).</summary>
    public int Slots => _slots.Count - 1;

    /// <summary>Adds a resource; returns its handle.</summary>
    public int Add(WasiKind kind, object value)
    {
        if (_free.Count > 0)
        {
            int reused = _free.Pop();
            _slots[reused] = (kind, value);
            return reused;
        }

        _slots.Add((kind, value));
        return _slots.Count - 1;
    }

    /// <summary>The resource a handle names, checked to be of <paramref name="kind"/>.</summary>
    /// <exception cref="WasiHandleException">No live resource of that kind has that handle.</exception>
    public T Get<T>(int handle, WasiKind kind, string operation)
        where T : class
    {
        if (handle <= 0 || handle >= _slots.Count || _slots[handle].Value is not { } value)
        {
            throw new WasiHandleException(operation, handle, kind.ToString(), "no such handle (never made, or dropped)");
        }

        if (_slots[handle].Kind != kind)
        {
            throw new WasiHandleException(operation, handle, kind.ToString(), $"it is a {_slots[handle].Kind}");
        }

        return (T)value;
    }

    /// <summary>Drops a handle (<c>resource.drop</c>): the resource is released when it holds anything.</summary>
    /// <exception cref="WasiHandleException">No live resource of that kind has that handle.</exception>
    public void Drop(int handle, WasiKind kind, string operation)
    {
        object value = Get<object>(handle, kind, operation);
        _slots[handle] = default;
        _free.Push(handle);
        (value as IDisposable)?.Dispose();
    }
}
