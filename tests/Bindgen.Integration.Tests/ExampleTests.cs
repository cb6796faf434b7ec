using System;
using System.Security.Cryptography;
using NUnit.Framework;

namespace Bindgen.Integration.Tests;

/// <summary>The examples a newcomer runs first keep working and say what they did.</summary>
public sealed class ExampleTests
{
    [Test]
    public void Quickstart_runs_and_prints_its_results()
    {
        // The guest is embedded by its BindgenModule item: the program has no .wasm file beside it to load.
        string program = ChildProcess.BuiltProgram("QuickstartPath");
        Assert.That(System.IO.Directory.GetFiles(System.IO.Path.GetDirectoryName(program)!, "*.wasm", System.IO.SearchOption.AllDirectories), Is.Empty);
        (int exitCode, string output) = ChildProcess.Run(program);
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("word_count(\"WebAssembly modules called from .NET, safely\") = 6"));
        Assert.That(output, Does.Contain("greet(\"Wörld\") = \"Hello, Wörld!\""));
        Assert.That(output, Does.Contain($"checksum(20 bytes) = 0x{HostReference.Fnv1a("bytes in, number out"u8):x8}"));
    }

    [Test]
    public void HostImports_runs_and_the_guest_calls_the_host()
    {
        (int exitCode, string output) = ChildProcess.Run(ChildProcess.BuiltProgram("HostImportsPath"));
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("render(...) = \"Hello, Wörld! Greetings from Wasmtime.\""));
        Assert.That(output, Does.Contain("the guest asked the host for: name, runtime"));
    }

    [Test]
    public void ComponentHost_binds_a_component_from_its_binary_and_the_guest_calls_the_host()
    {
        (int exitCode, string output) = ChildProcess.Run(ChildProcess.BuiltProgram("ComponentHostPath"));
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("call-greet(\"Wörld\") = \"Hello, Wörld!\""));
        Assert.That(output, Does.Contain("call-split(\"a b c\") = [a, b, c]"));
        Assert.That(output, Does.Contain("call-tally(...) = 1010"), "ab: 1 + 2 + 2 characters, none: 1000, extra: 5 characters");
        Assert.That(output, Does.Contain("call-add(40, 2) = 42"));
        Assert.That(output, Does.Contain("the guest called the host 4 times"));
    }

    [Test]
    public void CLibrary_hashes_as_dotnet_does()
    {
        (int exitCode, string output) = ChildProcess.Run(ChildProcess.BuiltProgram("CLibraryPath"));
        Assert.That(exitCode, Is.Zero, output);

        // The same bytes the example hashes: more than the guest's initial memory, so its malloc grows memory.
        byte[] data = new byte[1024 * 1024 + 1];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i * 31 + (i >> 8));
        }

        string big = Convert.ToHexStringLower(SHA256.HashData(data));
        string expected = string.Join('\n',
            "version: tinyhash 1.0.0",
            $"sha256(\"abc\") = {Convert.ToHexStringLower(SHA256.HashData("abc"u8))}",
            "streamed 1048577 bytes, 16384 whole blocks, finished: False",
            $"sha256(1 MiB + 1) streamed = {big}",
            $"sha256(1 MiB + 1) one call = {big}",
            "guest memory grew from 2 to 18 pages of 64 KiB",
            "update after final: the hash is already finished",
            "hex into 10 bytes: the output buffer is too small",
            "update after free: not a live hash handle",
            $"crc32(\"123456789\") = 0x{Crc32(0xEDB88320, "123456789"u8):x8}",
            $"crc32c(\"123456789\") = 0x{Crc32(0x82F63B78, "123456789"u8):x8}",
            $"crc32(1 MiB + 1) = 0x{Crc32(0xEDB88320, data):x8}");
        Assert.That(output.ReplaceLineEndings("\n").TrimEnd(), Is.EqualTo(expected));
    }

    // A reflected CRC-32 with init and final XOR 0xFFFFFFFF, bit by bit from its definition.
    private static uint Crc32(uint reversedPolynomial, ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ reversedPolynomial : crc >> 1;
            }
        }

        return ~crc;
    }

}
