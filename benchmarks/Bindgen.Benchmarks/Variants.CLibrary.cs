using System;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// The C-library exports (<c>point_norm2</c>, <c>divmod</c>, <c>sum17</c>) written by hand, as carefully as the rest
/// of the baseline.
/// </summary>
public sealed partial class HandWrittenBench
{
    /// <summary>One <c>malloc</c>, the struct written through a fresh view, the call, one <c>free</c>.</summary>
    public double PointNorm2(in Point p)
    {
        int address = Malloc(16);
        try
        {
            // Wasmtime runs only on little-endian hosts, where Point's sequential layout is clang's.
            MemoryMarshal.Write(_memory.GetSpan((uint)address, 16), in p);
            return _pointNorm2(address);
        }
        finally
        {
            _free(address);
        }
    }

    /// <summary>One <c>malloc</c> for the out slot, the call, the slot read through a view taken after it, one <c>free</c>.</summary>
    public int Divmod(int a, int b, out int rem)
    {
        int address = Malloc(4);
        try
        {
            int quotient = _divmod(a, b, address);
            rem = MemoryMarshal.Read<int>(_memory.GetSpan((uint)address, 4));
            return quotient;
        }
        finally
        {
            _free(address);
        }
    }

    /// <summary>
    /// A diagnostic, not a baseline: <see cref="Divmod"/> plus the one step the generated glue adds to it, zeroing the
    /// out slot through a fresh view before the call (so the guest never sees stale host-visible bytes there). The
    /// interleaved mode times it beside the others to show how much of the generated glue's gap that step explains.
    /// </summary>
    public int DivmodWithZeroedSlot(int a, int b, out int rem)
    {
        int address = Malloc(4);
        try
        {
            MemoryMarshal.Write(_memory.GetSpan((uint)address, 4), 0);
            int quotient = _divmod(a, b, address);
            rem = MemoryMarshal.Read<int>(_memory.GetSpan((uint)address, 4));
            return quotient;
        }
        finally
        {
            _free(address);
        }
    }

    /// <summary>
    /// <c>sum17</c> through <see cref="Function.Invoke(ReadOnlySpan{ValueBox})"/>: Wasmtime's typed delegates stop at
    /// 16 parameters. The function is resolved once and the argument array reused; the boxed result is unavoidable.
    /// </summary>
    public long Sum17(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, long a16, double a17)
    {
        ValueBox[] args = _sum17Arguments;
        args[0] = a1;
        args[1] = a2;
        args[2] = a3;
        args[3] = a4;
        args[4] = a5;
        args[5] = a6;
        args[6] = a7;
        args[7] = a8;
        args[8] = a9;
        args[9] = a10;
        args[10] = a11;
        args[11] = a12;
        args[12] = a13;
        args[13] = a14;
        args[14] = a15;
        args[15] = a16;
        args[16] = a17;
        return (long)_sum17.Invoke(args)!;
    }

    /// <summary>
    /// <c>sum17</c> as the generated binding called it before <see cref="Internals.UntypedExport"/>: a fresh argument
    /// array per call through <see cref="Function.Invoke(ValueBox[])"/> (the "before" of the interleaved table).
    /// </summary>
    public long Sum17AsGeneratedBefore(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, long a16, double a17) =>
        (long)_sum17.Invoke(new ValueBox[] { a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17 })!;
}

/// <summary>The C-library exports on the naive path: by-name lookups and boxed calls on every call.</summary>
public sealed partial class NaiveBench
{
    /// <summary>Allocates, writes the struct field by field, calls <c>point_norm2</c>, frees.</summary>
    public double PointNorm2(in Point p)
    {
        int address = (int)Export("malloc").Invoke(new ValueBox[] { 16 })!;
        try
        {
            Memory memory = GuestMemory();
            memory.WriteDouble(address, p.X);
            memory.WriteDouble(address + 8, p.Y);
            return (double)Export("point_norm2").Invoke(new ValueBox[] { address })!;
        }
        finally
        {
            Export("free").Invoke(new ValueBox[] { address });
        }
    }

    /// <summary>Allocates the out slot, calls <c>divmod</c>, reads the slot, frees.</summary>
    public int Divmod(int a, int b, out int rem)
    {
        int address = (int)Export("malloc").Invoke(new ValueBox[] { 4 })!;
        try
        {
            int quotient = (int)Export("divmod").Invoke(new ValueBox[] { a, b, address })!;
            rem = GuestMemory().ReadInt32(address);
            return quotient;
        }
        finally
        {
            Export("free").Invoke(new ValueBox[] { address });
        }
    }

    /// <summary>Looks <c>sum17</c> up by name and calls it with a fresh argument array.</summary>
    public long Sum17(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, long a16, double a17) =>
        (long)Export("sum17").Invoke(new ValueBox[] { a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17 })!;
}
