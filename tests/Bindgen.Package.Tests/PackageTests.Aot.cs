using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NUnit.Framework;

namespace Bindgen.Package.Tests;

/// <summary>
/// The package in an application published ahead of time (NativeAOT) and trimmed: tests/aot-consumer, built against
/// the packed package, must publish without a single trim or AOT warning (IL2xxx, IL3xxx) and run correctly.
/// </summary>
public sealed partial class PackageTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    [TestCase("PublishAot")]
    [TestCase("PublishTrimmed")]
    public void Consumer_publishes_without_trim_or_AOT_warnings_and_runs(string mode)
    {
        if (mode == "PublishAot" && MissingNativeToolchain() is { } missing)
        {
            // Visible in the results as a skipped test with this reason; .ci/run installs both when it can.
            Assert.Ignore($"NativeAOT needs {missing} on this machine (on Debian: apt-get install clang zlib1g-dev); the AOT publish was not tested.");
        }

        string app = Path.Combine(_workRoot, "aot-" + mode);
        string source = Path.Combine(_repoRoot, "tests", "aot-consumer");
        Directory.CreateDirectory(app);
        foreach (string file in new[] { "AotConsumer.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(app, file));
        }

        File.Copy(Path.Combine(_repoRoot, "examples", "Quickstart", "guest", "text_tools.wasm"), Path.Combine(app, "text_tools.wasm"));
        File.Copy(Path.Combine(_repoRoot, "examples", "HostImports", "guest", "plugin.wasm"), Path.Combine(app, "plugin.wasm"));
        AddTestFeed(app);
        Assert.That(
            XDocument.Load(Path.Combine(app, "AotConsumer.csproj")).Descendants("PackageReference").Select(r => (string?)r.Attribute("Include")),
            Is.EqualTo(new[] { PackageId }));

        string output = Path.Combine(app, "out");
        CliResult publish = DotNetCli.RunOrFail(
            app,
            PublishTimeout,
            "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "-o", output,
            "-p:BindgenVersion=" + _version, $"-p:{mode}=true");

        // Every trim and AOT warning, each naming the member it is about (the project turns TrimmerSingleWarn off).
        // Wasmtime's own typed wrappers warn (ValueRaw.Converter, ReturnTypeFactory: reflection for tuple and result
        // types, which Bindgen never uses); they are Wasmtime's to fix, and listed in the test output. Not one may
        // be about Bindgen's code or the code it generated into the program.
        string[] warnings = Regex.Matches(publish.Output, @"warning (?<id>IL[23]\d{3}): (?<member>[^\n]*)")
            .Select(m => $"{m.Groups["id"].Value}: {m.Groups["member"].Value.Trim()}")
            .Distinct()
            .ToArray();
        string[] wasmtimes = warnings.Where(w => w[8..].StartsWith("Wasmtime.", StringComparison.Ordinal)).ToArray();
        TestContext.Out.WriteLine($"{mode}: {wasmtimes.Length} warnings in Wasmtime's own code:\n  " + string.Join("\n  ", wasmtimes));
        Assert.That(warnings.Except(wasmtimes), Is.Empty, publish.Describe());
        if (mode == "PublishAot")
        {
            // Ahead-of-time compiled: no IL of the program left to run under a JIT.
            Assert.That(Path.Combine(output, "AotConsumer.dll"), Does.Not.Exist, "a native executable, not an assembly");
        }

        string executable = Path.Combine(output, OperatingSystem.IsWindows() ? "AotConsumer.exe" : "AotConsumer");
        CliResult run = DotNetCli.RunProgram(executable, "AotConsumer", app, RunTimeout);
        string[] lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Describe());
            Assert.That(lines, Does.Contain("Hello, Wörld!"), run.Describe());
            Assert.That(lines, Does.Contain("word_count=6"), run.Describe());
            Assert.That(lines, Does.Contain($"checksum={Fnv1a(System.Text.Encoding.UTF8.GetBytes("bytes in, number out")):x8}"), run.Describe());
            Assert.That(lines, Does.Contain("Hello, Wörld! Greetings from Wasmtime."), run.Describe());
            Assert.That(lines, Does.Contain("asked=name,runtime"), run.Describe());
            // The direct paths into Wasmtime's native library work here too: the layout probe passes ahead of time
            // compiled and trimmed, as under the JIT.
            Assert.That(lines, Does.Contain("direct=True"), run.Describe());
        });
    }

    /// <summary>What NativeAOT's native link step lacks on this machine (a C compiler driver, zlib), or null.</summary>
    private static string? MissingNativeToolchain()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null; // the SDK's own checks speak for other systems
        }

        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        bool clang = path.Any(d => File.Exists(Path.Combine(d, "clang")));
        bool zlib = new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib" }
            .Any(d => File.Exists(Path.Combine(d, "libz.so")) || File.Exists(Path.Combine(d, "libz.a")));
        return (clang, zlib) switch
        {
            (true, true) => null,
            (false, true) => "clang",
            (true, false) => "zlib (zlib1g-dev)",
            _ => "clang and zlib (zlib1g-dev)",
        };
    }
}
