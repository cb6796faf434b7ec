using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using Bindgen.Internals;

namespace Bindgen.WasmBindgen;

/// <summary>
/// Converts .NET values to the JavaScript values a wasm-bindgen module reads (an options object serde walks) and
/// back (a structured result). Numbers become JavaScript numbers (<see cref="double"/>), a <see cref="long"/> or
/// <see cref="ulong"/> beyond 2^53 a BigInt, strings and booleans stay, <see cref="IDictionary"/>s become plain
/// objects, other sequences arrays, byte arrays <c>Uint8Array</c>s. Records and other classes are mapped by the
/// generated binding, property by property (camelCase, or the name <c>[JsonPropertyName]</c> gives).
/// </summary>
public static class JsConvert
{
    private const double MaxSafeInteger = 9007199254740991d;

    /// <summary>The JavaScript value for <paramref name="value"/>.</summary>
    /// <param name="value">A number, string, boolean, null, a JavaScript value, a dictionary with string keys, or a sequence of these.</param>
    /// <exception cref="ArgumentException">The value is of a class Bindgen cannot map without the generated binding.</exception>
    public static object? ToJs(object? value) => value switch
    {
        null or JsUndefined or string or bool or double or BigInteger or JsObject or JsUint8Array or JsError => value,
        // A list of JavaScript values (an array from the module) is that array; a C# list of other values is converted.
        List<object?> list => list.TrueForAll(e => ReferenceEquals(ToJs(e), e)) ? list : list.ConvertAll(ToJs),
        JsGuestMemory or JsGuestBuffer or JsFunction or JsSymbol or JsMap or JsSet or JsDate => value,
        // A class instance (the generated class's, or one only JavaScript holds) crosses as itself: the module reads its __wbg_ptr.
        Internals.IWasmBindgenInstance or Internals.JsClassInstance => value,
        DateTimeOffset instant => JsDate.From(instant),
        int or uint or short or ushort or byte or sbyte or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        long l => Math.Abs((double)l) <= MaxSafeInteger ? (double)l : new BigInteger(l),
        ulong u => u <= (ulong)MaxSafeInteger ? (double)u : new BigInteger(u),
        char c => c.ToString(),
        byte[] bytes => new JsUint8Array(bytes, 0, bytes.Length),
        Delegate callback => Internals.JsCallbacks.FunctionOf(callback),
        IDictionary dictionary => ToObject(dictionary),
        IEnumerable<KeyValuePair<string, object?>> entries => Object(entries, ToJs),
        IEnumerable sequence => ToArray(sequence),
        _ => throw new ArgumentException($"A {value.GetType().Name} is not a JavaScript value Bindgen can make; declare the parameter as that type (the binding then maps its properties) or pass a JsObject or a dictionary.", nameof(value)),
    };

    /// <summary>A plain object of <paramref name="entries"/>, each value converted by <paramref name="convert"/>; null stays null.</summary>
    /// <typeparam name="TValue">The values' type.</typeparam>
    /// <param name="entries">The properties.</param>
    /// <param name="convert">The conversion of a value.</param>
    public static JsObject? Object<TValue>(IEnumerable<KeyValuePair<string, TValue>>? entries, Func<TValue, object?> convert)
    {
        if (entries is null)
        {
            return null;
        }

        var result = new JsObject();
        foreach (KeyValuePair<string, TValue> entry in entries)
        {
            result[entry.Key] = convert(entry.Value);
        }

        return result;
    }

    /// <summary>An array of <paramref name="items"/>, each converted by <paramref name="convert"/>; null stays null.</summary>
    /// <typeparam name="T">The items' type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="convert">The conversion of an item.</param>
    public static List<object?>? Array<T>(IEnumerable<T>? items, Func<T, object?> convert)
    {
        if (items is null)
        {
            return null;
        }

        var result = new List<object?>();
        foreach (T item in items)
        {
            result.Add(convert(item));
        }

        return result;
    }

    /// <summary>
    /// A JavaScript value as <typeparamref name="T"/>: <see cref="object"/> (the value as it is), <see cref="JsObject"/>,
    /// <see cref="string"/>, <see cref="bool"/>, a number type, their nullable forms (null and <c>undefined</c> are
    /// null), <see cref="byte"/>[] (from a <c>Uint8Array</c> or an array of numbers), or a dictionary or list of
    /// <see cref="object"/>.
    /// </summary>
    /// <typeparam name="T">The declared type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for the error.</param>
    /// <exception cref="GuestProtocolException">The value is not of that type.</exception>
    public static T FromJs<T>(object? value, string operation)
    {
        Type type = typeof(T);
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (value is null or JsUndefined && (underlying is not null || !type.IsValueType))
        {
            return type == typeof(object) ? (T)value! : default!;
        }

        object? converted = (underlying ?? type) switch
        {
            Type t when t == typeof(object) => value,
            Type t when t == typeof(double) && value is double => value,
            Type t when t == typeof(float) && value is double d => (float)d,
            Type t when IsInteger(t) && value is double d && d == Math.Floor(d) => ToInteger(t, d),
            Type t when (t == typeof(long) || t == typeof(ulong)) && value is BigInteger i => t == typeof(long) ? (object)(long)i : (ulong)i,
            Type t when t == typeof(byte[]) && value is JsUint8Array array => array.Span.ToArray(),
            Type t when t == typeof(byte[]) && value is List<object?> list => list.ConvertAll(e => e is double d ? (byte)d : throw Mismatch(e, typeof(byte), operation)).ToArray(),
            Type t when t == typeof(Dictionary<string, object?>) || t == typeof(IReadOnlyDictionary<string, object?>) || t == typeof(IDictionary<string, object?>) => value is JsObject o ? ToDictionary(o, operation, x => x) : null,
            Type t when t == typeof(List<object?>) || t == typeof(IReadOnlyList<object?>) || t == typeof(IList<object?>) => value as List<object?>,
            Type t when t == typeof(object[]) => (value as List<object?>)?.ToArray(),
            _ => value,
        };
        return converted is T typed ? typed : throw Mismatch(value, type, operation);
    }

    /// <summary>A JavaScript array as a list, each element converted by <paramref name="convert"/> (null and <c>undefined</c> are null).</summary>
    /// <typeparam name="T">The elements' type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for the error.</param>
    /// <param name="convert">The conversion of an element.</param>
    /// <exception cref="GuestProtocolException">The value is not an array.</exception>
    public static List<T>? ToList<T>(object? value, string operation, Func<object?, T> convert) =>
        value is null or JsUndefined ? null
        : value is List<object?> list ? list.ConvertAll(e => convert(e))
        : throw Mismatch(value, typeof(List<T>), operation);

    /// <summary>A plain JavaScript object as a dictionary, each value converted by <paramref name="convert"/> (null and <c>undefined</c> are null).</summary>
    /// <typeparam name="T">The values' type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="operation">The call, for the error.</param>
    /// <param name="convert">The conversion of a value.</param>
    /// <exception cref="GuestProtocolException">The value is not an object.</exception>
    public static Dictionary<string, T>? ToDictionary<T>(object? value, string operation, Func<object?, T> convert)
    {
        if (value is null or JsUndefined)
        {
            return null;
        }

        if (value is not JsObject o)
        {
            throw Mismatch(value, typeof(Dictionary<string, T>), operation);
        }

        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> property in o.Properties)
        {
            result[property.Key] = convert(property.Value);
        }

        return result;
    }

    /// <summary>A plain JavaScript object a generated mapping reads properties from.</summary>
    /// <param name="value">The value.</param>
    /// <param name="type">The declared type's name, for the error.</param>
    /// <param name="operation">The call, for the error.</param>
    /// <exception cref="GuestProtocolException">The value is not an object.</exception>
    public static JsObject ExpectObject(object? value, string type, string operation) =>
        value as JsObject ?? throw new GuestProtocolException(operation, $"the module returned {JsDisplay.ToJsString(value)}, where the binding declares an object ({type})");

    private static JsObject ToObject(IDictionary dictionary)
    {
        var result = new JsObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToJs(entry.Value);
        }

        return result;
    }

    private static List<object?> ToArray(IEnumerable sequence)
    {
        var result = new List<object?>();
        foreach (object? item in sequence)
        {
            result.Add(ToJs(item));
        }

        return result;
    }

    private static bool IsInteger(Type t) =>
        t == typeof(int) || t == typeof(uint) || t == typeof(long) || t == typeof(ulong) || t == typeof(short) || t == typeof(ushort) || t == typeof(byte) || t == typeof(sbyte);

    private static object? ToInteger(Type t, double d)
    {
        try
        {
            return Convert.ChangeType(checked((decimal)d), t, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is OverflowException)
        {
            return null;
        }
    }

    private static GuestProtocolException Mismatch(object? value, Type type, string operation) =>
        new(operation, $"the module returned {JsDisplay.ToJsString(value)} ({JsOperators.TypeOf(value)}), where the binding declares {type.Name}");
}
