using System;
using Bindgen;

namespace Bindgen.Integration.Tests;

/// <summary>The exports of tests/guests/arrays.wasm (and arrays_growing.wasm): arrays of every primitive, small scalars.</summary>
[WasmModule]
public interface IArraysGuest
{
    int LiveAllocations();

    double SumI8(ReadOnlySpan<sbyte> values);
    double SumU8(ReadOnlySpan<byte> values);
    double SumI16(ReadOnlySpan<short> values);
    double SumU16(ReadOnlySpan<ushort> values);
    double SumI32(ReadOnlySpan<int> values);
    double SumU32(ReadOnlySpan<uint> values);
    double SumI64(ReadOnlySpan<long> values);
    double SumU64(ReadOnlySpan<ulong> values);
    double SumF32(ReadOnlySpan<float> values);
    double SumF64(ReadOnlySpan<double> values);

    void ScaleI8(Span<sbyte> values, int k);
    void ScaleU8(Span<byte> values, int k);
    void ScaleI16(Span<short> values, int k);
    void ScaleU16(Span<ushort> values, int k);
    void ScaleI32(Span<int> values, int k);
    void ScaleU32(Span<uint> values, int k);
    void ScaleI64(Span<long> values, int k);
    void ScaleU64(Span<ulong> values, int k);
    void ScaleF32(Span<float> values, int k);
    void ScaleF64(Span<double> values, int k);

    sbyte[] MakeI8(int count, int seed);
    byte[] MakeU8(int count, int seed);
    short[] MakeI16(int count, int seed);
    ushort[] MakeU16(int count, int seed);
    int[] MakeI32(int count, int seed);
    uint[] MakeU32(int count, int seed);
    long[] MakeI64(int count, int seed);
    ulong[] MakeU64(int count, int seed);
    float[] MakeF32(int count, int seed);
    double[] MakeF64(int count, int seed);

    sbyte[] ReverseI8(sbyte[] values);
    byte[] ReverseU8(byte[] values);
    short[] ReverseI16(short[] values);
    ushort[] ReverseU16(ushort[] values);
    int[] ReverseI32(int[] values);
    uint[] ReverseU32(uint[] values);
    long[] ReverseI64(long[] values);
    ulong[] ReverseU64(ulong[] values);
    float[] ReverseF32(float[] values);
    double[] ReverseF64(double[] values);

    double Mixed(string text, double[] doubles, byte[] bytes, short[] shorts);

    sbyte NegI8(sbyte value);
    byte IncU8(byte value);
    short NegI16(short value);
    ushort IncU16(ushort value);
    char UpperChar(char value);
    long Widen(sbyte a, byte b, short c, ushort d);
}

/// <summary>Other declarations of arrays.wasm's exports: an export can be bound once per interface.</summary>
[WasmModule]
public interface IArraysGuestAlternates
{
    [WasmExport("sum_f64")]
    double SumF64Array(double[] values);
}

/// <summary>The exports of tests/guests/arrays_wat.wasm: the same convention, written by hand in WebAssembly.</summary>
[WasmModule]
public interface IArraysWatGuest
{
    int LiveAllocations();

    double SumF64(ReadOnlySpan<double> values);

    [WasmExport("double_i64s")]
    void DoubleAll(Span<long> values);

    ushort[] IotaU16(int count);

    short NegI16(short value);

    [WasmExport("dirty_u8")]
    byte NextByte(byte value);
}

/// <summary>The host functions tests/guests/array_imports.wasm imports from module "host".</summary>
[WasmImports("host")]
public interface IArrayHost
{
    double SumF64(ReadOnlySpan<double> values);

    void FillI32(Span<int> values, int seed);

    ushort[] Codes(int[] values);

    short Halve(short value);

    long Weigh13(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, long a12, double a13);

    void Nudge(ref CPoint p);

    bool TryLookup(int key, out double value);

    CPoint Mirror(CPoint p);
}

/// <summary>The exports of tests/guests/array_imports.wasm: each call_* export forwards to one import.</summary>
[WasmModule]
public interface IArrayImportsGuest
{
    int LiveAllocations();

    double CallSumF64(int count);

    long CallFillI32(int count, int seed);

    long CallCodes(int count);

    int CallHalve(int value);

    long CallWeigh13(int @base);

    double CallNudge(int x);

    double CallTryLookup(int key);

    int CallTryLookupBad();

    double CallMirror(int x);
}
