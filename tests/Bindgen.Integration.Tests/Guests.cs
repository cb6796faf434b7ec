using System;
using System.IO;
using Bindgen;

namespace Bindgen.Integration.Tests;

public enum Color
{
    Red,
    Green,
    Blue,
}

public enum Level : uint
{
    Low = 1,
    Top = 0xFFFF_FFFF,
}

public enum Offset : long
{
    MinusOne = -1,
    Far = 1L << 40,
}

[Flags]
public enum HighFlags : ulong
{
    None = 0,
    Low = 1,
    High = 0x8000_0000_0000_0000,
}

/// <summary>
/// The exports of tests/guests/types.wasm (and types_growing.wasm, which has the same exports). Bound with File, so
/// the build checks every method against types.wasm and embeds it.
/// </summary>
[WasmModule(File = "types.wasm")]
public interface ITypesGuest
{
    int AddI32(int a, int b);

    uint MaxU32(uint a, uint b);

    long AddI64(long a, long b);

    ulong MaxU64(ulong a, ulong b);

    float MulF32(float a, float b);

    double MulF64(double a, double b);

    bool Negate(bool value);

    bool IsEven(int value);

    Color NextColor(Color color);

    HighFlags FlipHighBit(HighFlags flags);

    void Bump();

    int BumpCount();

    int Utf8CodePoints(string text);

    string ToUpper(string text);

    string Concat(string first, string second);

    string Repeat(string text, int count);

    string Describe(int n, long big, bool flag, string text);

    int SumBytes(ReadOnlySpan<byte> data);

    uint Fnv1a(ReadOnlySpan<byte> data);

    byte[] Reverse(byte[] data);

    byte[] MakeBytes(int length, int seed);

    void XorFill(Span<byte> buffer, int value);

    int LiveAllocations();

    void TrapNow();

    int TrapWithInput(string text);

    int GrowMemory(int pages);
}

/// <summary>
/// Other .NET views of some of types.wasm's exports (an export is called by one method per interface).
/// </summary>
[WasmModule]
public interface ITypesGuestAlternates
{
    [WasmExport("max_u32")]
    Level MaxLevel(Level a, Level b);

    [WasmExport("add_i64")]
    Offset AddOffset(Offset a, Offset b);

    [WasmExport("sum_bytes")]
    int SumByteArray(byte[] data);

    [WasmExport("reverse")]
    byte[] ReverseSpan(ReadOnlySpan<byte> data);

    [WasmExport("to_upper")]
    byte[] ToUpperBytes(byte[] text);
}

/// <summary>Only scalar exports: a binding that needs no guest memory or allocator.</summary>
[WasmModule]
public interface IAdder
{
    int AddI32(int a, int b);
}

/// <summary>A binding for the hostile guest, whose results break the convention.</summary>
[WasmModule]
public interface IHostileGuest
{
    byte[] OobPtr();

    byte[] Overflow();

    byte[] HugeLen();

    byte[] NegativeLen();

    byte[] OkBytes();

    string BadString();

    int LiveAllocations();
}

/// <summary>A binding whose string export exists, over a guest whose malloc always fails.</summary>
[WasmModule]
public interface IUpper
{
    string ToUpper(string text);
}

/// <summary>Locates the committed guest modules next to the test binaries.</summary>
public static class GuestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "guests", name + ".wasm");
}
