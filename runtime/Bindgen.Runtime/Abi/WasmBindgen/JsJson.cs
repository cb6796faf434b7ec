using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Bindgen.WasmBindgen;

namespace Bindgen.Internals;

/// <summary>JavaScript's <c>JSON.stringify</c> over the values a wasm-bindgen host heap holds, with its output byte for byte.</summary>
internal static class JsJson
{
    /// <summary><c>JSON.stringify(value)</c>: a string, or <c>undefined</c> for undefined (as JavaScript returns).</summary>
    public static object Stringify(object? value, string import)
    {
        if (value is JsUndefined)
        {
            return JsUndefined.Value;
        }

        var text = new StringBuilder();
        Write(text, value, import);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value, string import)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case double d:
                // JSON.stringify writes NaN and the infinities as null, and numbers as JavaScript's ToString does.
                text.Append(double.IsFinite(d) ? JsDisplay.ToJsString(d) : "null");
                break;
            case string s:
                text.Append(JsonSerializer.Serialize(s, JsJsonContext.Options));
                break;
            case List<object?> list:
                text.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    text.Append(i > 0 ? "," : string.Empty);
                    Write(text, list[i] is JsUndefined ? null : list[i], import);
                }

                text.Append(']');
                break;
            case BigInteger:
                throw new JsException(import, new JsError("Do not know how to serialize a BigInt"));
            default:
                throw new JsException(import, new JsError($"JSON.stringify of a {value.GetType().Name}: Bindgen stringifies null, booleans, numbers, strings and arrays of them"));
        }
    }
}

/// <summary>The serializer options JSON.stringify's string escaping matches: only quotes, backslashes and control characters escaped.</summary>
internal static class JsJsonContext
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
