using System;
using System.Text;
using Bindgen;
using Wasmtime;

// Binding a C library: guest/tinyhash.c is an ordinary C hashing library (SHA-256 and CRC-32), compiled to
// WebAssembly by guest/build.sh. ITinyHash, below, declares its functions as C# methods; Bindgen generates TinyHash.
//
// How the C shapes map:
//   const char *th_version(void)                       [return: CString] string Version()
//   int th_sha256_update(int h, const uint8_t *, size_t)  int Sha256Update(int h, ReadOnlySpan<byte> data)
//   int th_sha256_final(int h, uint8_t *out, size_t cap)  int Sha256Final(int h, Span<byte> digest)
//   int th_sha256_stats(int h, th_stats *out)             int Sha256Stats(int h, out HashStats stats)
//   uint32_t th_crc32(const th_crc_params *, ...)         uint Crc32(in CrcParameters parameters, ...)
// The hash state holds fixed-size C arrays, which a C# struct cannot mirror here, so the library keeps it and
// hands out an int handle, as many C libraries do.
using var engine = new Engine();
using var store = new Store(engine);

// The module is embedded in this program (a <BindgenModule> item); instantiated by hand here only to watch its memory.
Module module = TinyHash.LoadModule(engine);
var instance = new Instance(store, module);
ITinyHash lib = new TinyHash(instance);
Memory memory = instance.GetMemory("memory")!;

Console.WriteLine($"version: {lib.Version()}");

// One call: the data is copied into guest memory, the guest writes the digest into our 32-byte buffer.
byte[] digest = new byte[32];
Check(lib, lib.Sha256("abc"u8, digest));
Console.WriteLine($"sha256(\"abc\") = {Convert.ToHexStringLower(digest)}");

// Streaming: 1 MiB + 1 byte (the guest starts with 128 KiB of memory) in 4099-byte chunks, one call each.
byte[] data = SampleData(1024 * 1024 + 1);
long pagesBefore = memory.GetSize();
int handle = lib.Sha256New();
Check(lib, handle);
for (int offset = 0; offset < data.Length; offset += 4099)
{
    Check(lib, lib.Sha256Update(handle, data.AsSpan(offset, Math.Min(4099, data.Length - offset))));
}

Check(lib, lib.Sha256Stats(handle, out HashStats stats));
Console.WriteLine($"streamed {stats.Bytes} bytes, {stats.Blocks} whole blocks, finished: {stats.Finished != 0}");

// The C library writes 64 hex digits and a NUL into a buffer we own and size.
byte[] hex = new byte[65];
Check(lib, lib.Sha256Hex(handle, hex));
Console.WriteLine($"sha256(1 MiB + 1) streamed = {Encoding.ASCII.GetString(hex, 0, 64)}");

// The same data in one call: 1 MiB copied in at once, so the guest's malloc grows its memory.
Check(lib, lib.Sha256(data, digest));
Console.WriteLine($"sha256(1 MiB + 1) one call = {Convert.ToHexStringLower(digest)}");
Console.WriteLine($"guest memory grew from {pagesBefore} to {memory.GetSize()} pages of 64 KiB");

// Errors are C return codes; th_strerror turns them into text.
Console.WriteLine($"update after final: {lib.StrError(lib.Sha256Update(handle, "more"u8))}");
Console.WriteLine($"hex into 10 bytes: {lib.StrError(lib.Sha256Hex(handle, new byte[10]))}");
Check(lib, lib.Sha256Free(handle));
Console.WriteLine($"update after free: {lib.StrError(lib.Sha256Update(handle, "more"u8))}");

// A struct passed by pointer: one CRC function, two well-known parameter sets (check values are of "123456789").
var crc32 = new CrcParameters { Polynomial = 0xEDB88320, Init = 0xFFFFFFFF, XorOut = 0xFFFFFFFF };
var crc32c = new CrcParameters { Polynomial = 0x82F63B78, Init = 0xFFFFFFFF, XorOut = 0xFFFFFFFF };
Console.WriteLine($"crc32(\"123456789\") = 0x{lib.Crc32(crc32, "123456789"u8):x8}");
Console.WriteLine($"crc32c(\"123456789\") = 0x{lib.Crc32(crc32c, "123456789"u8):x8}");
Console.WriteLine($"crc32(1 MiB + 1) = 0x{lib.Crc32(crc32, data):x8}");

// Turns a negative status into an exception carrying the library's own message.
static void Check(ITinyHash lib, int status)
{
    if (status < 0)
    {
        throw new InvalidOperationException($"tinyhash: {lib.StrError(status)} ({status})");
    }
}

// Deterministic bytes, so the output (and the test that checks it) never changes.
static byte[] SampleData(int length)
{
    var bytes = new byte[length];
    for (int i = 0; i < length; i++)
    {
        bytes[i] = (byte)(i * 31 + (i >> 8));
    }

    return bytes;
}

/// <summary>The exports of guest/tinyhash.wasm, declared as tinyhash.c declares its functions.</summary>
[WasmModule(File = "tinyhash.wasm")]
public interface ITinyHash
{
    /// <summary>The library's version string (<c>const char *th_version(void)</c>).</summary>
    [WasmExport("th_version")]
    [return: CString]
    string Version();

    /// <summary>The message for a status code (<c>const char *th_strerror(int)</c>).</summary>
    [WasmExport("th_strerror")]
    [return: CString]
    string StrError(int code);

    /// <summary>Starts a SHA-256 stream: a handle above 0, or a negative status.</summary>
    [WasmExport("th_sha256_new")]
    int Sha256New();

    /// <summary>Hashes more data into the stream.</summary>
    [WasmExport("th_sha256_update")]
    int Sha256Update(int handle, ReadOnlySpan<byte> data);

    /// <summary>Finishes the stream and copies its 32-byte digest into <paramref name="digest"/>.</summary>
    [WasmExport("th_sha256_final")]
    int Sha256Final(int handle, Span<byte> digest);

    /// <summary>Finishes the stream and writes its digest as 64 hex digits and a NUL (65 bytes) into <paramref name="hex"/>.</summary>
    [WasmExport("th_sha256_hex")]
    int Sha256Hex(int handle, Span<byte> hex);

    /// <summary>What the stream has seen so far, through a <c>th_stats*</c> the guest fills in.</summary>
    [WasmExport("th_sha256_stats")]
    int Sha256Stats(int handle, out HashStats stats);

    /// <summary>Ends the stream; the handle is no longer valid.</summary>
    [WasmExport("th_sha256_free")]
    int Sha256Free(int handle);

    /// <summary>SHA-256 of <paramref name="data"/> in one call, into a 32-byte <paramref name="digest"/>.</summary>
    [WasmExport("th_sha256")]
    int Sha256(ReadOnlySpan<byte> data, Span<byte> digest);

    /// <summary>A reflected CRC-32 of <paramref name="data"/> with the given parameters (<c>const th_crc_params*</c>).</summary>
    [WasmExport("th_crc32")]
    uint Crc32(in CrcParameters parameters, ReadOnlySpan<byte> data);
}

/// <summary>tinyhash.c's <c>th_stats</c>: the same fields in the same order, so the same layout (16 bytes).</summary>
public struct HashStats
{
    /// <summary>Bytes passed to <c>th_sha256_update</c>.</summary>
    public ulong Bytes;

    /// <summary>Whole 64-byte blocks among them.</summary>
    public uint Blocks;

    /// <summary>1 once the stream is finished.</summary>
    public uint Finished;
}

/// <summary>tinyhash.c's <c>th_crc_params</c>: a reflected CRC-32's polynomial (reversed), initial value and final XOR.</summary>
public struct CrcParameters
{
    /// <summary>The reversed polynomial: 0xEDB88320 for CRC-32, 0x82F63B78 for CRC-32C.</summary>
    public uint Polynomial;

    /// <summary>The register's initial value.</summary>
    public uint Init;

    /// <summary>XORed into the result.</summary>
    public uint XorOut;
}
