using System;

namespace Bindgen;

/// <summary>
/// A call into a component instance that an earlier call left unusable: that call trapped, or failed while the guest
/// was running (a bad value the canonical ABI says must trap, a host import that threw). The component model's rule:
/// after a trap the instance may not be entered again. Create a new instance (in a new store) to continue.
/// </summary>
public sealed class ComponentPoisonedException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The call that was refused.</param>
    /// <param name="cause">The failure that poisoned the instance.</param>
    public ComponentPoisonedException(string operation, Exception cause)
        : base($"{operation}: the component instance is unusable since an earlier call failed in the guest ({cause.GetType().Name}: {cause.Message})", cause)
    {
        Operation = operation;
    }

    /// <summary>The call that was refused.</summary>
    public string Operation { get; }
}

/// <summary>
/// A call into a component instance while it is already running a call: an import implementation called back into one
/// of the instance's exports. The component model refuses re-entrance (a component instance is not re-entrant), as
/// Wasmtime does. Nothing was called.
/// </summary>
public sealed class ComponentReentranceException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The call that was refused.</param>
    /// <param name="running">The call that is running.</param>
    public ComponentReentranceException(string operation, string running)
        : base($"{operation}: the component instance is running '{running}' and cannot be entered again until it returns (components are not re-entrant)")
    {
        Operation = operation;
        Running = running;
    }

    /// <summary>The call that was refused.</summary>
    public string Operation { get; }

    /// <summary>The call that is running.</summary>
    public string Running { get; }
}

/// <summary>
/// A resource handle the canonical ABI says the host must trap on: one that does not exist (never created, already
/// dropped, or moved), one of another resource type, a borrowed handle where an owning one is needed, or one still
/// lent to a call. Raised while the guest runs, so the instance is unusable afterwards, as after a trap.
/// </summary>
public sealed class ComponentHandleException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The call (and built-in) that met the handle.</param>
    /// <param name="handle">The handle's index in the guest's table.</param>
    /// <param name="reason">Why the handle is refused.</param>
    public ComponentHandleException(string operation, int handle, string reason)
        : base($"{operation}: handle {handle} is refused: {reason}")
    {
        Operation = operation;
        Handle = handle;
    }

    /// <summary>The call (and built-in) that met the handle.</summary>
    public string Operation { get; }

    /// <summary>The handle's index in the guest's table.</summary>
    public int Handle { get; }
}
