using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
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

    /// <summary>
    /// ECMAScript's QuoteJSONString: quotes, backslashes and the short control escapes, other code units below 0x20
    /// and lone surrogates as lowercase <c>\uXXXX</c>, everything else as it is. Written out rather than through
    /// System.Text.Json, whose escaping differs and whose serializer is not trimming-safe.
    /// </summary>
    private static void Quote(StringBuilder text, string s)
    {
        text.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    bool pairedHigh = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
                    bool pairedLow = char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1]);
                    if (c < 0x20 || (char.IsSurrogate(c) && !pairedHigh && !pairedLow))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
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
                Quote(text, s);
                break;
            case List<object?> list:
                text.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    text.Append(i > 0 ? "," : string.Empty);
                    Write(text, list[i] is JsUndefined or JsFunction or JsSymbol ? null : list[i], import);
                }

                text.Append(']');
                break;
            case JsObject o:
                text.Append('{');
                bool first = true;
                foreach (KeyValuePair<string, object?> property in o.Properties)
                {
                    if (property.Value is JsUndefined or JsFunction or JsSymbol)
                    {
                        continue;
                    }

                    text.Append(first ? string.Empty : ",");
                    first = false;
                    Quote(text, property.Key);
                    text.Append(':');
                    Write(text, property.Value, import);
                }

                text.Append('}');
                break;
            case BigInteger:
                throw new JsException(import, new JsError("Do not know how to serialize a BigInt"));
            default:
                throw new JsException(import, new JsError($"JSON.stringify of a {value.GetType().Name}: Bindgen stringifies null, booleans, numbers, strings, arrays and plain objects"));
        }
    }

    /// <summary>
    /// <c>JSON.parse(text)</c>: objects as <see cref="JsObject"/> (keys in JavaScript's order), arrays as lists,
    /// numbers as doubles. Invalid JSON is a SyntaxError (its message is not V8's).
    /// </summary>
    public static object? Parse(string json, string import)
    {
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(json), new System.Text.Json.JsonReaderOptions { MaxDepth = 512 });
        try
        {
            if (!reader.Read())
            {
                throw new System.Text.Json.JsonException("Unexpected end of JSON input");
            }

            object? value = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new System.Text.Json.JsonException("Unexpected non-whitespace character after JSON");
            }

            return value;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new JsException(import, new JsError(e.Message) { Name = "SyntaxError" });
        }
    }

    private static object? ReadValue(ref System.Text.Json.Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case System.Text.Json.JsonTokenType.StartObject:
                var o = new JsObject();
                while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                {
                    string key = reader.GetString()!;
                    reader.Read();
                    o[key] = ReadValue(ref reader);
                }

                return o;
            case System.Text.Json.JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != System.Text.Json.JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader));
                }

                return list;
            case System.Text.Json.JsonTokenType.String:
                return reader.GetString();
            case System.Text.Json.JsonTokenType.Number:
                return double.Parse(Encoding.UTF8.GetString(reader.ValueSpan), NumberStyles.Float, CultureInfo.InvariantCulture);
            case System.Text.Json.JsonTokenType.True:
                return true;
            case System.Text.Json.JsonTokenType.False:
                return false;
            default:
                return null;
        }
    }
}
