using System;
using System.Collections.Generic;
using System.Numerics;
using System.Security.Cryptography;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// Bindgen's implementations of the JavaScript operations wasm-bindgen imports perform, by the operation names
/// the generator classifies import bodies into (docs/wasm-bindgen.md lists them). A JavaScript value argument or
/// result is a heap handle (i32) or, in an externref build, the value itself; the import's own wasm type says which.
/// </summary>
internal static class WasmBindgenOperations
{
    public static Function.UntypedCallbackDelegate? Create(string operation, WasmBindgenGuest g, string import)
    {
        return operation switch
        {
            "string_new" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import)),
            "error_new" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, new JsError(g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import))),
            "throw" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => throw new JsException(import, new JsError(g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import))),
            "rethrow" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => throw new JsException(import, Take(g, a[0], import)),
            "object_drop_ref" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => g.Heap?.Drop(a[0].AsInt32()),
            "object_clone_ref" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, In(g, a[0], import)),
            "number_new" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, a[0].AsDouble()),
            "bigint_from_u64" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, new BigInteger(unchecked((ulong)a[0].AsInt64()))),
            "bigint_from_i64" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, new BigInteger(a[0].AsInt64())),
            "object_new" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, new JsObject()),
            "array_new" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, new List<object?>()),
            "set_property" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => SetProperty(In(g, a[0], import), In(g, a[1], import), In(g, a[2], import), import),
            "array_push" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Push(In(g, a[0], import), In(g, a[1], import), import),
            "debug_string" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => ReturnString(g, a[0].AsInt32(), Debug(In(g, a[1], import)), import),
            "string_get" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => ReturnString(g, a[0].AsInt32(), In(g, a[1], import) as string, import),
            "error_stack" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => ReturnString(g, a[0].AsInt32(), (In(g, a[1], import) as JsError)?.Stack ?? "undefined", import),
            "number_get" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => ReturnNumber(g, a[0].AsInt32(), In(g, a[1], import), import),
            "boolean_get" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = In(g, a[0], import) is bool b ? (b ? 1 : 0) : 0xFFFFFF,
            "boolean_get_2" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = In(g, a[0], import) is bool b ? (b ? 1 : 0) : 2,
            "is_undefined" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = In(g, a[0], import) is JsUndefined ? 1 : 0,
            "is_null" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = In(g, a[0], import) is null ? 1 : 0,
            "is_string" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = In(g, a[0], import) is string ? 1 : 0,
            "is_object" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = JsOperators.TypeOf(In(g, a[0], import)) == "object" && In(g, a[0], import) is not null ? 1 : 0,
            "is_function" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = In(g, a[0], import) is JsFunction ? 1 : 0,
            "is_bigint" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = In(g, a[0], import) is BigInteger ? 1 : 0,
            "jsval_eq" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = StrictEquals(In(g, a[0], import), In(g, a[1], import)) ? 1 : 0,
            "init_externref_table" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> _) => InitExternrefTable(g, import),
            "console_error" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => Console.Error.WriteLine(g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import)),
            "console_log" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => Console.Out.WriteLine(g.ReadString(a[0].AsInt32(), a[1].AsInt32(), import)),
            "console_error_value" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => Console.Error.WriteLine(JsDisplay.ToJsString(In(g, a[0], import))),
            "console_log_value" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => Console.Out.WriteLine(JsDisplay.ToJsString(In(g, a[0], import))),
            "error_message" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, In(g, a[0], import) is JsError e ? e.Message : JsUndefined.Value),
            "console_error_owned" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => ConsoleErrorOwned(g, a[0].AsInt32(), a[1].AsInt32(), import),
            "random_fill" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => RandomFill(g, a[0].AsInt32(), a[1].AsInt32(), import),
            "error_new_empty" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, new JsError(string.Empty)),
            "length" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Length(In(g, a[0], import), import),
            // new Uint8Array(memory.buffer) is a view of the whole memory (getrandom copies through it), any other source a copy.
            "uint8array_new_from" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, In(g, a[0], import) is JsGuestBuffer ? new JsUint8Array(g, 0, checked((int)g.MemoryLength)) : CopyOf(In(g, a[0], import), import)),
            "uint8array_new_with_length" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, new JsUint8Array(a[0].AsInt32())),
            "uint8array_set" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => Set(In(g, a[0], import), In(g, a[1], import), a[2].AsInt32(), import),
            "subarray" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, Bytes(In(g, a[0], import), import).Subarray(a[1].AsInt32(), a[2].AsInt32())),
            "prototypesetcall" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> _) => Set(new JsUint8Array(g, a[0].AsInt32(), a[1].AsInt32()), In(g, a[2], import), 0, import),
            "memory" => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> r) => r[0] = Out(g, new JsGuestMemory(g)),
            "buffer" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, In(g, a[0], import) is JsGuestMemory m ? new JsGuestBuffer(m.Guest) : throw new JsException(import, new JsError("buffer of a value that is not a WebAssembly.Memory"))),
            "uint8array_view" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, View(g, In(g, a[0], import), a[1].AsInt32(), a[2].AsInt32(), import)),
            "json_stringify" => (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) => r[0] = Out(g, JsJson.Stringify(In(g, a[0], import), import)),
            _ when operation.StartsWith("init_externref_table_at_", StringComparison.Ordinal) => (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> _) =>
                InitExternrefTableAt(g, uint.Parse(operation.Substring("init_externref_table_at_".Length), System.Globalization.CultureInfo.InvariantCulture), import),
            _ => WasmBindgenObjectOperations.Create(operation, g, import),
        };
    }

    /// <summary>A JavaScript value argument: the value itself in an externref build, else a heap handle.</summary>
    internal static object? In(WasmBindgenGuest g, ValueBox box, string import) =>
        g.Heap is { } heap ? heap.Get(box.AsInt32(), import) : box.As<object>();

    internal static object? Take(WasmBindgenGuest g, ValueBox box, string import) =>
        g.Heap is { } heap ? heap.Take(box.AsInt32(), import) : box.As<object>();

    /// <summary>A JavaScript value result: a new heap handle, or the value itself in an externref build.</summary>
    internal static ValueBox Out(WasmBindgenGuest g, object? value)
    {
        // A C# callback's Task becomes a promise of this instance as it reaches the module.
        value = value is JsCallbackTask task ? task.ToPromise(g.Microtasks) : value;
        return g.Heap is { } heap ? heap.Add(value) : ValueBox.AsBox(value);
    }

    private static void SetProperty(object? target, object? key, object? value, string import)
    {
        if (JsObjectFunctions.AssignSpecial(target, key, value, import))
        {
            return;
        }

        switch (target)
        {
            case JsObject o:
                o[JsDisplay.ToJsString(key)] = value;
                break;
            case List<object?> list when key is double d && d >= 0 && d == Math.Floor(d) && d < int.MaxValue:
                while (list.Count <= (int)d)
                {
                    list.Add(JsUndefined.Value);
                }

                list[(int)d] = value;
                break;
            default:
                throw new JsException(import, new JsError($"Cannot set properties of {JsDisplay.ToJsString(target)}"));
        }
    }

    private static int Length(object? value, string import) => value switch
    {
        JsUint8Array array => array.Length,
        string s => s.Length,
        List<object?> list => list.Count,
        null or JsUndefined => throw new JsException(import, new JsError($"Cannot read properties of {JsDisplay.ToJsString(value)} (reading 'length')") { Name = "TypeError" }),
        _ => throw new JsException(import, new JsError($"{JsDisplay.ToJsString(value)} has no length")),
    };

    private static JsUint8Array Bytes(object? value, string import) =>
        value as JsUint8Array ?? throw new JsException(import, new JsError($"{JsDisplay.ToJsString(value)} is not a Uint8Array"));

    /// <summary><c>new Uint8Array(source)</c>: a copy of a typed array, or of an array of numbers (taken modulo 256).</summary>
    private static JsUint8Array CopyOf(object? source, string import) => source switch
    {
        JsUint8Array array => new JsUint8Array(array.Span.ToArray(), 0, array.Length),
        List<object?> list => new JsUint8Array(list.ConvertAll(v => v is double d ? unchecked((byte)(long)d) : (byte)0).ToArray(), 0, list.Count),
        _ => throw new JsException(import, new JsError($"new Uint8Array of {JsDisplay.ToJsString(source)} is not supported")),
    };

    /// <summary><c>target.set(source, offset)</c>: a RangeError when the source does not fit, as in JavaScript.</summary>
    private static void Set(object? target, object? source, int offset, string import)
    {
        JsUint8Array to = Bytes(target, import), from = Bytes(source, import);
        if (offset < 0 || from.Length > to.Length - offset)
        {
            throw new JsException(import, new JsError("offset is out of bounds") { Name = "RangeError" });
        }

        // The source is read before the target's view is taken; neither call can run guest code.
        byte[] bytes = from.Span.ToArray();
        bytes.CopyTo(to.Span.Slice(offset));
    }

    private static JsUint8Array View(WasmBindgenGuest g, object? buffer, int offset, int length, string import)
    {
        if (buffer is not JsGuestBuffer)
        {
            throw new JsException(import, new JsError("new Uint8Array(buffer, offset, length) of a buffer that is not the module's memory is not supported"));
        }

        GuestMemory.CheckRange(offset, length, g.MemoryLength, import);
        return new JsUint8Array(g, offset, length);
    }

    private static ValueBox Push(object? target, object? value, string import)
    {
        if (target is not List<object?> list)
        {
            throw new JsException(import, new JsError("push is not a function"));
        }

        JsObjectFunctions.CheckExtensible(list, list.Count, import);
        list.Add(value);
        return (double)list.Count;
    }

    /// <summary>
    /// Returns a string to the module through <paramref name="area"/> (<c>[ptr, len]</c>, ptr 0 for none): the
    /// allocation first, then a fresh view for the copy and the two words.
    /// </summary>
    internal static void ReturnString(WasmBindgenGuest g, int area, string? value, string import)
    {
        int address = 0, length = 0;
        if (value is not null)
        {
            length = WasmBindgenGuest.Utf8Length(value);
            address = g.Malloc(length, 1, import);
            g.WriteUtf8(address, length, value);
        }

        g.WriteInt32(area + 4, length, import);
        g.WriteInt32(area, address, import);
    }

    private static void ReturnNumber(WasmBindgenGuest g, int area, object? value, string import)
    {
        g.WriteFloat64(area + 8, value is double d ? d : 0, import);
        g.WriteInt32(area, value is double ? 1 : 0, import);
    }

    private static void InitExternrefTable(WasmBindgenGuest g, string import)
    {
        Table table = g.Externrefs ?? throw new GuestProtocolException(import, "the module has no externref table to initialize");
        uint offset = (uint)table.Grow(4, null);
        table.SetElement(0, JsUndefined.Value);
        table.SetElement(offset, JsUndefined.Value);
        table.SetElement(offset + 1, null);
        table.SetElement(offset + 2, true);
        table.SetElement(offset + 3, false);
    }

    /// <summary>Newer glue's set-up: the four well-known values at the slots the module reserved (undefined, null, true, false).</summary>
    private static void InitExternrefTableAt(WasmBindgenGuest g, uint at, string import)
    {
        Table table = g.Externrefs ?? throw new GuestProtocolException(import, "the module has no externref table to initialize");
        if (at + 4 > table.GetSize())
        {
            throw new GuestProtocolException(import, $"the glue fills externref-table slots {at} to {at + 3}, past the table's {table.GetSize()} slots");
        }

        table.SetElement(0, JsUndefined.Value);
        table.SetElement(at, JsUndefined.Value);
        table.SetElement(at + 1, null);
        table.SetElement(at + 2, true);
        table.SetElement(at + 3, false);
    }

    private static void ConsoleErrorOwned(WasmBindgenGuest g, int address, int length, string import)
    {
        string message = g.ReadString(address, length, import);
        g.Free(address, length, 1, import);
        Console.Error.WriteLine(message);
    }

    private static void RandomFill(WasmBindgenGuest g, int address, int length, string import)
    {
        RandomNumberGenerator.Fill(g.Checked(address, length, import));
    }

    internal static bool StrictEquals(object? a, object? b) => a switch
    {
        null => b is null,
        double x => b is double y && x == y,
        string s => b is string t && s == t,
        bool x => b is bool y && x == y,
        BigInteger x => b is BigInteger y && x == y,
        _ => ReferenceEquals(a, b),
    };

    /// <summary>wasm-bindgen's <c>debugString</c> for the values the host heap holds.</summary>
    private static string Debug(object? value) => value switch
    {
        null => "null",
        JsUndefined => "undefined",
        string s => "\"" + s + "\"",
        List<object?> list => "[" + string.Join(", ", list.ConvertAll(Debug)) + "]",
        JsError e => $"{e.Name}: {e.Message}\n{e.Stack}",
        JsObject => "Object",
        _ => JsDisplay.ToJsString(value),
    };
}
