using System;
using Wasmtime;

namespace Bindgen;

/// <summary>Turns Wasmtime's failures during a guest call into Bindgen's typed exceptions.</summary>
public static class GuestFailures
{
    /// <summary>
    /// The exception to throw for a Wasmtime failure during <paramref name="operation"/>: a trap becomes a
    /// <see cref="GuestTrapException"/> naming the operation.
    /// </summary>
    public static Exception FromWasmtime(string operation, WasmtimeException exception)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        return new GuestTrapException(operation, exception);
    }
}
