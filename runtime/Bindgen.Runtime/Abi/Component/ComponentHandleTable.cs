using System.Collections.Generic;

namespace Bindgen.Internals;

/// <summary>
/// A component instance's handle table (CanonicalABI.md, <c>Table</c> of <c>ResourceHandle</c>s): the handles the
/// guest holds, each with its resource type, representation, whether it owns the resource, and how many calls
/// currently borrow it. Index 0 is never a handle; freed indices are reused, most recently freed first, as the spec's
/// free list does.
/// </summary>
internal sealed class ComponentHandleTable
{
    private readonly List<Entry> _entries = new() { default };
    private readonly Stack<int> _free = new();

    /// <summary>How many handles are live.</summary>
    public int Count { get; private set; }

    public int Add(int type, int rep, bool own)
    {
        var entry = new Entry(true, type, rep, own, 0);
        Count++;
        if (_free.Count > 0)
        {
            int index = _free.Pop();
            _entries[index] = entry;
            return index;
        }

        _entries.Add(entry);
        return _entries.Count - 1;
    }

    /// <summary>The live entry at <paramref name="handle"/>, or null.</summary>
    public Entry? Get(int handle) => handle > 0 && handle < _entries.Count && _entries[handle].Live ? _entries[handle] : null;

    /// <summary>Counts one more (<paramref name="delta"/> 1) or one fewer (-1) call borrowing the live handle <paramref name="handle"/>.</summary>
    public void Lend(int handle, int delta) => _entries[handle] = _entries[handle] with { Lends = _entries[handle].Lends + delta };

    public void Remove(int handle)
    {
        _entries[handle] = default;
        _free.Push(handle);
        Count--;
    }

    /// <summary>One handle: <see cref="Lends"/> counts the calls that borrow it now (it cannot be dropped or moved meanwhile).</summary>
    internal readonly record struct Entry(bool Live, int Type, int Rep, bool Own, int Lends);
}
