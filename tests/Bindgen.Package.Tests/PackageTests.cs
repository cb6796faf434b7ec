using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NUnit.Framework;

namespace Bindgen.Package.Tests;

/// <summary>
/// Packs the Bindgen package from the repository and uses it the way a new user does: a fresh
/// console project, <c>dotnet add package</c>, an attributed interface over a committed guest,
/// build, run, and a stale-view mistake that the packaged analyzer must report.
/// </summary>
[TestFixture]
[Category("Package")]
[NonParallelizable]
public sealed class PackageTests
{
    private const string PackageId = "Bindgen";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private string _repoRoot = null!;
    private string _workRoot = null!;
    private string _feed = null!;
    private string _version = null!;
    private string _nupkgPath = null!;

    [OneTimeSetUp]
    public void PackIntoTemporaryFeed()
    {
        _repoRoot = FindRepositoryRoot();
        _workRoot = Path.Combine(Path.GetTempPath(), "bindgen-package-tests-" + Guid.NewGuid().ToString("N")[..12]);
        _feed = Path.Combine(_workRoot, "feed");
        Directory.CreateDirectory(_feed);

        // A version no cache or other source can hold, so restore takes exactly this package.
        _version = "0.1.0-test-" + Guid.NewGuid().ToString("N")[..12];

        // Release, into a private artifacts folder: never touches the bin/obj folders that the
        // solution build and the other test projects use at the same time.
        DotNetCli.RunOrFail(
            _repoRoot,
            PackTimeout,
            "pack", Path.Combine(_repoRoot, "runtime", "Bindgen.Runtime", "Bindgen.Runtime.csproj"),
            "-c", "Release",
            "-o", _feed,
            "--artifacts-path", Path.Combine(_workRoot, "artifacts"),
            "-p:PackageVersion=" + _version);

        _nupkgPath = Path.Combine(_feed, $"{PackageId}.{_version}.nupkg");
        Assert.That(_nupkgPath, Does.Exist, "dotnet pack did not produce the package");
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        if (_workRoot is not null)
        {
            TryDelete(_workRoot);
        }

        // Restore copied the test version into the global packages folder; it is of no further use.
        if (_version is not null)
        {
            string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            TryDelete(Path.Combine(globalPackages, PackageId.ToLowerInvariant(), _version));
        }
    }

    [Test]
    public void Package_holds_the_runtime_and_the_analyzers_and_depends_only_on_Wasmtime()
    {
        using ZipArchive zip = ZipFile.OpenRead(_nupkgPath);
        string[] entries = zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        string[] expected =
        [
            "Bindgen.nuspec",
            "README.md",
            "[Content_Types].xml",
            "_rels/.rels",
            "analyzers/dotnet/cs/Bindgen.Analyzers.dll",
            "analyzers/dotnet/cs/Bindgen.CodeFixes.dll",
            "analyzers/dotnet/cs/Bindgen.Generator.dll",
            "lib/net8.0/Bindgen.Runtime.dll",
            "lib/net8.0/Bindgen.Runtime.xml",
        ];
        string[] metadata = entries.Where(e => e.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(entries.Except(metadata), Is.EquivalentTo(expected), "package contents:\n" + string.Join('\n', entries));
            Assert.That(metadata, Has.Length.EqualTo(1).And.All.EndsWith(".psmdcp"));
        });

        XDocument nuspec;
        using (Stream stream = zip.GetEntry("Bindgen.nuspec")!.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement meta = nuspec.Root.Element(ns + "metadata")!;
        string? Meta(string name) => meta.Element(ns + name)?.Value;
        var dependencies = meta.Descendants(ns + "dependency")
            .Select(d => (Id: (string)d.Attribute("id")!, Version: (string)d.Attribute("version")!))
            .ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(Meta("id"), Is.EqualTo(PackageId));
            Assert.That(Meta("version"), Is.EqualTo(_version));
            Assert.That(Meta("authors"), Is.EqualTo("Bindgen contributors"));
            Assert.That(Meta("license"), Is.EqualTo("Apache-2.0"));
            Assert.That(Meta("readme"), Is.EqualTo("README.md"));
            Assert.That(Meta("description"), Is.Not.Empty);
            Assert.That(Meta("tags")?.Split(' '), Is.SupersetOf(new[] { "webassembly", "wasm", "wasmtime", "source-generator", "interop" }));
            Assert.That(dependencies.Select(d => d.Id), Is.EqualTo(new[] { "Wasmtime" }), "the only package dependency");
            Assert.That(Version.Parse(dependencies[0].Version), Is.GreaterThanOrEqualTo(new Version(50, 0, 1)), "minimum Wasmtime (a plain version means 'at least')");
            Assert.That(Path.ChangeExtension(_nupkgPath, ".snupkg"), Does.Exist, "symbols package");
        });
    }

    [Test]
    public void New_console_project_adds_the_package_builds_runs_gets_BG1001_and_the_fix()
    {
        string app = Path.Combine(_workRoot, "app");

        DotNetCli.RunOrFail(_workRoot, RestoreTimeout, "new", "console", "--name", "BindgenUser", "--output", app, "--no-restore");

        // The local feed next to whatever sources the machine already has (nuget.org by
        // default), which serve Wasmtime. Nothing above the temp folder belongs to the repo.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="bindgen-test-feed" value="{_feed}" />
              </packageSources>
            </configuration>
            """);

        // By id and version; restore finds this version only in the feed. (`--source` is not used:
        // it would replace the configured sources for this restore, and Wasmtime comes from nuget.org.)
        DotNetCli.RunOrFail(app, RestoreTimeout, "add", "package", PackageId, "--version", _version);

        string projectFile = Path.Combine(app, "BindgenUser.csproj");
        XDocument project = XDocument.Load(projectFile);
        Assert.That(
            project.Descendants("PackageReference").Select(r => ((string?)r.Attribute("Include"), (string?)r.Attribute("Version"))),
            Is.EqualTo(new[] { ((string?)PackageId, (string?)_version) }));
        project.Root!.Add(
            new XElement("PropertyGroup", new XElement("EmitCompilerGeneratedFiles", "true")),
            new XElement("ItemGroup", new XElement("None", new XAttribute("Include", "text_tools.wasm"), new XAttribute("CopyToOutputDirectory", "PreserveNewest"))));
        project.Save(projectFile);

        File.Copy(Path.Combine(_repoRoot, "examples", "Quickstart", "guest", "text_tools.wasm"), Path.Combine(app, "text_tools.wasm"));
        File.WriteAllText(Path.Combine(app, "ITextTools.cs"), UserInterface);
        File.WriteAllText(Path.Combine(app, "Program.cs"), UserProgram);
        File.WriteAllText(Path.Combine(app, "StaleView.cs"), UserStaleView);

        CliResult build = DotNetCli.RunOrFail(app, BuildTimeout, "build");

        // The packaged analyzer reports the stale view, at the read after the call, and nothing else.
        int staleLine = LineOf(UserStaleView, "return view[0];");
        string[] bindgenWarnings = Regex.Matches(build.Output, @"(?<file>[^\s/\\]+\.cs)\((?<line>\d+),(?<col>\d+)\): warning (?<id>BG\d{4})")
            .Select(m => $"{m.Groups["file"].Value}:{m.Groups["line"].Value} {m.Groups["id"].Value}")
            .Distinct()
            .ToArray();
        string[] compilerWarnings = Regex.Matches(build.Output, @": warning CS\d{4}[^\n]*").Select(m => m.Value).Distinct().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(bindgenWarnings, Is.EqualTo(new[] { $"StaleView.cs:{staleLine} BG1001" }), build.Describe());
            Assert.That(compilerWarnings, Is.Empty, build.Describe());
        });

        // EmitCompilerGeneratedFiles puts the generated binding where the README says.
        string[] generated = Directory.GetFiles(Path.Combine(app, "obj"), "BindgenUser.TextTools.g.cs", SearchOption.AllDirectories);
        Assert.That(generated, Has.Length.EqualTo(1), "generated binding under obj/");
        Assert.That(
            generated[0].Replace('\\', '/'),
            Does.EndWith("/generated/Bindgen.Generator/Bindgen.Generator.BindgenGenerator/BindgenUser.TextTools.g.cs"));

        CliResult run = DotNetCli.RunOrFail(app, RunTimeout, "run", "--no-build");
        string[] lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Does.Contain("Hello, Wörld!"), run.Describe());
            Assert.That(lines, Does.Contain("word_count=6"), run.Describe());
            Assert.That(lines, Does.Contain($"checksum={Fnv1a(Encoding.UTF8.GetBytes("bytes in, number out")):x8}"), run.Describe());
            Assert.That(lines, Does.Contain("first=42"), run.Describe());
        });

        // The packaged code fix, applied from the command line, re-fetches the view after the call:
        // the warning goes away and the program still prints what it should.
        DotNetCli.RunOrFail(app, BuildTimeout, "format", "analyzers", "--diagnostics", "BG1001", "--severity", "warn");
        string[] fixedLines = File.ReadAllLines(Path.Combine(app, "StaleView.cs")).Select(l => l.Trim()).ToArray();
        int call = Array.IndexOf(fixedLines, "tools.WordCount(\"this call may grow and move guest memory\");");
        Assert.That(call, Is.Not.Negative, string.Join("\n", fixedLines));
        Assert.That(fixedLines[call + 1], Is.EqualTo("view = memory.GetSpan(0, 16);"), string.Join("\n", fixedLines));

        CliResult rebuilt = DotNetCli.RunOrFail(app, BuildTimeout, "build");
        Assert.That(Regex.IsMatch(rebuilt.Output, @"warning (BG\d{4}|CS\d{4})"), Is.False, rebuilt.Describe());
        CliResult rerun = DotNetCli.RunOrFail(app, RunTimeout, "run", "--no-build");
        Assert.That(rerun.Output.Split('\n').Select(l => l.TrimEnd('\r')), Does.Contain("first=42").And.Contain("Hello, Wörld!"), rerun.Describe());
    }

    private const string UserInterface = """
        using System;
        using Bindgen;

        namespace BindgenUser;

        [WasmModule]
        public interface ITextTools
        {
            int WordCount(string text);
            string Greet(string name);
            uint Checksum(ReadOnlySpan<byte> data);
        }
        """;

    private const string UserProgram = """
        using System;
        using System.IO;
        using System.Text;
        using BindgenUser;
        using Wasmtime;

        Console.OutputEncoding = Encoding.UTF8;
        using var engine = new Engine();
        using var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "text_tools.wasm"));
        using var store = new Store(engine);
        ITextTools tools = TextTools.Instantiate(store, module);
        Console.WriteLine(tools.Greet("Wörld"));
        Console.WriteLine($"word_count={tools.WordCount("WebAssembly modules called from .NET, safely")}");
        Console.WriteLine($"checksum={tools.Checksum(Encoding.UTF8.GetBytes("bytes in, number out")):x8}");
        Console.WriteLine($"first={StaleView.FirstByte(((TextTools)tools).Instance, tools)}");
        """;

    // The mistake the analyzer exists for: a span of guest memory read after a call that may grow it.
    private const string UserStaleView = """
        using System;
        using Wasmtime;

        namespace BindgenUser;

        public static class StaleView
        {
            public static byte FirstByte(Instance instance, ITextTools tools)
            {
                Memory memory = instance.GetMemory("memory")!;
                Span<byte> view = memory.GetSpan(0, 16);
                view[0] = 42;
                tools.WordCount("this call may grow and move guest memory");
                return view[0];
            }
        }
        """;

    private static int LineOf(string text, string fragment)
    {
        string[] lines = text.Split('\n');
        int index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.That(index, Is.Not.Negative, fragment);
        return index + 1;
    }

    private static uint Fnv1a(IEnumerable<byte> data)
    {
        uint hash = 2166136261;
        foreach (byte b in data)
        {
            hash = unchecked((hash ^ b) * 16777619);
        }

        return hash;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bindgen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bindgen.sln not found above " + AppContext.BaseDirectory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TestContext.Progress.WriteLine($"Could not delete {directory}: {e.Message}");
        }
    }
}
