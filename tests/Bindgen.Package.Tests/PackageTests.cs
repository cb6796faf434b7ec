using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
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
public sealed partial class PackageTests
{
    private const string PackageId = "Bindgen";
    private const string RepositoryUrl = "https://github.com/bindgen-dotnet/bindgen";

    /// <summary>The kind of custom debug information that holds a portable PDB's SourceLink JSON.</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

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

        // The repository's version with a suffix no cache or other source can hold, so restore takes
        // exactly this package. Set as Version (not only PackageVersion) so that it reaches every
        // assembly and the generated code the way a release's version does.
        _version = RepositoryVersion(_repoRoot) + "-test-" + Guid.NewGuid().ToString("N")[..12];

        // Release, into a private artifacts folder: never touches the bin/obj folders that the
        // solution build and the other test projects use at the same time.
        DotNetCli.RunOrFail(
            _repoRoot,
            PackTimeout,
            "pack", Path.Combine(_repoRoot, "runtime", "Bindgen.Runtime", "Bindgen.Runtime.csproj"),
            "-c", "Release",
            "-o", _feed,
            "--artifacts-path", Path.Combine(_workRoot, "artifacts"),
            "-p:Version=" + _version);

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
            "build/Bindgen.Build.Tasks.dll",
            "build/Bindgen.targets",
            "buildTransitive/Bindgen.targets",
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
        XElement? repository = meta.Element(ns + "repository");
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
            Assert.That(Meta("releaseNotes"), Does.Contain(RepositoryVersion(_repoRoot)), "release notes of this version");
            Assert.That((string?)repository?.Attribute("type"), Is.EqualTo("git"));
            Assert.That((string?)repository?.Attribute("url"), Is.EqualTo(RepositoryUrl));
            Assert.That((string?)repository?.Attribute("commit"), Does.Match("^[0-9a-f]{40}$"), "the commit the package was built from");
            Assert.That(Meta("tags")?.Split(' '), Is.SupersetOf(new[] { "webassembly", "wasm", "wasmtime", "source-generator", "interop" }));
            Assert.That(dependencies.Select(d => d.Id), Is.EqualTo(new[] { "Wasmtime" }), "the only package dependency");
            Assert.That(Version.Parse(dependencies[0].Version), Is.GreaterThanOrEqualTo(new Version(50, 0, 1)), "minimum Wasmtime (a plain version means 'at least')");
            Assert.That(Path.ChangeExtension(_nupkgPath, ".snupkg"), Does.Exist, "symbols package");
        });
    }

    [Test]
    public void New_console_project_adds_the_package_builds_runs_gets_BG1001_and_the_fix()
    {
        string app = CreateConsumer("app");
        string projectFile = Path.Combine(app, "BindgenUser.csproj");
        XDocument project = XDocument.Load(projectFile);
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

        // The generated code names the release of the package that generated it.
        Assert.That(
            File.ReadAllText(generated[0]),
            Does.Contain($"[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"{_version}\")]"));

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

    [Test]
    public void Every_assembly_in_the_package_carries_the_package_version()
    {
        string extracted = Path.Combine(_workRoot, "extracted");
        using (ZipArchive zip = ZipFile.OpenRead(_nupkgPath))
        {
            foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
            {
                string target = Path.Combine(extracted, entry.FullName);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target, overwrite: true);
            }
        }

        // The informational version, which the generator also writes into [GeneratedCode]; the SDK may
        // append "+<commit>".
        var versions = Directory.GetFiles(extracted, "*.dll", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetFileName(f), Version: FileVersionInfo.GetVersionInfo(f).ProductVersion?.Split('+')[0]))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToArray();
        Assert.That(versions.Select(v => v.Name), Is.EqualTo(new[] { "Bindgen.Analyzers.dll", "Bindgen.Build.Tasks.dll", "Bindgen.CodeFixes.dll", "Bindgen.Generator.dll", "Bindgen.Runtime.dll" }));
        Assert.That(versions.Select(v => v.Version), Is.All.EqualTo(_version), string.Join('\n', versions));
    }

    [Test]
    public void Symbols_point_at_the_repository_and_name_no_local_folder()
    {
        string snupkg = Path.ChangeExtension(_nupkgPath, ".snupkg");
        Assert.That(snupkg, Does.Exist, "symbols package");

        string[] documents;
        string? sourceLink = null;
        using (ZipArchive symbols = ZipFile.OpenRead(snupkg))
        {
            ZipArchiveEntry? pdbEntry = symbols.GetEntry("lib/net8.0/Bindgen.Runtime.pdb");
            Assert.That(pdbEntry, Is.Not.Null, "the runtime's .pdb in the symbols package");

            // The metadata reader needs a seekable stream.
            var pdb = new MemoryStream();
            using (Stream stream = pdbEntry!.Open())
            {
                stream.CopyTo(pdb);
            }

            pdb.Position = 0;
            using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
            MetadataReader reader = provider.GetMetadataReader();
            documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToArray();
            foreach (CustomDebugInformationHandle handle in reader.CustomDebugInformation)
            {
                CustomDebugInformation info = reader.GetCustomDebugInformation(handle);
                if (reader.GetGuid(info.Kind) == SourceLinkKind)
                {
                    sourceLink = Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value));
                }
            }
        }

        // Sources under the repository become /_/..., files generated into obj/ (outside the repository
        // here, as the pack ran with an artifacts path) /_artifacts/...: no path of this machine is left.
        Assert.Multiple(() =>
        {
            Assert.That(documents, Does.Contain("/_/runtime/Bindgen.Runtime/Memory/GuestMemory.cs"), string.Join('\n', documents));
            Assert.That(documents, Is.All.StartsWith("/_/").Or.StartsWith("/_artifacts/"), string.Join('\n', documents));
            Assert.That(sourceLink, Does.Match(
                @"^\{""documents"":\{""/_/\*"":""https://raw\.githubusercontent\.com/bindgen-dotnet/bindgen/[0-9a-f]{40}/\*""\}\}$"),
                "SourceLink maps the sources to the repository at the built commit");
        });

        // Each assembly names its .pdb in its debug directory; that path is mapped the same way.
        using ZipArchive package = ZipFile.OpenRead(_nupkgPath);
        foreach (ZipArchiveEntry entry in package.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            var image = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(image);
            }

            image.Position = 0;
            using var pe = new PEReader(image);
            string[] pdbPaths = pe.ReadDebugDirectory()
                .Where(d => d.Type == DebugDirectoryEntryType.CodeView)
                .Select(d => pe.ReadCodeViewDebugDirectoryData(d).Path)
                .ToArray();
            Assert.That(pdbPaths, Has.Length.EqualTo(1).And.All.StartsWith("/_artifacts/"), entry.FullName);
        }
    }

    [Test]
    public void Too_old_compiler_gets_one_BG9001_error_and_the_Bindgen_analyzers_are_left_out()
    {
        string app = CreateConsumer("old-compiler");

        // The SDK reports its compiler's version in CompilerApiVersion; overriding it makes this SDK look
        // like one whose compiler is Roslyn 4.7, one minor version too old. -getItem shows the analyzers
        // the compiler would have been given (with an explicit target: without one it only evaluates).
        CliResult build = DotNetCli.Run(app, BuildTimeout, "build", "--no-restore", "-t:Build", "-p:CompilerApiVersion=roslyn4.7", "-getItem:Analyzer");

        string[] errors = Regex.Matches(build.Output, @"error (?<id>[A-Z]+\d+)").Select(m => m.Groups["id"].Value).Distinct().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(build.ExitCode, Is.Not.Zero, build.Describe());
            Assert.That(errors, Is.EqualTo(new[] { "BG9001" }), build.Describe());
            Assert.That(build.Output, Does.Not.Contain("CS9057"), build.Describe());
            Assert.That(build.Output, Does.Contain("Roslyn 4.8 or newer").And.Contain("uses Roslyn 4.7"), build.Describe());
            Assert.That(BindgenAnalyzers(build.Output), Is.Empty, build.Describe());
        });

        // At exactly the minimum nothing is reported and all three assemblies reach the compiler.
        CliResult atMinimum = DotNetCli.RunOrFail(
            app, BuildTimeout, "msbuild", "-t:ResolveReferences;_BindgenCheckCompilerVersion", "-p:CompilerApiVersion=roslyn4.8", "-getItem:Analyzer");
        Assert.That(BindgenAnalyzers(atMinimum.Output), Is.EqualTo(new[] { "Bindgen.Analyzers", "Bindgen.CodeFixes", "Bindgen.Generator" }), atMinimum.Describe());

        static string[] BindgenAnalyzers(string output) =>
            Regex.Matches(output, @"""Identity"":\s*""(?<path>[^""]+)""")
                .Select(m => Path.GetFileNameWithoutExtension(m.Groups["path"].Value.Replace(@"\\", "/")))
                .Where(n => n.StartsWith("Bindgen.", StringComparison.Ordinal))
                .Distinct()
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
    }

    [Test]
    public void Compiler_guard_requires_exactly_the_Roslyn_version_the_packaged_analyzers_reference()
    {
        using ZipArchive zip = ZipFile.OpenRead(_nupkgPath);

        string required;
        using (Stream stream = zip.GetEntry("build/Bindgen.targets")!.Open())
        {
            required = XDocument.Load(stream).Descendants("_BindgenMinimumRoslynVersion").Single().Value;
        }

        // A compiler loads an analyzer only if it is at least as new as the Roslyn the analyzer
        // references; the guard must ask for that version, no older (CS9057) and no newer (a needless error).
        var referenced = new List<string>();
        foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal)))
        {
            var image = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(image);
            }

            image.Position = 0;
            using var pe = new PEReader(image);
            MetadataReader reader = pe.GetMetadataReader();
            referenced.AddRange(reader.AssemblyReferences
                .Select(r => reader.GetAssemblyReference(r))
                .Where(r => reader.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                .Select(r => $"{r.Version.Major}.{r.Version.Minor}"));
        }

        Assert.That(referenced, Is.Not.Empty.And.All.EqualTo(required));
    }

    /// <summary>
    /// A new console project in <paramref name="folder"/> under the work root, with the test feed in its
    /// nuget.config and the package added by id and version, the way the README tells a user to.
    /// </summary>
    private string CreateConsumer(string folder)
    {
        string app = Path.Combine(_workRoot, folder);

        DotNetCli.RunOrFail(_workRoot, RestoreTimeout, "new", "console", "--name", "BindgenUser", "--output", app, "--no-restore");

        AddTestFeed(app);

        // By id and version; restore finds this version only in the feed. (`--source` is not used:
        // it would replace the configured sources for this restore, and Wasmtime comes from nuget.org.)
        DotNetCli.RunOrFail(app, RestoreTimeout, "add", "package", PackageId, "--version", _version);

        string projectFile = Path.Combine(app, "BindgenUser.csproj");
        XDocument project = XDocument.Load(projectFile);
        Assert.That(
            project.Descendants("PackageReference").Select(r => ((string?)r.Attribute("Include"), (string?)r.Attribute("Version"))),
            Is.EqualTo(new[] { ((string?)PackageId, (string?)_version) }));
        return app;
    }

    /// <summary>
    /// A nuget.config in <paramref name="app"/> that adds the test feed next to whatever sources the machine already
    /// has (nuget.org by default), which serve Wasmtime. Nothing above the temp folder belongs to the repo.
    /// </summary>
    private void AddTestFeed(string app) =>
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="bindgen-test-feed" value="{_feed}" />
              </packageSources>
            </configuration>
            """);

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

    /// <summary>The one release version, from Directory.Build.props.</summary>
    private static string RepositoryVersion(string repoRoot) =>
        XDocument.Load(Path.Combine(repoRoot, "Directory.Build.props")).Descendants("Version").Single().Value;

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
