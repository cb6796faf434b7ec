using System;
using System.Collections.Generic;

namespace Bindgen.Internals;

/// <summary>
/// Resources the component imports, which the host implements with .NET objects: the host's table of those objects,
/// and the canonical ABI's rules for their handles. An <c>own</c> handle moves the object into the guest's table (the
/// guest's <c>resource.drop</c> removes it and calls its <c>Dispose</c>, if it has one) or out of it; a <c>borrow</c>
/// the host lends to an export is a handle for that call only, which the guest must drop before it returns; a handle
/// the guest lends to an import cannot be dropped or moved until the import returns. A handle the rules refuse is a
/// <see cref="ComponentHandleException"/> naming the call.
/// </summary>
public sealed partial class ComponentInstance
{
    private readonly HostResourceTable _hostObjects = new();
    private readonly List<(int Type, int Handle, int Rep)> _callBorrows = new();
    private readonly List<int> _importLends = new();
    private int _liveCallBorrows;

    /// <summary>The instance whose call this thread runs now (the innermost, when one instance's import calls another's export).</summary>
    [ThreadStatic]
    private static ComponentInstance? t_running;

    /// <summary>The instance this thread ran before this one's call began.</summary>
    private ComponentInstance? _outer;

    /// <summary>
    /// The instance whose call this thread is running: the glue's static helpers, which lower and lift values in guest
    /// memory, reach the host's table through it for handles inside lists, options, records and the like.
    /// </summary>
    /// <exception cref="InvalidOperationException">No call of a component instance is running on this thread.</exception>
    public static ComponentInstance Running => t_running ?? throw new InvalidOperationException("no call of a component instance is running on this thread");

    /// <summary>Objects of resources the host implements that the guest holds handles to (or that are lent to the running call).</summary>
    public int HostResourceCount => _hostObjects.Count;

    /// <summary>
    /// Declares resource type <paramref name="type"/> as one the component imports (the host implements it), named
    /// <paramref name="name"/> in messages: dropping an owning handle removes the object from the host's table and
    /// disposes it, if it is <see cref="IDisposable"/>.
    /// </summary>
    public void DefineHostResource(int type, string name)
    {
        DefineResource(type, name);
        _resources[type] = (name, DisposeHostObject);
    }

    /// <summary>Lowers an <c>own</c> handle of a host resource (an export's argument, an import's result): the guest gets a new owning handle.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public int LowerHostOwn(int type, object value, string operation, string parameter)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameter, operation + ": a resource is null");
        }

        return _handles.Add(type, _hostObjects.Add(value), own: true);
    }

    /// <summary>Lowers a <c>borrow</c> of a host resource into an export call: a borrowed handle the guest must drop before the call returns.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public int LowerHostBorrow(int type, object value, string operation, string parameter)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameter, operation + ": a resource is null");
        }

        int rep = _hostObjects.Add(value);
        int handle = _handles.Add(type, rep, own: false);
        _callBorrows.Add((type, handle, rep));
        _liveCallBorrows++;
        return handle;
    }

    /// <summary>Lifts an <c>own</c> handle of a host resource (an export's result, an import's argument): the object leaves the guest's table.</summary>
    /// <exception cref="ComponentHandleException">The handle does not exist, is of another type, is a borrow or is lent to a call.</exception>
    public T LiftHostOwn<T>(int type, int handle, string operation)
        where T : class
        // The guest-side checks and removal are those of any owning handle; the representation names the host's object.
        => (T)_hostObjects.Remove(LiftOwn(type, handle, operation));

    /// <summary>
    /// Lifts a <c>borrow</c> of a host resource, an import's argument: the object, lent until the import returns
    /// (<see cref="ReleaseLends"/>); an owning handle cannot be dropped or moved meanwhile.
    /// </summary>
    /// <exception cref="ComponentHandleException">The handle does not exist or is of another type.</exception>
    public T LiftHostBorrow<T>(int type, int handle, string operation)
        where T : class
    {
        ComponentHandleTable.Entry entry = Lookup(type, handle, operation);
        if (entry.Own)
        {
            _handles.Lend(handle, 1);
            _importLends.Add(handle);
        }

        return (T)_hostObjects.Get(entry.Rep);
    }

    /// <summary>Ends the loans of an import call that returned: the handles it borrowed can be dropped and moved again.</summary>
    public void ReleaseLends()
    {
        foreach (int handle in _importLends)
        {
            _handles.Lend(handle, -1);
        }

        _importLends.Clear();
    }

    /// <summary>After an export returned: every borrowed handle the host lent it must have been dropped by the guest, as the canonical ABI requires.</summary>
    /// <exception cref="ComponentHandleException">The guest still holds a borrowed handle.</exception>
    public void EndBorrows(string operation)
    {
        if (_liveCallBorrows == 0)
        {
            return;
        }

        int handle = _callBorrows.Find(b => IsLiveBorrow(b)).Handle;
        throw new ComponentHandleException(operation, handle, "the component did not drop this borrowed handle before the call returned");
    }

    private bool IsLiveBorrow((int Type, int Handle, int Rep) borrow) =>
        _handles.Get(borrow.Handle) is { Own: false } entry && entry.Rep == borrow.Rep && entry.Type == borrow.Type;

    /// <summary>Takes back what the host lent the call that ended: borrowed handles the guest kept (a call that failed) and the lent objects.</summary>
    private void ReleaseCallBorrows()
    {
        foreach ((int type, int handle, int rep) in _callBorrows)
        {
            if (IsLiveBorrow((type, handle, rep)))
            {
                _handles.Remove(handle);
                _liveCallBorrows--;
            }

            _hostObjects.Remove(rep);
        }

        _callBorrows.Clear();
    }

    private void EnterThread()
    {
        _outer = t_running;
        t_running = this;
    }

    private void ExitThread()
    {
        if (ReferenceEquals(t_running, this))
        {
            t_running = _outer;
        }

        _outer = null;
    }

    /// <summary>The destructor of a host resource: the guest dropped its owning handle, so the object leaves the table and is disposed.</summary>
    private void DisposeHostObject(int rep)
    {
        object value = _hostObjects.Remove(rep);
        try
        {
            (value as IDisposable)?.Dispose();
        }
        catch (Exception e)
        {
            throw GuestFailures.FromImplementation(_running ?? "resource.drop", e);
        }
    }
}
