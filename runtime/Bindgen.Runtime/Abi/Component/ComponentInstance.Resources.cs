using System;
using System.Collections.Generic;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// Resources: the instance's handle table, the <c>resource.new</c>, <c>resource.rep</c> and <c>resource.drop</c>
/// built-ins the guest imports, and the host's side of handles to resources the component defines (lifting an
/// <c>own</c> result, lowering an <c>own</c> argument, dropping one the host owns, and drops deferred from finalizers).
/// A handle the canonical ABI says must trap on is a <see cref="ComponentHandleException"/> naming the call.
/// </summary>
public sealed partial class ComponentInstance
{
    private readonly ComponentHandleTable _handles = new();
    private readonly DeferredDrops _finalized = new();
    private readonly List<(string Name, Action<int>? Destructor)> _resources = new();

    /// <summary>The store's thread check, for destructors the host runs outside an export call (Dispose, deferred drops).</summary>
    private StoreGate? _gate;

    /// <summary>Handles the guest holds now (its handle table's live entries).</summary>
    public int HandleCount => _handles.Count;

    /// <summary>Drops of resources finalized undisposed, waiting for the instance's next call.</summary>
    public int PendingDrops => _finalized.Count;

    /// <summary>Declares resource type <paramref name="type"/> (numbered from 0 by the generated code), named <paramref name="name"/> in messages.</summary>
    public void DefineResource(int type, string name)
    {
        while (_resources.Count <= type)
        {
            _resources.Add((string.Empty, null));
        }

        _resources[type] = (name ?? throw new ArgumentNullException(nameof(name)), null);
    }

    /// <summary>The destructor of resource type <paramref name="type"/>: export <paramref name="export"/> of core instance <paramref name="instance"/>, <c>(i32) -&gt; ()</c>.</summary>
    /// <exception cref="BindingException">The export is missing or has another signature.</exception>
    public void SetDestructor(int type, int instance, string export, string binding)
    {
        ExportResolver exports = Exports(instance, binding);
        _resources[type] = (_resources[type].Name, exports.Action<int>(export, "(i32) -> ()"));
        _gate ??= exports.StoreGate;
        ThrowIfProblems();
    }

    /// <summary>The built-in <c>resource.new</c> for <paramref name="type"/>: a new owning handle for a representation.</summary>
    public Function ResourceNew(int type) => Function.FromCallback(Store, (int rep) => _handles.Add(type, rep, own: true));

    /// <summary>The built-in <c>resource.rep</c> for <paramref name="type"/>: the representation behind a handle.</summary>
    public Function ResourceRep(int type) => Function.FromCallback(Store, (int handle) => Lookup(type, handle, "resource.rep").Rep);

    /// <summary>The built-in <c>resource.drop</c> for <paramref name="type"/>: removes a handle; an owning one runs the destructor.</summary>
    public Function ResourceDrop(int type) => Function.FromCallback(Store, (int handle) =>
    {
        ComponentHandleTable.Entry entry = Lookup(type, handle, "resource.drop");
        if (entry.Lends != 0)
        {
            throw Refused("resource.drop", handle, $"it is lent to {entry.Lends} call(s) that have not returned");
        }

        _handles.Remove(handle);
        if (entry.Own)
        {
            RunDestructor(type, entry.Rep, _running ?? "resource.drop");
        }
        else
        {
            _liveCallBorrows--; // only the host lends borrowed handles to the guest: resources it implements
        }
    });

    /// <summary>
    /// Lifts an <c>own</c> handle the guest returned: it must be a live owning handle of <paramref name="type"/> that no
    /// call borrows; it leaves the guest's table, and the host owns the representation.
    /// </summary>
    /// <exception cref="ComponentHandleException">The handle does not exist, is of another type, is a borrow or is lent.</exception>
    public int LiftOwn(int type, int handle, string operation)
    {
        ComponentHandleTable.Entry entry = Lookup(type, handle, operation);
        if (!entry.Own)
        {
            throw Refused(operation, handle, "it is a borrowed handle, not an owning one");
        }

        if (entry.Lends != 0)
        {
            throw Refused(operation, handle, $"it is lent to {entry.Lends} call(s) that have not returned");
        }

        _handles.Remove(handle);
        return entry.Rep;
    }

    /// <summary>Lowers an <c>own</c> argument: the guest receives a new owning handle for the representation.</summary>
    public int LowerOwn(int type, int rep) => _handles.Add(type, rep, own: true);

    /// <summary>
    /// Drops a resource the host owns (its <c>Dispose</c>): runs the destructor as a call of its own. Nothing runs in
    /// an instance a failed call left unusable; a drop while the instance runs a call (from an import), or while
    /// another thread is in a call on the store, waits for the next call, as a finalized one does.
    /// </summary>
    public void DropOwned(int type, int rep, string operation)
    {
        if (_poison is not null)
        {
            return;
        }

        if (_running is not null)
        {
            _finalized.Enqueue(type, rep);
            return;
        }

        // The thread check first: a Dispose while another thread is in a call on the store waits for the next call.
        StoreGate.Holder? entered;
        try
        {
            entered = _gate?.Enter(operation);
        }
        catch (StoreInUseException)
        {
            _finalized.Enqueue(type, rep);
            return;
        }

        try
        {
            Enter(operation);
            try
            {
                RunDestructor(type, rep, operation);
            }
            catch (BindgenException e)
            {
                Poison(e);
                throw;
            }
            finally
            {
                Exit();
            }
        }
        finally
        {
            entered?.Leave();
        }
    }

    /// <summary>Queues the drop of a resource finalized undisposed; the instance's next call runs it. Safe from any thread.</summary>
    public void QueueDrop(int type, int rep) => _finalized.Enqueue(type, rep);

    private void DropFinalized(string operation)
    {
        StoreGate.Holder? entered;
        try
        {
            entered = _gate?.Enter(operation);
        }
        catch
        {
            _running = null;
            throw;
        }

        try
        {
            while (_finalized.TryDequeue(out (int Kind, int Value) item))
            {
                RunDestructor(item.Kind, item.Value, $"{operation} (dropping a {_resources[item.Kind].Name} that was never disposed)");
            }
        }
        catch (BindgenException e)
        {
            _running = null;
            Poison(e);
            throw;
        }
        finally
        {
            entered?.Leave();
        }
    }

    private void RunDestructor(int type, int rep, string operation)
    {
        if (_resources[type].Destructor is not { } destructor)
        {
            return;
        }

        try
        {
            destructor(rep);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }
    }

    private ComponentHandleTable.Entry Lookup(int type, int handle, string what)
    {
        if (_handles.Get(handle) is not { } entry)
        {
            throw Refused(what, handle, "no such handle exists (it was never created, or was dropped or moved)");
        }

        return entry.Type == type ? entry : throw Refused(what, handle, $"it is a handle to a {_resources[entry.Type].Name}, not to a {_resources[type].Name}");
    }

    private ComponentHandleException Refused(string what, int handle, string reason) =>
        new(_running is { } running && running != what ? $"{running} ({what})" : what, handle, reason);
}
