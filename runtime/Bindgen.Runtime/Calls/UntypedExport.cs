using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// An export with more parameters than Wasmtime's typed delegates take (16), called without a per-call array:
/// generated code writes the arguments into a stack buffer through <see cref="UntypedCall"/>, and the call is one
/// direct call of <c>wasmtime_func_call_unchecked</c> over that buffer, with Wasmtime's own error and trap conversions.
/// Where the direct path is not available (<see cref="WasmtimeLayout"/> did not prove it), the same buffer goes
/// through <see cref="Function.Invoke(ReadOnlySpan{ValueBox})"/>, which allocates.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UntypedExport
{
    private readonly Function _function;
    private readonly DirectExportCalls.Export? _direct;
    private readonly ValueKind[] _parameters;
    private readonly ValueKind[] _results;

    /// <summary>Wraps an export whose signature the binding checked, over i32, i64, f32 and f64 only.</summary>
    /// <param name="function">The export.</param>
    public UntypedExport(Function function)
    {
        _function = function ?? throw new ArgumentNullException(nameof(function));
        _parameters = ToArray(function.Parameters);
        _results = ToArray(function.Results);
        _direct = DirectExportCalls.Available && Numbers(_parameters) && Numbers(_results) ? new DirectExportCalls.Export(function) : null;
    }

    /// <summary>Whether calls go directly into Wasmtime's native library (no allocation per call).</summary>
    public bool IsDirect => _direct is not null;

    /// <summary>Starts a call whose arguments and result are written to <paramref name="values"/> (two words per value).</summary>
    /// <param name="values">At least two words per parameter and per result; generated code stack-allocates it.</param>
    public UntypedCall Start(Span<ulong> values) =>
        values.Length < 2 * Math.Max(_parameters.Length, _results.Length)
            ? throw new ArgumentException("The buffer is smaller than two words per parameter and per result.", nameof(values))
            : new UntypedCall(this, values);

    /// <summary>Calls the export over the raw values (arguments in, first result out).</summary>
    internal unsafe void Call(Span<ulong> values)
    {
        if (_direct is not null)
        {
            fixed (ulong* raw = values)
            {
                _direct.CallRaw(raw, Math.Max(_parameters.Length, _results.Length));
            }

            return;
        }

        var arguments = new ValueBox[_parameters.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            ulong bits = values[2 * i];
            arguments[i] = _parameters[i] switch
            {
                ValueKind.Int32 => (ValueBox)unchecked((int)(uint)bits),
                ValueKind.Int64 => (ValueBox)unchecked((long)bits),
                ValueKind.Float32 => (ValueBox)BitConverter.UInt32BitsToSingle(unchecked((uint)bits)),
                _ => (ValueBox)BitConverter.UInt64BitsToDouble(bits),
            };
        }

        object? result = _function.Invoke(arguments);
        values[0] = result switch
        {
            int i => unchecked((uint)i),
            long l => unchecked((ulong)l),
            float f => BitConverter.SingleToUInt32Bits(f),
            double d => BitConverter.DoubleToUInt64Bits(d),
            _ => 0,
        };
    }

    private static ValueKind[] ToArray(IReadOnlyList<ValueKind> kinds)
    {
        var array = new ValueKind[kinds.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = kinds[i];
        }

        return array;
    }

    private static bool Numbers(ValueKind[] kinds) =>
        Array.TrueForAll(kinds, k => k is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Float32 or ValueKind.Float64);
}

/// <summary>One call of an <see cref="UntypedExport"/>: its arguments written in order into a stack buffer, then the call.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Auto)]
public ref struct UntypedCall
{
    private readonly UntypedExport _export;
    private readonly Span<ulong> _values;
    private int _count;

    internal UntypedCall(UntypedExport export, Span<ulong> values)
    {
        _export = export;
        _values = values;
        _count = 0;
    }

    /// <summary>The next argument, an i32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UntypedCall With(int value) => Next(unchecked((uint)value));

    /// <summary>The next argument, an i64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UntypedCall With(long value) => Next(unchecked((ulong)value));

    /// <summary>The next argument, an f32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UntypedCall With(float value) => Next(BitConverter.SingleToUInt32Bits(value));

    /// <summary>The next argument, an f64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UntypedCall With(double value) => Next(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Calls the export, which returns nothing.</summary>
    public void Call() => _export.Call(_values);

    /// <summary>Calls the export and returns its i32 result.</summary>
    public int CallInt32()
    {
        _export.Call(_values);
        return unchecked((int)(uint)_values[0]);
    }

    /// <summary>Calls the export and returns its i64 result.</summary>
    public long CallInt64()
    {
        _export.Call(_values);
        return unchecked((long)_values[0]);
    }

    /// <summary>Calls the export and returns its f32 result.</summary>
    public float CallSingle()
    {
        _export.Call(_values);
        return BitConverter.UInt32BitsToSingle(unchecked((uint)_values[0]));
    }

    /// <summary>Calls the export and returns its f64 result.</summary>
    public double CallDouble()
    {
        _export.Call(_values);
        return BitConverter.UInt64BitsToDouble(_values[0]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private UntypedCall Next(ulong bits)
    {
        _values[2 * _count] = bits;
        _values[(2 * _count) + 1] = 0;
        _count++;
        return this;
    }
}
