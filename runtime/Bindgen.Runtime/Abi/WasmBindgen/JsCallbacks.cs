using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading.Tasks;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>
/// A C# delegate passed where the module takes a JavaScript function (<c>&amp;js_sys::Function</c>, a callback): a
/// <see cref="JsFunction"/> that invokes the delegate, on the thread running the guest, when the module calls it
/// (<c>f.call(this, ...)</c>). A delegate whose one parameter is <c>object?[]</c> receives every argument as JavaScript
/// passed it; any other receives each argument converted to its parameter's type (<c>object</c>: the value as it is;
/// <c>string</c>, <c>double</c>, <c>bool</c>, <c>byte[]</c>, <c>int</c>...), a missing one as JavaScript's
/// <c>undefined</c>. Its result is converted back as an argument is (<c>void</c>: <c>undefined</c>; a <see cref="Task"/>:
/// a promise, see <see cref="JsCallbackTask"/>). An exception it
/// throws is thrown in the module as a JavaScript <c>Error</c> with its message (a <see cref="JsException"/> as its value).
/// </summary>
internal static class JsCallbacks
{
    public static JsFunction FunctionOf(Delegate callback)
    {
        MethodInfo invoke = callback.GetType().GetMethod("Invoke")!;
        ParameterInfo[] parameters = invoke.GetParameters();
        bool variadic = parameters.Length == 1 && parameters[0].ParameterType == typeof(object[]);
        bool returns = invoke.ReturnType != typeof(void);
        return new JsFunction(callback.Method.Name, (_, args) =>
        {
            // Class instances the module passes (ywasm's events, its transaction) are lent for the callback's length.
            List<IWasmBindgenInstance>? loans = null;
            args = Lend(args, ref loans);
            object?[] passed = variadic ? new object?[] { args } : Arguments(parameters, args);
            object? result;
            try
            {
                result = callback.DynamicInvoke(passed);
            }
            catch (TargetInvocationException e) when (e.InnerException is JsException js)
            {
                throw new JsException(js.Operation, js.Value);
            }
            catch (TargetInvocationException e) when (e.InnerException is not BindgenException)
            {
                throw new JsException("a callback", new JsError(e.InnerException!.Message));
            }
            catch (TargetInvocationException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
                throw;
            }
            finally
            {
                loans?.ForEach(loan => loan.EndLoan());
            }

            return result is Task task && typeof(Task).IsAssignableFrom(invoke.ReturnType) ? JsCallbackTask.Of(task, callback.Method.Name)
                : returns ? JsConvert.ToJs(result) : JsUndefined.Value;
        });
    }

    /// <summary>The arguments with each class instance only JavaScript held made a loan of the generated class (one .NET owns stays itself).</summary>
    private static object?[] Lend(object?[] args, ref List<IWasmBindgenInstance>? loans)
    {
        object?[]? lent = null;
        for (int i = 0; i < args.Length; i++)
        {
            object? value = args[i];
            if (value is JsClassInstance made)
            {
                value = Lend(made, ref loans);
            }
            else if (value is List<object?> list && list.Exists(e => e is JsClassInstance))
            {
                // observeDeep's array of events: a copy holding the loans (the module's array keeps its values).
                var copy = new List<object?>(list);
                for (int j = 0; j < copy.Count; j++)
                {
                    copy[j] = copy[j] is JsClassInstance element ? Lend(element, ref loans) : copy[j];
                }

                value = copy;
            }

            if (!ReferenceEquals(value, args[i]))
            {
                lent ??= (object?[])args.Clone();
                lent[i] = value;
            }
        }

        return lent ?? args;
    }

    private static object Lend(JsClassInstance made, ref List<IWasmBindgenInstance>? loans)
    {
        if (made.Owner is { } owner)
        {
            return owner;
        }

        if (made.Adopt(lent: true) is not { } instance)
        {
            return made;
        }

        (loans ??= new List<IWasmBindgenInstance>()).Add(instance);
        return instance;
    }

    private static object?[] Arguments(ParameterInfo[] parameters, object?[] args)
    {
        var passed = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            passed[i] = Convert(i < args.Length ? args[i] : JsUndefined.Value, parameters[i].ParameterType);
        }

        return passed;
    }

    private static object? Convert(object? value, Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(object) || (value is not null and not JsUndefined && target.IsInstanceOfType(value)))
        {
            return value;
        }

        return value switch
        {
            null or JsUndefined when !type.IsValueType || Nullable.GetUnderlyingType(type) is not null => null,
            JsUint8Array array when target == typeof(byte[]) => array.Span.ToArray(),
            double d when target.IsPrimitive => System.Convert.ChangeType(d, target, System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new JsException("a callback", new JsError($"{JsDisplay.ToJsString(value)} cannot be passed to a C# callback's {type.Name} parameter") { Name = "TypeError" }),
        };
    }
}
