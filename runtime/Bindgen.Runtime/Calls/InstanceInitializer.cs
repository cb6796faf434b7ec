using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Runs a module's initializer (for a WASI reactor, <c>_initialize</c>) once per instance, however many bindings
/// are created over it: a reactor's constructors must run exactly once, and newer wasi-libc reactors trap on a
/// second call.
/// </summary>
/// <remarks>
/// Instances are told apart by their <see cref="Wasmtime.Instance"/> object, which is what bindings hold; the
/// record goes away with the object. An initializer that failed is remembered too, so a later binding to the same
/// half-initialized instance fails with the same error instead of calling into it.
/// </remarks>
internal static class InstanceInitializer
{
    private static readonly ConditionalWeakTable<Instance, Outcome> Outcomes = new();

    public static void RunOnce(Instance instance, Action initializer, string operation)
    {
        Outcome outcome;
        lock (Outcomes)
        {
            if (Outcomes.TryGetValue(instance, out Outcome? previous))
            {
                previous.Failure?.Throw();
                return;
            }

            outcome = new Outcome();
            Outcomes.Add(instance, outcome);
        }

        try
        {
            initializer();
        }
        catch (WasmtimeException e)
        {
            Exception failure = GuestFailures.FromWasmtime(operation, e);
            outcome.Failure = ExceptionDispatchInfo.Capture(failure);
            throw failure;
        }
    }

    private sealed class Outcome
    {
        public ExceptionDispatchInfo? Failure { get; set; }
    }
}
