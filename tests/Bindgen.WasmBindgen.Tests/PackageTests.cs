using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// Five real npm packages built by five wasm-bindgen versions (0.2.54, 0.2.83, 0.2.92, 0.2.101 with externrefs, 0.2.108),
/// called through the generated bindings under both engine configurations and compared, result for result and
/// error message for error message, with Node running the same calls through each package's own glue.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class PackageTests
{
    private static readonly Lazy<(PackageCall[] Calls, string[] Expected)> Reference = new(() =>
    {
        PackageCall[] calls = Calls().ToArray();
        return (calls, ReferenceHost.Run(calls));
    });

    private readonly EngineSetting _setting;

    public PackageTests(EngineSetting setting) => _setting = setting;

    public static IEnumerable<PackageCall> Calls()
    {
        string oneMiB = string.Concat(Enumerable.Repeat("Bindgen calls wasm-bindgen packages. ", (1 << 20) / 37 + 1)).Substring(0, 1 << 20);
        string[] texts = { string.Empty, "hello, world", "héllo wörld ✓ 🎉 日本語", "lone \uD800 surrogate \uDC00 here", oneMiB };
        byte[] mebibyte = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 7 % 251)).ToArray();
        foreach (string text in texts)
        {
            yield return new PackageCall("snappy", "compress", text);
            yield return new PackageCall("snappy", "compress_raw", Encoding.UTF8.GetBytes(text));
        }

        yield return new PackageCall("snappy", "compress_raw", mebibyte);
        yield return new PackageCall("snappy", "decompress", new byte[] { 0x05, 0x10, 0x68, 0x65, 0x6c, 0x6c, 0x6f });
        yield return new PackageCall("snappy", "decompress", Array.Empty<byte>());
        yield return new PackageCall("snappy", "decompress", new byte[] { 0, 0, 0 });
        yield return new PackageCall("snappy", "decompress_raw", new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f });
        yield return new PackageCall("snappy", "decompress_raw", new byte[] { 0x03, 0x08, 0xff, 0xfe, 0xfd });

        foreach (string text in texts)
        {
            yield return new PackageCall("brotli", "compress", Encoding.UTF8.GetBytes(text));
        }

        yield return new PackageCall("brotli", "decompress", new byte[] { 0x0B, 0x02, 0x80, 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x03 });
        yield return new PackageCall("brotli", "decompress", Array.Empty<byte>());
        yield return new PackageCall("brotli", "decompress", new byte[] { 0, 0, 0 });

        yield return new PackageCall("oxipng", "optimise", SamplePng(16), 2, false, false);
        yield return new PackageCall("oxipng", "optimise", SamplePng(64), 3, true, true);
        yield return new PackageCall("oxipng", "optimise", Array.Empty<byte>(), 2, false, false);
        yield return new PackageCall("oxipng", "optimise", new byte[] { 1, 2, 3, 4 }, 2, false, false);

        foreach (string text in texts.Take(4))
        {
            yield return new PackageCall("sql", "format", text);
        }

        yield return new PackageCall("sql", "format", "select a, b, 'naïve ✓' as c from t where x = 1 and y in (1, 2, 3) order by a");
        yield return new PackageCall("sql", "format", string.Concat(Enumerable.Repeat("select a, b from t where x = 1;\n", 2000)));

        foreach (string text in new[] { string.Empty, "hello world", "我们中出了一个叛徒", "南京市长江大桥 \uD800 lone", string.Concat(Enumerable.Repeat("我来到北京清华大学。", 20000)) })
        {
            yield return new PackageCall("jieba", "cut", text, true);
            yield return new PackageCall("jieba", "cut", text, null);
            yield return new PackageCall("jieba", "cut_all", text);
            yield return new PackageCall("jieba", "cut_for_search", text, false);
        }

        // Words added change the instance's dictionary, and so the cuts after them, in both hosts alike.
        yield return new PackageCall("jieba", "add_word", "长江大桥", 20000, "ns");
        yield return new PackageCall("jieba", "add_word", "叛徒们", null, null);
        yield return new PackageCall("jieba", "add_word", "✓✓", 0, "x");
        yield return new PackageCall("jieba", "cut", "南京市长江大桥上的叛徒们 ✓✓", false);

        // Last, since a dictionary that loads replaces the instance's: errors through the externref table.
        yield return new PackageCall("jieba", "with_dict", "word abc");
        yield return new PackageCall("jieba", "with_dict", "词 notanumber n");
        yield return new PackageCall("jieba", "with_dict", "南京市长江大桥 1000 ns");
        yield return new PackageCall("jieba", "cut", "南京市长江大桥", false);
    }

    [Test]
    public void EveryCallMatchesNodeRunningThePackagesOwnGlue()
    {
        (PackageCall[] calls, string[] expected) = Reference.Value;
        using Engine engine = Engines.Create(_setting);
        var packages = new Packages(engine);
        var mismatches = new List<string>();
        for (int i = 0; i < calls.Length; i++)
        {
            string actual = ReferenceHost.Encode(() => packages.Call(calls[i]));
            if (actual != expected[i])
            {
                mismatches.Add($"{calls[i]}:\n  Node:    {Shorten(expected[i])}\n  Bindgen: {Shorten(actual)}");
            }
        }

        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches));
        Assert.That(expected.Count(e => e.StartsWith("error: ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(4), "the calls include errors the modules return or throw");
        Assert.That(expected, Does.Contain("trap"), "the calls include a panic");
    }

    private static string Shorten(string text) => text.Length > 300 ? text.Substring(0, 300) + $"... ({text.Length} chars)" : text;

    /// <summary>A valid RGBA PNG of <paramref name="size"/> squared pixels with a gradient, written here (no image library).</summary>
    internal static byte[] SamplePng(int size)
    {
        var raw = new MemoryStream();
        for (int y = 0; y < size; y++)
        {
            raw.WriteByte(0);
            for (int x = 0; x < size; x++)
            {
                raw.Write(new[] { (byte)(x * 255 / size), (byte)(y * 255 / size), (byte)((x + y) % 256), (byte)255 });
            }
        }

        var png = new MemoryStream();
        png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, size);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8;
        header[9] = 6;
        Chunk(png, "IHDR", header);
        var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    /// <summary>PNG's CRC-32 (ISO 3309), bit by bit: the test needs a few hundred bytes of it.</summary>
    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }
}
