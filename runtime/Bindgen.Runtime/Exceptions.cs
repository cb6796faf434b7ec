using System;
using Wasmtime;

namespace Bindgen;

/// <summary>Base type of every exception Bindgen's runtime and generated glue throw.</summary>
public abstract class BindgenException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected BindgenException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>A module does not export a function, memory or allocator that a binding needs.</summary>
public sealed class MissingExportException : BindgenException
{
    /// <summary>Creates the exception for the named export.</summary>
    /// <param name="binding">The binding (interface or convention) that needs the export.</param>
    /// <param name="exportName">The export the module lacks.</param>
    /// <param name="kind">What the export should be: "function" or "memory".</param>
    public MissingExportException(string binding, string exportName, string kind)
        : base($"{binding}: the module has no {kind} export named '{exportName}'.")
    {
        Binding = binding;
        ExportName = exportName;
    }

    /// <summary>The binding (interface or convention) that needs the export.</summary>
    public string Binding { get; }

    /// <summary>The export the module lacks.</summary>
    public string ExportName { get; }
}

/// <summary>A module exports a function under the expected name but with another wasm signature.</summary>
public sealed class ExportSignatureException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="binding">The binding that needs the export.</param>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expected">The expected wasm signature, for example <c>(i32, i32) -&gt; i32</c>.</param>
    /// <param name="actual">The signature the module declares.</param>
    public ExportSignatureException(string binding, string exportName, string expected, string actual)
        : base($"{binding}: export '{exportName}' has signature {actual}, but the binding expects {expected}.")
    {
        Binding = binding;
        ExportName = exportName;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The binding that needs the export.</summary>
    public string Binding { get; }

    /// <summary>The export's name.</summary>
    public string ExportName { get; }

    /// <summary>The expected wasm signature.</summary>
    public string Expected { get; }

    /// <summary>The signature the module declares.</summary>
    public string Actual { get; }
}

/// <summary>
/// A guest-supplied pointer and length do not lie inside the guest's linear memory, their sum
/// overflows, or the length exceeds what a .NET buffer can hold. Nothing was read or written.
/// </summary>
public sealed class GuestPointerOutOfBoundsException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The export or import during which the pointer was seen.</param>
    /// <param name="address">The guest address, as an unsigned 32-bit value.</param>
    /// <param name="length">The length, as an unsigned 32-bit value.</param>
    /// <param name="memoryLength">The memory's length in bytes when the check ran.</param>
    public GuestPointerOutOfBoundsException(string operation, uint address, uint length, long memoryLength)
        : base($"{operation}: guest range [0x{address:X8}, +{length}) is outside guest memory of {memoryLength} bytes"
               + (length > int.MaxValue ? " (length exceeds int.MaxValue)" : (ulong)address + length > uint.MaxValue ? " (address + length overflows)" : "")
               + ".")
    {
        Operation = operation;
        Address = address;
        Length = length;
        MemoryLength = memoryLength;
    }

    /// <summary>The export or import during which the pointer was seen.</summary>
    public string Operation { get; }

    /// <summary>The guest address.</summary>
    public uint Address { get; }

    /// <summary>The length in bytes.</summary>
    public uint Length { get; }

    /// <summary>The memory's length in bytes when the check ran.</summary>
    public long MemoryLength { get; }
}

/// <summary>The guest trapped while running an export (or an allocator call made for it).</summary>
public sealed class GuestTrapException : BindgenException
{
    /// <summary>Creates the exception, wrapping Wasmtime's trap.</summary>
    /// <param name="operation">The export that was running.</param>
    /// <param name="trap">Wasmtime's exception.</param>
    public GuestTrapException(string operation, WasmtimeException trap)
        : base($"{operation}: the guest trapped: {trap.Message}", trap)
    {
        Operation = operation;
    }

    /// <summary>The export that was running.</summary>
    public string Operation { get; }

    /// <summary>Wasmtime's trap code, when the failure was a trap.</summary>
    public TrapCode? TrapCode => (InnerException as TrapException)?.Type;
}

/// <summary>The guest's allocator returned 0 (out of memory) for an allocation the glue needed.</summary>
public sealed class GuestAllocationException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The export or import the allocation was for.</param>
    /// <param name="size">The requested size in bytes.</param>
    public GuestAllocationException(string operation, int size)
        : base($"{operation}: the guest allocator could not allocate {size} bytes.")
    {
        Operation = operation;
        Size = size;
    }

    /// <summary>The export or import the allocation was for.</summary>
    public string Operation { get; }

    /// <summary>The requested size in bytes.</summary>
    public int Size { get; }
}

/// <summary>
/// Checked mode found that guest memory moved or changed length while a view of it was in use:
/// the view was stale. Only thrown when <see cref="GuestMemoryOptions.CheckViews"/> is on.
/// </summary>
public sealed class StaleViewException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The export or import that held the view.</param>
    /// <param name="baseBefore">The memory base address when the view was taken.</param>
    /// <param name="lengthBefore">The memory length when the view was taken.</param>
    /// <param name="baseAfter">The memory base address when the view was released.</param>
    /// <param name="lengthAfter">The memory length when the view was released.</param>
    public StaleViewException(string operation, nint baseBefore, long lengthBefore, nint baseAfter, long lengthAfter)
        : base($"{operation}: guest memory changed while a view of it was in use "
               + $"(base 0x{baseBefore:X} -> 0x{baseAfter:X}, length {lengthBefore} -> {lengthAfter}).")
    {
        Operation = operation;
    }

    /// <summary>The export or import that held the view.</summary>
    public string Operation { get; }
}

/// <summary>
/// The host implementation of an import threw while the guest was calling it. The guest call is aborted (as
/// by a trap) and the original exception is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class HostImportException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="import">The import whose implementation threw.</param>
    /// <param name="innerException">What the implementation threw.</param>
    /// <param name="operation">The export that was running, when known.</param>
    public HostImportException(string import, Exception innerException, string? operation = null)
        : base((operation is null ? string.Empty : operation + ": ") + $"the host implementation of {import} threw {innerException?.GetType().Name}: {innerException?.Message}", innerException)
    {
        Import = import;
        Operation = operation;
    }

    /// <summary>The import whose implementation threw.</summary>
    public string Import { get; }

    /// <summary>The export that was running when the import was called, or null inside the import.</summary>
    public string? Operation { get; }
}
