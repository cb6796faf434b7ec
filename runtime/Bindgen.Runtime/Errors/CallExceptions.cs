using System;
using System.Collections.Generic;
using Wasmtime;

namespace Bindgen;

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

/// <summary>
/// The guest broke the call protocol of docs/abi.md in a way no bounds check can see: it did not write its
/// return area, returned a null pointer with a non-zero length, or returned memory the host owns (its own
/// argument block or return area), which the host would otherwise read as a result and free twice.
/// </summary>
public sealed class GuestProtocolException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The export or import during which the violation was seen.</param>
    /// <param name="problem">What the guest did wrong.</param>
    public GuestProtocolException(string operation, string problem)
        : base($"{operation}: the guest broke the call protocol: {problem}")
    {
        Operation = operation;
        Problem = problem;
    }

    /// <summary>The export or import during which the violation was seen.</summary>
    public string Operation { get; }

    /// <summary>What the guest did wrong.</summary>
    public string Problem { get; }
}

/// <summary>
/// An export call succeeded, but releasing its guest memory afterwards failed (the guest's <c>free</c> trapped).
/// The call's result was already copied out and is carried in <see cref="Result"/>; the failures are
/// <see cref="Failures"/> (the first is also the <see cref="Exception.InnerException"/>). A <c>free</c> that traps
/// means the guest's allocator is in an unknown state, so the glue reports it rather than returning as if
/// nothing happened; it never discards the result either.
/// </summary>
public sealed class GuestCleanupException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The export whose cleanup failed.</param>
    /// <param name="result">The export's result (boxed), or null for a void export.</param>
    /// <param name="failures">The cleanup failures, at least one.</param>
    public GuestCleanupException(string operation, object? result, IReadOnlyList<Exception> failures)
        : base($"{operation}: the call succeeded, but freeing its guest memory failed: {First(failures).Message} The result is in {nameof(Result)}.", First(failures))
    {
        Operation = operation;
        Result = result;
        Failures = failures;
    }

    /// <summary>The export whose cleanup failed.</summary>
    public string Operation { get; }

    /// <summary>The export's result, as the binding method would have returned it (boxed), or null for a void export.</summary>
    public object? Result { get; }

    /// <summary>Every cleanup failure, in the order they happened.</summary>
    public IReadOnlyList<Exception> Failures { get; }

    private static Exception First(IReadOnlyList<Exception> failures) =>
        failures is { Count: > 0 } ? failures[0] : throw new ArgumentException("A cleanup exception needs at least one failure.", nameof(failures));
}
