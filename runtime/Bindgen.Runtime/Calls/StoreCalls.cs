using System;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>What a generated method's single <c>catch</c> of a Wasmtime failure does, in one call.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StoreCalls
{
    /// <summary>
    /// The typed exception for a Wasmtime failure of <paramref name="operation"/> (<see cref="GuestFailures.FromWasmtime"/>),
    /// noted as the outcome of <paramref name="call"/> for its span and metrics, as <see cref="StoreCall.Failed"/> notes
    /// any other exception; the caller throws it.
    /// </summary>
    /// <param name="call">The call that failed.</param>
    /// <param name="operation">The operation, as exceptions name it.</param>
    /// <param name="exception">What Wasmtime threw.</param>
    /// <returns>The exception to throw.</returns>
    public static Exception Fail(StoreCall call, string operation, WasmtimeException exception)
    {
        Exception failure = GuestFailures.FromWasmtime(operation, exception);
        call.Failed(failure);
        return failure;
    }
}
