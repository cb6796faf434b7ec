using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace Bindgen.WasmBindgen;

/// <summary>
/// JavaScript's <c>undefined</c>, as a wasm-bindgen module's host heap holds it. JavaScript's <c>null</c> is
/// <see langword="null"/>; numbers are <see cref="double"/>, BigInts <see cref="BigInteger"/>, strings
/// <see cref="string"/>, <c>Uint8Array</c>s <see cref="JsUint8Array"/>, plain objects <see cref="JsObject"/>,
/// arrays <see cref="List{T}"/> of values and errors <see cref="JsError"/>.
/// </summary>
public sealed class JsUndefined
{
    private JsUndefined()
    {
    }

    /// <summary>The one <c>undefined</c>.</summary>
    public static JsUndefined Value { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "undefined";
}

/// <summary>A JavaScript <c>Error</c> created by the module or by an import.</summary>
public sealed class JsError
{
    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">The error's <c>message</c>.</param>
    public JsError(string message)
    {
        Message = message ?? string.Empty;
    }

    /// <summary>The error's <c>name</c>, <c>Error</c> unless the module set another.</summary>
    public string Name { get; set; } = "Error";

    /// <summary>The error's <c>message</c>.</summary>
    public string Message { get; }

    /// <summary>The error's <c>stack</c>: where the host created it (the module cannot see a .NET stack otherwise).</summary>
    public string Stack { get; } = "Error\n" + Environment.StackTrace;

    /// <inheritdoc/>
    public override string ToString() => Message.Length == 0 ? Name : Name + ": " + Message;
}

/// <summary>A plain JavaScript object (<c>new Object()</c>, <c>{}</c>) with its properties in insertion order.</summary>
public sealed class JsObject
{
    private readonly List<KeyValuePair<string, object?>> _properties = new();

    /// <summary>The properties, in the order they were first set.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Properties => _properties;

    /// <summary>A property's value, or <see cref="JsUndefined.Value"/> when the object has none of that name.</summary>
    /// <param name="key">The property's name.</param>
    public object? this[string key]
    {
        get
        {
            foreach (KeyValuePair<string, object?> property in _properties)
            {
                if (property.Key == key)
                {
                    return property.Value;
                }
            }

            return JsUndefined.Value;
        }

        set
        {
            for (int i = 0; i < _properties.Count; i++)
            {
                if (_properties[i].Key == key)
                {
                    _properties[i] = new KeyValuePair<string, object?>(key, value);
                    return;
                }
            }

            // JavaScript orders integer-like keys (array indices) first, ascending, then the others as inserted.
            int at = _properties.Count;
            if (Bindgen.Internals.JsOperators.Index(key) is int index)
            {
                at = 0;
                while (at < _properties.Count && Bindgen.Internals.JsOperators.Index(_properties[at].Key) is int other && other < index)
                {
                    at++;
                }
            }

            _properties.Insert(at, new KeyValuePair<string, object?>(key, value));
        }
    }

    /// <summary>Removes a property (<c>delete object[key]</c>); false when there was none.</summary>
    internal bool Remove(string key) => _properties.RemoveAll(p => p.Key == key) > 0;

    /// <summary>Whether the object has a property of that name (<c>key in object</c>).</summary>
    /// <param name="key">The property's name.</param>
    public bool Has(string key)
    {
        foreach (KeyValuePair<string, object?> property in _properties)
        {
            if (property.Key == key)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A JavaScript <c>Uint8Array</c>: a window of <see cref="Length"/> bytes onto a host buffer, or onto the module's
/// linear memory (what <c>new Uint8Array(wasm.memory.buffer, offset, length)</c> makes). A window onto guest memory
/// holds an offset, never a pointer: every use takes its bytes from the live memory, so it cannot detach.
/// </summary>
public sealed class JsUint8Array
{
    private readonly byte[]? _buffer;

    /// <summary>For a window onto guest memory: the memory's base and length when the window was made (checked mode).</summary>
    private readonly MemorySnapshot _created;
    private readonly WasmBindgenGuest? _guest;

    /// <summary>Creates an array over <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The bytes; shared, not copied.</param>
    /// <param name="offset">Where the window starts.</param>
    /// <param name="length">How many bytes it shows.</param>
    public JsUint8Array(byte[] buffer, int offset, int length)
    {
        _buffer = buffer ?? throw new ArgumentNullException(nameof(buffer));
        if ((uint)offset > (uint)buffer.Length || (uint)length > (uint)(buffer.Length - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        Offset = offset;
        Length = length;
    }

    /// <summary>Creates an array of <paramref name="length"/> zeros.</summary>
    /// <param name="length">Its length.</param>
    public JsUint8Array(int length)
        : this(new byte[length], 0, length)
    {
    }

    internal JsUint8Array(WasmBindgenGuest guest, int offset, int length)
        : this(guest, offset, length, guest.Snapshot())
    {
    }

    private JsUint8Array(WasmBindgenGuest guest, int offset, int length, MemorySnapshot created)
    {
        _guest = guest;
        _created = created;
        Offset = offset;
        Length = length;
    }

    /// <summary>Where the window starts in its buffer (or in guest memory).</summary>
    public int Offset { get; }

    /// <summary>How many bytes the array shows.</summary>
    public int Length { get; }

    /// <summary>Whether the array is a window onto the module's memory.</summary>
    public bool IsGuestMemory => _guest is not null;

    /// <summary>The bytes the array shows; for a window onto guest memory, taken from the live memory now.</summary>
    /// <remarks>
    /// In JavaScript such a window is detached once memory grows (wasm-bindgen's TypedArray-view bug class); here it
    /// reads the live memory, and checked mode reports the window stale (<see cref="StaleViewException"/>) instead.
    /// </remarks>
    [GuestView]
    public Span<byte> Span => _guest is { } guest ? GuestSpan(guest) : _buffer.AsSpan(Offset, Length);

    private Span<byte> GuestSpan(WasmBindgenGuest guest)
    {
        guest.VerifyUnchanged(_created, GuestWindow);
        return guest.Checked(Offset, Length, GuestWindow);
    }

    private const string GuestWindow = "a Uint8Array over guest memory";

    /// <summary><c>subarray(begin, end)</c>: the same buffer, a narrower window (clamped as JavaScript clamps).</summary>
    /// <param name="begin">The first index.</param>
    /// <param name="end">One past the last index.</param>
    public JsUint8Array Subarray(int begin, int end)
    {
        begin = Math.Clamp(begin, 0, Length);
        end = Math.Clamp(end, begin, Length);
        return _guest is { } guest ? new JsUint8Array(guest, Offset + begin, end - begin, _created) : new JsUint8Array(_buffer!, Offset + begin, end - begin);
    }
}

/// <summary>The module's <c>WebAssembly.Memory</c> (<c>wasm.memory</c>) as the host heap holds it.</summary>
public sealed class JsGuestMemory
{
    internal JsGuestMemory(WasmBindgenGuest guest) => Guest = guest;

    internal WasmBindgenGuest Guest { get; }
}

/// <summary>The module memory's <c>ArrayBuffer</c> (<c>memory.buffer</c>): windows onto it read the live memory.</summary>
public sealed class JsGuestBuffer
{
    internal JsGuestBuffer(WasmBindgenGuest guest) => Guest = guest;

    internal WasmBindgenGuest Guest { get; }
}

/// <summary>How a JavaScript value prints (<c>String(value)</c>), for messages and <c>String()</c> imports.</summary>
internal static class JsDisplay
{
    /// <summary><c>String(value)</c>.</summary>
    /// <param name="value">A value of the host heap.</param>
    public static string ToJsString(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => NumberToString(d),
        BigInteger i => i.ToString(CultureInfo.InvariantCulture),
        JsError e => e.ToString(),
        JsUint8Array a => string.Join(",", a.Span.ToArray()),
        JsObject => "[object Object]",
        System.Collections.Generic.List<object?> list => string.Join(",", list.ConvertAll(e => e is null or JsUndefined ? string.Empty : ToJsString(e))),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The shortest round-trip form, as JavaScript prints a number.</summary>
    /// <param name="value">The number.</param>
    public static string NumberToString(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : value == Math.Floor(value) && Math.Abs(value) < 1e21 ? ((decimal)value).ToString(CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);
}
