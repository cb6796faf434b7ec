namespace Bindgen;

/// <summary>
/// A component passed a WASI handle that its host does not hold (never made, dropped already, or of another resource
/// type). The canonical ABI says the host traps; the call fails and the instance is unusable.
/// </summary>
public sealed class WasiHandleException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The WASI function or drop called.</param>
    /// <param name="handle">The handle passed.</param>
    /// <param name="expected">The resource type expected.</param>
    /// <param name="problem">What is wrong with the handle.</param>
    public WasiHandleException(string operation, int handle, string expected, string problem)
        : base($"{operation}: handle {handle} is not a live {expected}: {problem}")
    {
        Operation = operation;
        Handle = handle;
    }

    /// <summary>The WASI function or drop called.</summary>
    public string Operation { get; }

    /// <summary>The handle passed.</summary>
    public int Handle { get; }
}

/// <summary>
/// A component called <c>wasi:cli/exit</c>'s <c>exit</c>: the call ends there (as a trap ends it) and the instance is
/// unusable afterwards, as on Wasmtime. <see cref="ExitCode"/> is 0 for <c>ok</c> and 1 for <c>err</c>.
/// </summary>
public sealed class WasiExitException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="exitCode">The exit status.</param>
    public WasiExitException(int exitCode)
        : base($"the component called wasi:cli/exit with status {exitCode}")
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit status: 0 for <c>ok</c>, 1 for <c>err</c>.</summary>
    public int ExitCode { get; }
}
