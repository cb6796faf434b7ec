using System;
using System.Threading.Tasks;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>Async exports: the instance's microtask queue, and the promise an export returned as a <see cref="Task{T}"/>.</summary>
public sealed partial class WasmBindgenGuest
{
    /// <summary>The instance's microtask queue (promise jobs, <c>queueMicrotask</c>).</summary>
    internal JsMicrotasks Microtasks { get; } = new();

    /// <summary>
    /// Runs the instance's microtasks on this thread until none is left, as Node does when the calling script's
    /// synchronous part ends, then returns the promise <paramref name="value"/> as a task: completed with its value
    /// (as <see cref="Expect{T}"/> converts it), faulted with <see cref="JsException"/> when it rejected, faulted with
    /// <see cref="JsPromisePendingException"/> when it is still pending (Bindgen runs no event loop, so nothing else
    /// could settle it). A value that is not a promise is the result, as <c>await</c> takes it. A trap while the
    /// microtasks run is thrown from the call, as for a synchronous export.
    /// </summary>
    /// <param name="value">The export's result.</param>
    /// <param name="operation">The call, for errors.</param>
    public Task<T> Settle<T>(object? value, string operation)
    {
        try
        {
            Microtasks.Drain();
        }
        catch
        {
            Microtasks.Clear();
            throw;
        }

        if (value is not JsPromise promise)
        {
            return Completed<T>(value, operation);
        }

        return promise.State switch
        {
            JsPromise.Status.Fulfilled => Completed<T>(promise.Result, operation),
            JsPromise.Status.Rejected => Task.FromException<T>(new JsException(operation, promise.Result)),
            _ => Task.FromException<T>(new JsPromisePendingException(operation)),
        };
    }

    private static Task<T> Completed<T>(object? value, string operation)
    {
        try
        {
            return Task.FromResult(typeof(T) == typeof(object) ? (T)value! : Expect<T>(value, operation));
        }
        catch (GuestProtocolException e)
        {
            return Task.FromException<T>(e);
        }
    }
}
