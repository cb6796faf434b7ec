using System;
using System.Collections.Generic;
using System.Numerics;
using Bindgen.WasmBindgen;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// The imports that call a function of the package's own JavaScript (operation
/// <c>snippet:&lt;function&gt;:&lt;arguments&gt;:&lt;result&gt;:&lt;module&gt;</c>, one letter per JavaScript argument as
/// the generator's classifier documents): the wasm arguments become the JavaScript values the glue would pass, the
/// user's C# implementation is called, and its result goes back as the glue returns it.
/// </summary>
internal static class WasmBindgenSnippetCalls
{
    public const string Prefix = "snippet:";

    /// <summary>The import's callback; null when <paramref name="operation"/> is not a snippet call.</summary>
    public static Function.UntypedCallbackDelegate? Create(string? operation, WasmBindgenGuest g, string import, IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results)
    {
        if (operation is null || !operation.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = operation.Substring(Prefix.Length).Split(new[] { ':' }, 4);
        if (parts.Length != 4 || parts[2].Length != 1)
        {
            return null;
        }

        string function = parts[0], letters = parts[1], module = parts[3];
        char result = parts[2][0];
        return (Caller _, ReadOnlySpan<ValueBox> a, Span<ValueBox> r) =>
        {
            var arguments = new object?[letters.Length];
            int next = 0;
            for (int i = 0; i < letters.Length; i++)
            {
                arguments[i] = letters[i] switch
                {
                    'o' => WasmBindgenOperations.In(g, a[next++], import),
                    't' => WasmBindgenOperations.Take(g, a[next++], import),
                    'u' => (double)unchecked((uint)a[next++].AsInt32()),
                    'b' => a[next++].AsInt32() != 0,
                    's' => g.ReadString(a[next++].AsInt32(), a[next++].AsInt32(), import),
                    // getArrayU8FromWasm0 is a view of guest memory in JavaScript; the snippet gets a copy, which cannot go stale.
                    'y' => WasmBindgenGuest.Uint8Array(g.Checked(a[next++].AsInt32(), a[next++].AsInt32(), import)),
                    _ => Raw(g, a[next], parameters[next++], import),
                };
            }

            object? value = g.CallSnippet(module, function, arguments, import);
            if (result == 'v' || r.Length == 0)
            {
                return;
            }

            r[0] = result == 'h' || results[0] == ValueKind.ExternRef ? WasmBindgenOperations.Out(g, value) : Number(value, results[0]);
        };
    }

    /// <summary>An argument passed as it is: a number of its wasm type, or in an externref build the value itself.</summary>
    private static object? Raw(WasmBindgenGuest g, ValueBox box, ValueKind kind, string import) => kind switch
    {
        ValueKind.Int32 => (double)box.AsInt32(),
        ValueKind.Int64 => new BigInteger(box.AsInt64()),
        ValueKind.Float32 => (double)box.AsSingle(),
        ValueKind.Float64 => box.AsDouble(),
        _ => WasmBindgenOperations.In(g, box, import),
    };

    /// <summary>A result returned as it is into a number import: the wasm conversion of the JavaScript value (ToInt32, ToNumber).</summary>
    private static ValueBox Number(object? value, ValueKind kind)
    {
        double number = JsOperators.ToNumber(value);
        return kind switch
        {
            ValueKind.Int32 => double.IsNaN(number) || double.IsInfinity(number) ? 0 : unchecked((int)(uint)(long)(Math.Truncate(number) % 4294967296.0)),
            ValueKind.Int64 => value is BigInteger big ? (long)(ulong)(big & ulong.MaxValue) : (long)number,
            ValueKind.Float32 => (float)number,
            _ => number,
        };
    }
}
