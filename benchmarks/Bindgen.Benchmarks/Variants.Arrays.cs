using System;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>The array exports (<c>sum_f64</c>, <c>scale</c>) written by hand, as carefully as the rest of the baseline.</summary>
public sealed partial class HandWrittenBench
{
    /// <summary>
    /// One <c>malloc</c> (8-aligned, as every <c>malloc</c> block is), the elements copied in through a fresh byte
    /// view, the call, one <c>free</c>.
    /// </summary>
    public double SumF64(ReadOnlySpan<double> values)
    {
        int count = values.Length;
        if (count == 0)
        {
            return _sumF64(0, 0);
        }

        int bytes = checked(count * sizeof(double));
        int address = Malloc(bytes);
        try
        {
            // Wasmtime runs only on little-endian hosts, where .NET's layout of a double is wasm's.
            MemoryMarshal.AsBytes(values).CopyTo(_memory.GetSpan((uint)address, bytes));
            return _sumF64(address, count);
        }
        finally
        {
            _free(address);
        }
    }

    /// <summary>One <c>malloc</c>, the elements copied in, the call, copied back through a view taken after it, one <c>free</c>.</summary>
    public void Scale(Span<float> values, int factor)
    {
        int count = values.Length;
        if (count == 0)
        {
            _scale(0, 0, factor);
            return;
        }

        int bytes = checked(count * sizeof(float));
        int address = Malloc(bytes);
        try
        {
            Span<byte> elements = MemoryMarshal.AsBytes(values);
            elements.CopyTo(_memory.GetSpan((uint)address, bytes));
            _scale(address, count, factor);
            _memory.GetSpan((uint)address, bytes).CopyTo(elements);
        }
        finally
        {
            _free(address);
        }
    }
}

/// <summary>
/// A diagnostic, not a baseline: the hand-written <c>sum_f64</c> plus the one step the generated glue adds to it,
/// the whole-block bounds check after <c>malloc</c> (docs/abi.md section 3), which costs one more
/// <see cref="Memory.GetLength"/> through the C API per call. The interleaved mode times it beside the others to
/// show how much of the generated glue's gap that step explains.
/// </summary>
public sealed partial class HandWrittenBench
{
    /// <summary><see cref="SumF64"/> with the generated glue's whole-block check.</summary>
    public double SumF64WithBlockCheck(ReadOnlySpan<double> values)
    {
        int count = values.Length;
        if (count == 0)
        {
            return _sumF64(0, 0);
        }

        int bytes = checked(count * sizeof(double));
        int address = Malloc(bytes);
        try
        {
            if ((ulong)(uint)address + (uint)bytes > (ulong)_memory.GetLength())
            {
                throw new InvalidOperationException("malloc returned a block outside memory");
            }

            MemoryMarshal.AsBytes(values).CopyTo(_memory.GetSpan((uint)address, bytes));
            return _sumF64(address, count);
        }
        finally
        {
            _free(address);
        }
    }

    /// <summary><see cref="Scale"/> with the generated glue's whole-block check.</summary>
    public void ScaleWithBlockCheck(Span<float> values, int factor)
    {
        int count = values.Length;
        if (count == 0)
        {
            _scale(0, 0, factor);
            return;
        }

        int bytes = checked(count * sizeof(float));
        int address = Malloc(bytes);
        try
        {
            if ((ulong)(uint)address + (uint)bytes > (ulong)_memory.GetLength())
            {
                throw new InvalidOperationException("malloc returned a block outside memory");
            }

            Span<byte> elements = MemoryMarshal.AsBytes(values);
            elements.CopyTo(_memory.GetSpan((uint)address, bytes));
            _scale(address, count, factor);
            _memory.GetSpan((uint)address, bytes).CopyTo(elements);
        }
        finally
        {
            _free(address);
        }
    }
}

/// <summary>The array exports on the naive path: by-name lookups and boxed calls on every call.</summary>
public sealed partial class NaiveBench
{
    /// <summary>Copies <paramref name="values"/> in and calls <c>sum_f64</c>.</summary>
    public double SumF64(ReadOnlySpan<double> values)
    {
        int bytes = values.Length * sizeof(double);
        int address = (int)Export("malloc").Invoke(new ValueBox[] { bytes })!;
        try
        {
            MemoryMarshal.AsBytes(values).CopyTo(GuestMemory().GetSpan(address, bytes));
            return (double)Export("sum_f64").Invoke(new ValueBox[] { address, values.Length })!;
        }
        finally
        {
            Export("free").Invoke(new ValueBox[] { address });
        }
    }

    /// <summary>Copies <paramref name="values"/> in, calls <c>scale</c>, copies them back.</summary>
    public void Scale(Span<float> values, int factor)
    {
        int bytes = values.Length * sizeof(float);
        int address = (int)Export("malloc").Invoke(new ValueBox[] { bytes })!;
        try
        {
            MemoryMarshal.AsBytes(values).CopyTo(GuestMemory().GetSpan(address, bytes));
            Export("scale").Invoke(new ValueBox[] { address, values.Length, factor });
            GuestMemory().GetSpan(address, bytes).CopyTo(MemoryMarshal.AsBytes(values));
        }
        finally
        {
            Export("free").Invoke(new ValueBox[] { address });
        }
    }
}
