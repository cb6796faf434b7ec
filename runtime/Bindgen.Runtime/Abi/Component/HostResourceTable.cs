using System.Collections.Generic;

namespace Bindgen.Internals;

/// <summary>
/// The host's side of the resources a component imports (the host implements them): the .NET objects the guest holds
/// handles to, by representation. A representation is an index here; the guest's handle table maps its handles to
/// these indices, as the canonical ABI maps handles to a resource's representation. Freed indices are reused, most
/// recently freed first; index 0 is never used.
/// </summary>
internal sealed class HostResourceTable
{
    private readonly List<object?> _objects = new() { null };
    private readonly Stack<int> _free = new();

    /// <summary>How many objects the guest's handles (and the host's loans to a call) refer to now.</summary>
    public int Count { get; private set; }

    public int Add(object value)
    {
        Count++;
        if (_free.Count > 0)
        {
            int rep = _free.Pop();
            _objects[rep] = value;
            return rep;
        }

        _objects.Add(value);
        return _objects.Count - 1;
    }

    public object Get(int rep) => _objects[rep]!;

    public object Remove(int rep)
    {
        object value = _objects[rep]!;
        _objects[rep] = null;
        _free.Push(rep);
        Count--;
        return value;
    }
}
