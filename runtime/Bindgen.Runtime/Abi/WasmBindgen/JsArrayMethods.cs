using System;
using System.Collections.Generic;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>
/// Methods of <c>Array.prototype</c> a module reads as properties of an array and then calls through
/// <c>Function.prototype.apply</c> or <c>call</c> (automerge applies its patches with <c>Reflect.get(array, "splice")</c>
/// and <c>apply</c>): <c>splice</c>, <c>push</c>, <c>unshift</c>.
/// </summary>
internal static class JsArrayMethods
{
    private static readonly JsFunction Splice = new("splice", (self, args) => SpliceOf(ListOf(self, "splice"), args));

    private static readonly JsFunction Push = new("push", (self, args) =>
    {
        List<object?> list = ListOf(self, "push");
        JsObjectFunctions.CheckExtensible(list, list.Count, "Array.prototype.push");
        list.AddRange(args);
        return (double)list.Count;
    });

    private static readonly JsFunction Unshift = new("unshift", (self, args) =>
    {
        List<object?> list = ListOf(self, "unshift");
        JsObjectFunctions.CheckExtensible(list, list.Count, "Array.prototype.unshift");
        list.InsertRange(0, args);
        return (double)list.Count;
    });

    /// <summary>The method of that name, or null.</summary>
    public static JsFunction? Find(string name) => name switch
    {
        "splice" => Splice,
        "push" => Push,
        "unshift" => Unshift,
        _ => null,
    };

    private static List<object?> ListOf(object? self, string method) =>
        self as List<object?> ?? throw new JsException("Array.prototype." + method, new JsError($"Array.prototype.{method} called on a value that is not an array") { Name = "TypeError" });

    /// <summary><c>array.splice(start, deleteCount, ...items)</c>: the removed elements as a new array.</summary>
    private static List<object?> SpliceOf(List<object?> list, object?[] args)
    {
        int length = list.Count;
        int start = args.Length > 0 ? Relative(JsOperators.ToNumber(args[0]), length) : length;
        int delete = args.Length switch
        {
            0 => 0,
            1 => length - start,
            _ => (int)Math.Min(Math.Max(Integer(JsOperators.ToNumber(args[1])), 0), length - start),
        };
        if (JsOwnProperties.IsFrozen(list) && (delete > 0 || args.Length > 2))
        {
            throw new JsException("Array.prototype.splice", new JsError($"Cannot add property {start}, object is not extensible") { Name = "TypeError" });
        }

        List<object?> removed = list.GetRange(start, delete);
        list.RemoveRange(start, delete);
        for (int i = 2; i < args.Length; i++)
        {
            list.Insert(start + i - 2, args[i]);
        }

        return removed;
    }

    private static double Integer(double d) => double.IsNaN(d) ? 0 : Math.Truncate(d);

    private static int Relative(double value, int length)
    {
        double n = Integer(value);
        return (int)(n < 0 ? Math.Max(length + n, 0) : Math.Min(n, length));
    }
}
