using System;
using System.Collections.Generic;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>Turns failures during guest calls and host imports into Bindgen's typed exceptions.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GuestFailures
{
    /// <summary>
    /// The key in <see cref="Exception.Data"/> under which the glue records cleanup failures (an
    /// <see cref="IReadOnlyList{T}"/> of <see cref="Exception"/>) that happened after the exception was raised.
    /// </summary>
    public const string CleanupFailuresKey = "Bindgen.CleanupFailures";

    /// <summary>
    /// The cleanup failures recorded on <paramref name="exception"/>: a guest <c>free</c> that failed while the glue
    /// released a failed call's guest memory. The exception itself is the call's real outcome. Empty when none.
    /// </summary>
    public static IReadOnlyList<Exception> CleanupFailuresOf(Exception exception) =>
        exception?.Data[CleanupFailuresKey] as IReadOnlyList<Exception> ?? Array.Empty<Exception>();

    /// <summary>
    /// The exception to throw for a Wasmtime failure during <paramref name="operation"/>. A failure of a host
    /// import (its implementation threw, or the guest passed it a bad pointer) surfaces as what the import
    /// raised, attributed to the export; a cancelled call (also one cancelled in a nested call) as
    /// <see cref="GuestCanceledException"/>; exhausted fuel as <see cref="GuestOutOfFuelException"/>; anything else
    /// is a <see cref="GuestTrapException"/> naming the export.
    /// </summary>
    public static Exception FromWasmtime(string operation, WasmtimeException exception)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        for (Exception? cause = exception.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is HostImportException import)
            {
                return new HostImportException(import.Import, import.InnerException!, operation);
            }

            if (cause is BindgenException bindgen)
            {
                return bindgen;
            }

            // Bindgen's epoch callback, or a nested export of a re-entrant call that was cancelled.
            if (cause is OperationCanceledException canceled)
            {
                return new GuestCanceledException(operation, canceled.CancellationToken, cause);
            }
        }

        return exception is TrapException { Type: TrapCode.OutOfFuel }
            ? new GuestOutOfFuelException(operation, exception)
            : new GuestTrapException(operation, exception);
    }

    /// <summary>
    /// The exception to throw from import glue when the import's implementation threw
    /// <paramref name="exception"/>. Bindgen's own exceptions pass through unchanged, and so does the
    /// <see cref="GuestCanceledException"/> of a nested export call, so a cancellation unwinds every level; any other
    /// exception (an <see cref="OperationCanceledException"/> the implementation threw itself included) becomes a
    /// <see cref="HostImportException"/>.
    /// </summary>
    public static Exception FromImplementation(string import, Exception exception)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        return exception is BindgenException or GuestCanceledException ? exception : new HostImportException(import, exception);
    }
}
