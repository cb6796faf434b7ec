using System;

namespace Bindgen.WasmBindgen;

/// <summary>A JavaScript <c>Date</c>: a time value, milliseconds since 1970-01-01 UTC (NaN for an invalid date).</summary>
public sealed class JsDate
{
    /// <summary>A date of time value <paramref name="time"/>.</summary>
    /// <param name="time">Milliseconds since 1970-01-01T00:00:00Z.</param>
    public JsDate(double time) => Time = time;

    /// <summary>The time value (<c>getTime()</c>).</summary>
    public double Time { get; }

    /// <summary>The date as a <see cref="DateTimeOffset"/> in UTC.</summary>
    /// <exception cref="InvalidOperationException">The date is invalid (its time value is NaN).</exception>
    public DateTimeOffset ToDateTimeOffset() => double.IsNaN(Time)
        ? throw new InvalidOperationException("An invalid JavaScript Date has no DateTimeOffset.")
        : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(Time));

    /// <summary>The date of <paramref name="value"/> (to the millisecond, as JavaScript keeps it).</summary>
    /// <param name="value">The instant.</param>
    public static JsDate From(DateTimeOffset value) => new(value.ToUnixTimeMilliseconds());

    /// <summary>As JavaScript's <c>String(date)</c> prints it in UTC (<c>Mon Dec 07 2026 17:30:00 GMT+0000 (Coordinated Universal Time)</c>).</summary>
    public override string ToString() => double.IsNaN(Time)
        ? "Invalid Date"
        : ToDateTimeOffset().ToString("ddd MMM dd yyyy HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The current time (<c>new Date()</c>).</summary>
    public static JsDate Now() => From(DateTimeOffset.UtcNow);
}
