using System;
using System.Threading;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// A guest call was interrupted because its <see cref="CancellationToken"/> was cancelled. Derives from
/// <see cref="OperationCanceledException"/> (so <c>catch (OperationCanceledException)</c> and
/// <see cref="OperationCanceledException.CancellationToken"/> work as usual) and names the export. The call's
/// temporary guest memory was freed; the store and the binding stay usable.
/// </summary>
public sealed class GuestCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The export that was running.</param>
    /// <param name="token">The token that was cancelled.</param>
    /// <param name="innerException">Wasmtime's error, or the cancellation of a nested call.</param>
    public GuestCanceledException(string operation, CancellationToken token, Exception? innerException = null)
        : base($"{operation}: the call was cancelled.", innerException, token)
    {
        Operation = operation;
    }

    /// <summary>The export that was running.</summary>
    public string Operation { get; }
}

/// <summary>
/// The store ran out of fuel (<see cref="Store.Fuel"/>, with <see cref="Config.WithFuelConsumption"/>) while an
/// export ran. The call's temporary guest memory was freed; after adding fuel the store is usable again.
/// </summary>
public sealed class GuestOutOfFuelException : BindgenException
{
    /// <summary>Creates the exception, wrapping Wasmtime's trap.</summary>
    /// <param name="operation">The export that was running.</param>
    /// <param name="trap">Wasmtime's <see cref="TrapCode.OutOfFuel"/> trap.</param>
    public GuestOutOfFuelException(string operation, WasmtimeException trap)
        : base($"{operation}: the store ran out of fuel; add fuel (Store.Fuel) before calling again.", trap)
    {
        Operation = operation;
    }

    /// <summary>The export that was running.</summary>
    public string Operation { get; }
}

/// <summary>
/// The engine lacks a feature the binding needs, for example epoch interruption for methods that take a
/// <see cref="CancellationToken"/>. Thrown when the binding is created; the message says what to enable.
/// </summary>
public sealed class EngineConfigurationException : BindingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="binding">The binding being created.</param>
    /// <param name="message">What is missing and how to enable it.</param>
    public EngineConfigurationException(string binding, string message)
        : base(binding, $"{binding}: {message}")
    {
    }
}
