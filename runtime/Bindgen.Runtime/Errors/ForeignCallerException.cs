namespace Bindgen;

/// <summary>
/// Checked mode found a host import bound to its instance (<see cref="InstanceImports"/>) called by another instance:
/// the guest handed the import on (re-exported it, or put it in a table another instance calls through). Unchecked,
/// the call would have read the bound instance's memory. Define such imports on a shared linker instead
/// (docs/host-imports.md), where every call asks which instance is calling.
/// </summary>
public sealed class ForeignCallerException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="binding">The import binding that was called.</param>
    public ForeignCallerException(string binding)
        : base($"An import of '{binding}' bound to one instance was called by another instance (the guest handed the import on). "
            + "Imports that other instances call must be defined on a shared linker (docs/host-imports.md).")
    {
        Binding = binding;
    }

    /// <summary>The import binding that was called.</summary>
    public string Binding { get; }
}
