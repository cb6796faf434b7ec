using System;
using System.Globalization;
using Bindgen.WasmBindgen;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// A Rust closure the module handed out as a JavaScript function (<c>Closure::new</c>, through
/// <c>__wbindgen_closure_wrapper*</c>): the glue's <c>makeMutClosure</c>/<c>makeClosure</c> state (the closure's two
/// words, a count of holders, its destructor's index in the module's function table). Calling it calls the module's
/// adapter export with the two words and the arguments; the module drops it with <c>__wbindgen_cb_drop</c>, and the
/// destructor runs when the last holder lets go, exactly as in the glue.
/// </summary>
internal sealed class GuestClosure
{
    private readonly WasmBindgenGuest _guest;
    private readonly string _adapter;
    private readonly string _table;
    private readonly int _destructor;
    private readonly bool _mutable;
    private readonly int _arity;
    private int _a;
    private readonly int _b;
    private int _count = 1;

    private GuestClosure(WasmBindgenGuest guest, string[] operation, int a, int b)
    {
        _guest = guest;
        _mutable = operation[1] == "mut";
        _destructor = int.Parse(operation[2], CultureInfo.InvariantCulture);
        _table = operation[3];
        _adapter = operation[4];
        _arity = int.Parse(operation[5], CultureInfo.InvariantCulture);
        _a = a;
        _b = b;
    }

    /// <summary>The function for operation <c>closure:mut|ref:destructor:table:adapter:arity</c> over the closure's words.</summary>
    public static JsFunction Create(WasmBindgenGuest guest, string[] operation, int a, int b, string import)
    {
        var state = new GuestClosure(guest, operation, a, b);
        return new JsFunction("closure", (_, args) => state.Call(args, import)) { Closure = state };
    }

    /// <summary><c>__wbindgen_cb_drop</c>: the module lets go of its closure; true when it was the last holder (the module then frees it itself).</summary>
    public static bool Drop(object? function, string import)
    {
        if (function is not JsFunction { Closure: GuestClosure state })
        {
            throw new GuestProtocolException(import, $"the module dropped {JsDisplay.ToJsString(function)} as a closure, and it is not one");
        }

        if (state._count-- == 1)
        {
            state._a = 0;
            return true;
        }

        return false;
    }

    /// <summary>Calls <paramref name="adapter"/> with a closure's two words and the arguments, as heap handles or externrefs.</summary>
    public static void Invoke(WasmBindgenGuest g, string adapter, int a, int b, object?[] args, string import)
    {
        Function function = g.Instance?.GetFunction(adapter) ?? throw new MissingExportException(g.Binding, adapter, "function");
        var boxes = new ValueBox[2 + args.Length];
        boxes[0] = a;
        boxes[1] = b;
        for (int i = 0; i < args.Length; i++)
        {
            boxes[2 + i] = WasmBindgenOperations.Out(g, args[i]);
        }

        try
        {
            function.Invoke(boxes);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(import, e);
        }
    }

    private object? Call(object?[] args, string import)
    {
        if (_a == 0)
        {
            // The glue's makeMutClosure sets a to 0 while a call is in progress and after the destructor ran.
            throw new JsException(import, new JsError("closure invoked recursively or after being dropped"));
        }

        _count++;
        int a = _a;
        if (_mutable)
        {
            _a = 0;
        }

        try
        {
            // JavaScript passes undefined for a missing argument (queueMicrotask calls its callback with none) and drops extra ones.
            var passed = new object?[_arity];
            for (int i = 0; i < _arity; i++)
            {
                passed[i] = i < args.Length ? args[i] : JsUndefined.Value;
            }

            Invoke(_guest, _adapter, a, _b, passed, import);
            return JsUndefined.Value;
        }
        finally
        {
            if (--_count == 0)
            {
                Destroy(a, import);
            }
            else if (_mutable)
            {
                _a = a;
            }
        }
    }

    private void Destroy(int a, string import)
    {
        _a = 0;
        object? destructor = _guest.Instance?.GetTable(_table)?.GetElement((uint)_destructor);
        if (destructor is not Function function)
        {
            throw new GuestProtocolException(import, $"the module's table '{_table}' has no function at index {_destructor}, the closure's destructor");
        }

        try
        {
            function.Invoke(a, _b);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(import, e);
        }
    }
}
