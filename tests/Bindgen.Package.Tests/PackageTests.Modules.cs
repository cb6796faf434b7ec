using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NUnit.Framework;

namespace Bindgen.Package.Tests;

/// <summary>The package's build-time module check and embedding (BindgenModule, [WasmModule(File = ...)]), as a consumer meets them.</summary>
public sealed partial class PackageTests
{
    [Test]
    public void BindgenModule_is_checked_at_the_declaration_embedded_and_the_program_runs_without_the_wasm()
    {
        string app = CreateConsumer("checked");
        string projectFile = Path.Combine(app, "BindgenUser.csproj");
        XDocument project = XDocument.Load(projectFile);
        project.Root!.Add(new XElement("ItemGroup", new XElement("BindgenModule", new XAttribute("Include", "guest/text_tools.wasm"))));
        project.Save(projectFile);
        Directory.CreateDirectory(Path.Combine(app, "guest"));
        string wasm = Path.Combine(app, "guest", "text_tools.wasm");
        File.Copy(Path.Combine(_repoRoot, "examples", "Quickstart", "guest", "text_tools.wasm"), wasm);
        File.WriteAllText(Path.Combine(app, "Program.cs"), EmbeddedProgram);

        // Two mismatches in one interface: both are errors at their lines, in the same build.
        File.WriteAllText(Path.Combine(app, "ITextTools.cs"), MismatchedInterface);
        CliResult failed = DotNetCli.Run(app, BuildTimeout, "build", "--no-restore");
        string[] errors = Regex.Matches(failed.Output, @"(?<file>[^\s/\\]+\.cs)\((?<line>\d+),\d+\): error (?<id>BG\d{4})")
            .Select(m => $"{m.Groups["file"].Value}:{m.Groups["line"].Value} {m.Groups["id"].Value}")
            .Distinct()
            .ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(failed.ExitCode, Is.Not.Zero, failed.Describe());
            Assert.That(errors, Is.EquivalentTo(new[]
            {
                $"ITextTools.cs:{LineOf(MismatchedInterface, "WordCnt")} BG0014",
                $"ITextTools.cs:{LineOf(MismatchedInterface, "int Greet")} BG0015",
            }), failed.Describe());
            Assert.That(failed.Output, Does.Contain("did you mean 'word_count'?"), failed.Describe());
        });

        // The matching declaration builds; the module is embedded, so the output folder needs no .wasm.
        File.WriteAllText(Path.Combine(app, "ITextTools.cs"), UserInterface.Replace("[WasmModule]", "[WasmModule(File = \"text_tools.wasm\")]"));
        DotNetCli.RunOrFail(app, BuildTimeout, "build", "--no-restore");
        string output = Path.Combine(app, "bin");
        foreach (string stray in Directory.GetFiles(output, "*.wasm", SearchOption.AllDirectories))
        {
            File.Delete(stray);
        }

        CliResult run = DotNetCli.RunOrFail(app, RunTimeout, "run", "--no-build");
        Assert.That(run.Output.Split('\n').Select(l => l.TrimEnd('\r')), Does.Contain("Hello, Wörld!").And.Contain("word_count=6"), run.Describe());

        // A file that is not WebAssembly is a build error that names it.
        File.WriteAllText(wasm, "(module)");
        CliResult notWasm = DotNetCli.Run(app, BuildTimeout, "build", "--no-restore");
        Assert.Multiple(() =>
        {
            Assert.That(notWasm.ExitCode, Is.Not.Zero, notWasm.Describe());
            Assert.That(notWasm.Output, Does.Contain("error BG9002").And.Contain("text_tools.wasm").And.Contain("magic number"), notWasm.Describe());
        });
    }

    private const string MismatchedInterface = """
        using System;
        using Bindgen;

        namespace BindgenUser;

        [WasmModule(File = "text_tools.wasm")]
        public interface ITextTools
        {
            int WordCnt(string text);
            int Greet(string name);
            uint Checksum(ReadOnlySpan<byte> data);
        }
        """;

    // No .wasm is read: the module comes from the assembly, compiled for this engine.
    private const string EmbeddedProgram = """
        using System;
        using System.Text;
        using BindgenUser;
        using Wasmtime;

        Console.OutputEncoding = Encoding.UTF8;
        using var engine = new Engine();
        using var store = new Store(engine);
        ITextTools tools = TextTools.Instantiate(engine, store);
        Console.WriteLine(tools.Greet("Wörld"));
        Console.WriteLine($"word_count={tools.WordCount("WebAssembly modules called from .NET, safely")}");
        """;
}
