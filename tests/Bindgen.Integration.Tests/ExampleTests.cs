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

}
