using System;
using System.Collections.Generic;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>
/// A JavaScript promise as the host heap holds it: the states and reaction jobs of ECMAScript's Promise, with jobs
/// queued on the instance's <see cref="JsMicrotasks"/> so they run on the thread that called the export, in the order
/// Node runs them.
/// </summary>
internal sealed class JsPromise
{
    private readonly JsMicrotasks _jobs;
    private List<(JsPromise Derived, object? OnFulfilled, object? OnRejected)>? _reactions = new();
    private bool _alreadyResolved;

    public JsPromise(JsMicrotasks jobs) => _jobs = jobs;

    public enum Status
    {
        Pending,
        Fulfilled,
        Rejected,
    }

    public Status State { get; private set; }

    /// <summary>The fulfillment value or the rejection reason.</summary>
    public object? Result { get; private set; }

    /// <summary><c>Promise.resolve(value)</c>: a promise is returned as it is.</summary>
    public static JsPromise ResolvedWith(JsMicrotasks jobs, object? value)
    {
        if (value is JsPromise promise)
        {
            return promise;
        }

        var resolved = new JsPromise(jobs);
        resolved.Resolve(value);
        return resolved;
    }

    /// <summary>The resolving functions <c>new Promise(executor)</c> hands its executor.</summary>
    public (JsFunction Resolve, JsFunction Reject) ResolvingFunctions() =>
        (new JsFunction("resolve", (_, args) => { Resolve(Argument(args, 0)); return JsUndefined.Value; }),
         new JsFunction("reject", (_, args) => { Reject(Argument(args, 0)); return JsUndefined.Value; }));

    /// <summary>The promise resolve function: a thenable (a promise of this runtime) is adopted one job later, as the specification's NewPromiseResolveThenableJob.</summary>
    public void Resolve(object? value)
    {
        if (_alreadyResolved)
        {
            return;
        }

        _alreadyResolved = true;
        if (ReferenceEquals(value, this))
        {
            Settle(Status.Rejected, new JsError("Chaining cycle detected for promise #<Promise>") { Name = "TypeError" });
        }
        else if (value is JsPromise thenable)
        {
            _jobs.Enqueue(() => thenable.Then(
                new JsFunction("resolve", (_, args) => { Settle(Status.Fulfilled, Argument(args, 0), adopt: true); return JsUndefined.Value; }),
                new JsFunction("reject", (_, args) => { Settle(Status.Rejected, Argument(args, 0)); return JsUndefined.Value; })));
        }
        else
        {
            Settle(Status.Fulfilled, value);
        }
    }

    public void Reject(object? reason)
    {
        if (!_alreadyResolved)
        {
            _alreadyResolved = true;
            Settle(Status.Rejected, reason);
        }
    }

    /// <summary><c>promise.then(onFulfilled, onRejected)</c>: a handler that is not a function passes the result on.</summary>
    public JsPromise Then(object? onFulfilled, object? onRejected)
    {
        var derived = new JsPromise(_jobs);
        if (_reactions is { } pending)
        {
            pending.Add((derived, onFulfilled, onRejected));
        }
        else
        {
            Schedule(derived, onFulfilled, onRejected);
        }

        return derived;
    }

    private void Settle(Status state, object? result, bool adopt = false)
    {
        if (State != Status.Pending)
        {
            return;
        }

        if (adopt && result is JsPromise nested)
        {
            // The adopted promise fulfilled with another promise: adopt that one in turn.
            _alreadyResolved = false;
            Resolve(nested);
            return;
        }

        State = state;
        Result = result;
        List<(JsPromise, object?, object?)> reactions = _reactions!;
        _reactions = null;
        foreach ((JsPromise derived, object? onFulfilled, object? onRejected) in reactions)
        {
            Schedule(derived, onFulfilled, onRejected);
        }
    }

    private void Schedule(JsPromise derived, object? onFulfilled, object? onRejected)
    {
        bool fulfilled = State == Status.Fulfilled;
        object? result = Result;
        _jobs.Enqueue(() =>
        {
            if ((fulfilled ? onFulfilled : onRejected) is not JsFunction handler)
            {
                if (fulfilled)
                {
                    derived.Resolve(result);
                }
                else
                {
                    derived.Reject(result);
                }

                return;
            }

            object? value;
            try
            {
                value = handler.Call(JsUndefined.Value, result);
            }
            catch (JsException thrown)
            {
                derived.Reject(thrown.Value);
                return;
            }

            derived.Resolve(value);
        });
    }

    private static object? Argument(object?[] args, int index) => index < args.Length ? args[index] : JsUndefined.Value;

    public override string ToString() => "[object Promise]";
}

/// <summary>
/// The microtask queue of one instance: promise reaction jobs and <c>queueMicrotask</c> callbacks. Bindgen runs no
/// event loop; the queue is drained, on the calling thread, before an async export's method returns, as Node drains
/// it when the calling script's synchronous part ends.
/// </summary>
internal sealed class JsMicrotasks
{
    private readonly Queue<Action> _jobs = new();
    private bool _draining;

    public void Enqueue(Action job) => _jobs.Enqueue(job);

    /// <summary>Runs jobs until the queue is empty, jobs queued meanwhile included; a nested drain (an export called from a job) leaves the work to the outer one.</summary>
    public void Drain()
    {
        if (_draining)
        {
            return;
        }

        _draining = true;
        try
        {
            while (_jobs.Count > 0)
            {
                _jobs.Dequeue()();
            }
        }
        finally
        {
            _draining = false;
        }
    }

    /// <summary>Drops the jobs left after a failure (a trap in a job): the instance is not reused for them.</summary>
    public void Clear() => _jobs.Clear();
}
