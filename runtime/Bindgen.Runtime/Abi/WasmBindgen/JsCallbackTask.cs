using System;
using System.Threading.Tasks;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>
/// The result of a C# callback that returns a <see cref="Task"/> or <see cref="Task{TResult}"/> (a JavaScript function
/// whose promise the module takes): the task's outcome, made a JavaScript promise of the instance when the value reaches
/// the module (the promise's jobs run on the instance's microtask queue). A completed task is a fulfilled promise of its
/// value, a faulted or canceled one a rejected promise (a <see cref="JsException"/>'s value, else a JavaScript
/// <c>Error</c> with the exception's message). A task still running when the callback returns is
/// <see cref="JsPromisePendingException"/>, thrown from the call: the module runs on its store's thread, which has no
/// event loop to wait in, as for an async export's promise still pending after its microtasks ran.
/// </summary>
internal sealed class JsCallbackTask
{
    private readonly bool _fulfilled;
    private readonly object? _value;

    private JsCallbackTask(bool fulfilled, object? value)
    {
        _fulfilled = fulfilled;
        _value = value;
    }

    /// <summary>The outcome of <paramref name="task"/>, which <paramref name="callback"/> returned.</summary>
    public static JsCallbackTask Of(Task task, string callback)
    {
        if (!task.IsCompleted)
        {
            throw new JsPromisePendingException(callback, $"{callback}: the C# callback returned a Task that is still running; the module runs on its store's thread, which has no event loop to wait for it (complete the task before returning it)");
        }

        if (task.Status == TaskStatus.RanToCompletion)
        {
            Type type = task.GetType();
            object? value = type.IsGenericType && type.GetProperty("Result") is { } result && result.PropertyType != typeof(void) && result.PropertyType.Name != "VoidTaskResult"
                ? result.GetValue(task)
                : JsUndefined.Value;
            return new JsCallbackTask(true, JsConvert.ToJs(value));
        }

        Exception error = task.IsCanceled ? new TaskCanceledException(task) : task.Exception!.InnerException ?? task.Exception;
        return new JsCallbackTask(false, error is JsException js ? js.Value : new JsError(error.Message));
    }

    /// <summary>The settled promise, on the instance's microtask queue.</summary>
    public JsPromise ToPromise(JsMicrotasks jobs)
    {
        var promise = new JsPromise(jobs);
        if (_fulfilled)
        {
            promise.Resolve(_value);
        }
        else
        {
            promise.Reject(_value);
        }

        return promise;
    }
}
