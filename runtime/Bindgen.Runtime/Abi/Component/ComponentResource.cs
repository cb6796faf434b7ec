using System;
using System.ComponentModel;
using System.Threading;
using Bindgen.Internals;

namespace Bindgen;

/// <summary>
/// A resource that a component exports, held by the host: the base of every generated resource class. The host owns
/// it until it is disposed (the component's destructor runs, once) or moved into a call that takes ownership
/// (<c>own&lt;T&gt;</c>); after either, every use throws <see cref="ObjectDisposedException"/> naming the call. One
/// never disposed is dropped by its component instance's next call, on the store's thread: a finalizer never calls
/// into a store.
/// </summary>
public abstract class ComponentResource : IDisposable
{
    private const int Live = 0, Disposed = 1, Moved = 2;

    private readonly ComponentInstance _component;
    private readonly int _type;
    private readonly string _name;
    private readonly int _rep;
    private int _state;

    /// <summary>For generated code: a resource of type <paramref name="type"/> with representation <paramref name="rep"/>, owned by the host.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ComponentResource(ComponentInstance component, int type, int rep, string name)
    {
        _component = component ?? throw new ArgumentNullException(nameof(component));
        _type = type;
        _rep = rep;
        _name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>For generated code: takes over what <paramref name="made"/> owns (a constructor's result), leaving it moved.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ComponentResource(ComponentResource made)
        : this((made ?? throw new ArgumentNullException(nameof(made)))._component, made._type, made._rep, made._name)
    {
        made._state = Moved;
        GC.SuppressFinalize(made);
    }

    /// <summary>Disposed, or moved into a call that took ownership: unusable.</summary>
    public bool IsDisposed => Volatile.Read(ref _state) != Live;

    /// <summary>Drops the resource: the component's destructor runs once; later calls do nothing, as does a call after the resource was moved.</summary>
    /// <exception cref="GuestTrapException">The destructor trapped (the instance is unusable afterwards).</exception>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Disposed, Live) != Live)
        {
            return;
        }

        GC.SuppressFinalize(this);
        _component.DropOwned(_type, _rep, _name + ".Dispose");
    }

    /// <summary>Queues the drop of a resource never disposed: its component instance's next call runs the destructor on the store's thread.</summary>
    ~ComponentResource()
    {
        // A constructor that threw (a null owner, a trap) leaves an object with no component to tell.
        if (_state == Live && _component is not null)
        {
            _component.QueueDrop(_type, _rep);
        }
    }

    /// <summary>For generated code: the representation, lent to a call (<c>borrow&lt;T&gt;</c>) into the component that defines the resource.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> belongs to another component instance.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="value"/> was disposed or moved.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int Borrow(ComponentResource value, ComponentInstance component, string operation, string parameter)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameter, operation + ": a resource argument is null");
        }

        if (!ReferenceEquals(value._component, component))
        {
            throw new ArgumentException($"{operation}: the {value._name} belongs to another component instance, whose handles mean nothing here", parameter);
        }

        return Volatile.Read(ref value._state) switch
        {
            Live => value._rep,
            Moved => throw new ObjectDisposedException(value._name, $"{operation}: this {value._name} was moved into an earlier call, which took ownership of it"),
            _ => throw new ObjectDisposedException(value._name, $"{operation}: this {value._name} was disposed"),
        };
    }

    /// <summary>
    /// For generated code: the measuring pass of a handle inside a list, option, record or other compound argument:
    /// refuses a null, disposed, moved or foreign object, and (with <paramref name="own"/>) one the same call moves
    /// twice, before any handle of the argument is made.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> belongs to another component instance, or the call moves it twice.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="value"/> was disposed or moved.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Check(ComponentResource value, ComponentInstance component, string operation, bool own)
    {
        Borrow(value, component, operation, "value");
        if (own)
        {
            component.PlanMove(value, operation, value._name);
        }
    }

    /// <summary>For generated code: moves the resource into a call that takes ownership (<c>own&lt;T&gt;</c>); the guest gets a new owning handle, and the object is unusable.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> belongs to another component instance.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="value"/> was disposed or moved.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int Move(ComponentResource value, ComponentInstance component, string operation, string parameter)
    {
        int rep = Borrow(value, component, operation, parameter);
        if (Interlocked.CompareExchange(ref value._state, Moved, Live) != Live)
        {
            return Borrow(value, component, operation, parameter); // disposed meanwhile: throws
        }

        GC.SuppressFinalize(value);
        return component.LowerOwn(value._type, rep);
    }
}
