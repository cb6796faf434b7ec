using System;
using System.Collections.Generic;

namespace Bindgen.Internals;

/// <summary>
/// Handles of resources the component defines inside lists, options, records and the other compound types: the glue's
/// static helpers reach the instance through <see cref="Running"/>, lift an owning handle into an object of the
/// generated class through the interface core that made it, and check every object an argument moves before any moves.
/// </summary>
public sealed partial class ComponentInstance
{
    private readonly List<object?> _resourceOwners = new();

    /// <summary>Objects one argument tree of the running call moves into the guest, checked before any of them moves.</summary>
    private readonly HashSet<object> _plannedMoves = new(ReferenceEqualityComparer.Instance);

    /// <summary>Names <paramref name="owner"/> (the generated core of the interface that defines resource type <paramref name="type"/>) as the maker of its objects.</summary>
    public void SetResourceOwner(int type, object owner)
    {
        while (_resourceOwners.Count <= type)
        {
            _resourceOwners.Add(null);
        }

        _resourceOwners[type] = owner ?? throw new ArgumentNullException(nameof(owner));
    }

    /// <summary>The core <see cref="SetResourceOwner"/> named for resource type <paramref name="type"/>.</summary>
    /// <exception cref="InvalidOperationException">No core was named for it (generated code out of order).</exception>
    public object ResourceOwner(int type) =>
        type >= 0 && type < _resourceOwners.Count && _resourceOwners[type] is { } owner
            ? owner
            : throw new InvalidOperationException($"resource type {type} has no interface core to make its objects");

    /// <summary>
    /// The measuring pass of an argument that moves <paramref name="value"/> into the guest: refuses the same object
    /// moved twice by one call, before anything moves (a list of owning handles moves all of its objects or none).
    /// </summary>
    internal void PlanMove(object value, string operation, string name)
    {
        if (!_plannedMoves.Add(value))
        {
            throw new ArgumentException($"{operation}: the same {name} is moved twice by one call; a moved object is unusable, so it can be moved once", "value");
        }
    }

    private void ForgetPlannedMoves()
    {
        if (_plannedMoves.Count > 0)
        {
            _plannedMoves.Clear();
        }
    }
}
