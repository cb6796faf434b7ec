using System;
using System.Collections.Generic;

namespace Bindgen;

/// <summary>
/// The absent payload of a WIT <c>result</c>: <c>result&lt;_, E&gt;</c> is <c>Result&lt;Unit, E&gt;</c>,
/// <c>result&lt;T&gt;</c> is <c>Result&lt;T, Unit&gt;</c> and <c>result</c> is <c>Result&lt;Unit, Unit&gt;</c>.
/// </summary>
public readonly record struct Unit
{
    /// <summary>The one value.</summary>
    public static Unit Value => default;

    /// <inheritdoc/>
    public override string ToString() => "()";
}

/// <summary>A WIT <c>result&lt;T, E&gt;</c>: either a value (<see cref="IsOk"/>) or an error.</summary>
/// <typeparam name="TOk">The value's type (<see cref="Unit"/> when the WIT result has none).</typeparam>
/// <typeparam name="TErr">The error's type (<see cref="Unit"/> when the WIT result has none).</typeparam>
public readonly struct Result<TOk, TErr> : IEquatable<Result<TOk, TErr>>
{
    private readonly TOk _value;
    private readonly TErr _error;

    private Result(bool isOk, TOk value, TErr error)
    {
        IsOk = isOk;
        _value = value;
        _error = error;
    }

    /// <summary>A successful result.</summary>
    public static Result<TOk, TErr> Ok(TOk value) => new(true, value, default!);

    /// <summary>A failed result.</summary>
    public static Result<TOk, TErr> Err(TErr error) => new(false, default!, error);

    /// <summary>Whether this is a value rather than an error. A default-initialized result is an error.</summary>
    public bool IsOk { get; }

    /// <summary>The value.</summary>
    /// <exception cref="ResultException{TErr}">The result is an error; the exception carries it.</exception>
    public TOk Value => IsOk ? _value : throw new ResultException<TErr>(_error);

    /// <summary>The error.</summary>
    /// <exception cref="InvalidOperationException">The result is a value.</exception>
    public TErr Error => IsOk ? throw new InvalidOperationException("The result is a value, not an error.") : _error;

    /// <summary>The value, or <paramref name="fallback"/> when the result is an error.</summary>
    public TOk ValueOr(TOk fallback) => IsOk ? _value : fallback;

    /// <inheritdoc/>
    public bool Equals(Result<TOk, TErr> other) =>
        IsOk == other.IsOk && (IsOk ? EqualityComparer<TOk>.Default.Equals(_value, other._value) : EqualityComparer<TErr>.Default.Equals(_error, other._error));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Result<TOk, TErr> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IsOk ? HashCode.Combine(true, _value) : HashCode.Combine(false, _error);

    /// <inheritdoc/>
    public override string ToString() => IsOk ? $"Ok({_value})" : $"Err({_error})";

    /// <summary>Compares two results by state and payload.</summary>
    public static bool operator ==(Result<TOk, TErr> left, Result<TOk, TErr> right) => left.Equals(right);

    /// <summary>Compares two results by state and payload.</summary>
    public static bool operator !=(Result<TOk, TErr> left, Result<TOk, TErr> right) => !left.Equals(right);
}

/// <summary>Thrown by <see cref="Result{TOk, TErr}.Value"/> on an error result; carries the error.</summary>
public abstract class ResultException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    protected ResultException(string message)
        : base(message)
    {
    }

    /// <summary>The result's error, boxed.</summary>
    public abstract object? ErrorValue { get; }
}

/// <summary>Thrown by <see cref="Result{TOk, TErr}.Value"/> on an error result; carries the typed error.</summary>
/// <typeparam name="TErr">The error's type.</typeparam>
public sealed class ResultException<TErr> : ResultException
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public ResultException(TErr error)
        : base($"The result is an error: {error}")
    {
        Error = error;
    }

    /// <summary>The result's error.</summary>
    public TErr Error { get; }

    /// <inheritdoc/>
    public override object? ErrorValue => Error;
}
