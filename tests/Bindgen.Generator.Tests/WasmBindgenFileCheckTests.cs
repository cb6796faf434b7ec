extern alias tasks;

using System.IO;
using System.Linq;
using tasks::Bindgen.Build.Tasks;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// [WasmModule(Abi = WasmAbi.WasmBindgen, File = ...)] checked against the build's description of the package's
/// <c>.wasm</c>: the core exports the glue calls, with the signatures it calls them with. The glue and the modules are
/// snappy-wasm 0.3.0's and @dqbd/tiktoken 1.0.22's (a class; pinned in tests/Bindgen.WasmBindgen.Tests/npm, installed
/// by npm ci); the description is the build task's, edited only where a test stands for a module from another build.
/// </summary>
public sealed class WasmBindgenFileCheckTests
{
    private const string Declaration = """
        using System;
        using Bindgen;
        [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "snappy.js", File = "snappy_bg.wasm")]
        public interface ISnappy
        {
            byte[] Compress(string input);
            string Decompress(ReadOnlySpan<byte> input);
        }
        """;

    private const string TiktokenDeclaration = """
        using System;
        using Bindgen;
        [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "tiktoken_bg.cjs", File = "tiktoken_bg.wasm")]
        public interface ITiktokenModule
        {
            ITiktoken GetEncoding(string encoding, object? extendSpecialTokens);
            public interface ITiktoken : IDisposable
            {
                string? Name { get; }
                uint[] EncodeOrdinary(string text);
            }
        }
        """;

    private static string Package(string file, string folder = "snappy-wasm/cjs")
    {
        string path = RepositoryPaths.Combine(["tests", "Bindgen.WasmBindgen.Tests", "npm", "node_modules", .. folder.Split('/'), file]);
        Assume.That(File.Exists(path), "npm ci has not run: " + path);
        return path;
    }

    private static string Description() => ModuleDescription.Write("snappy_bg.wasm", File.ReadAllBytes(Package("snappy_bg.wasm")));

    private static GenerationResult Run(string description, string source = Declaration) =>
        GeneratorHarness.Run(
            [new InMemoryAdditionalText("/pkg/snappy.js", File.ReadAllText(Package("snappy.js"))), new InMemoryAdditionalText("/obj/bindgen/snappy_bg.wasm.bindgen", description)],
            source);

    [Test]
    public void The_real_module_matches_its_glue_and_the_class_gains_the_embedded_module_factories()
    {
        GenerationResult result = Run(Description());
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty);
        string text = result.Sources.Single().SourceText.ToString();
        Assert.That(text, Does.Contain("public static Snappy Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Bindgen.GuestMemoryOptions? options = null)"));
        Assert.That(text, Does.Contain("global::Bindgen.EmbeddedModules.Get(engine, typeof(Snappy).Assembly, \"snappy_bg.wasm\")"));
    }

    [Test]
    public void A_core_signature_other_than_the_glue_calls_is_BG0015_at_the_method()
    {
        string description = Description();
        string line = description.Split('\n').Single(l => l.Contains("\tdecompress\t"));
        Assert.That(line, Does.Contain("(i32, i32, i32) -> ()"), "the glue calls decompress(retptr, ptr, len)");
        Diagnostic d = Single(Run(description.Replace(line, line.Replace("(i32, i32, i32) -> ()", "(i32, i32) -> i32"))), "BG0015");
        Assert.That(TextAt(d), Is.EqualTo("Decompress"));
        Assert.That(d.GetMessage(), Does.Contain("Method 'Decompress' (through the glue's 'decompress') calls export 'decompress' as (i32, i32, i32) -> (), but module 'snappy_bg.wasm' exports it as (i32, i32) -> i32"));
    }

    [Test]
    public void A_core_export_the_module_lacks_is_BG0014_at_the_method()
    {
        string description = Description();
        string line = description.Split('\n').Single(l => l.Contains("\tcompress\t"));
        Diagnostic d = Single(Run(description.Replace(line, line.Replace("\tcompress\t", "\tcompress_v2\t"))), "BG0014");
        Assert.That(TextAt(d), Is.EqualTo("Compress"));
        Assert.That(d.GetMessage(), Does.Contain("calls export 'compress', which module 'snappy_bg.wasm' does not export; the glue 'snappy.js' calls it"));
    }

    [Test]
    public void A_File_no_BindgenModule_describes_is_BG0013_at_the_File_argument()
    {
        Diagnostic d = Single(GeneratorHarness.Run([new InMemoryAdditionalText("/pkg/snappy.js", File.ReadAllText(Package("snappy.js")))], Declaration), "BG0013");
        Assert.That(TextAt(d), Is.EqualTo("File = \"snappy_bg.wasm\""));
    }

    private static string TiktokenDescription() => ModuleDescription.Write("tiktoken_bg.wasm", File.ReadAllBytes(Package("tiktoken_bg.wasm", "@dqbd/tiktoken")));

    private static GenerationResult RunTiktoken(string description) =>
        GeneratorHarness.Run(
            [new InMemoryAdditionalText("/pkg/tiktoken_bg.cjs", File.ReadAllText(Package("tiktoken_bg.cjs", "@dqbd/tiktoken"))), new InMemoryAdditionalText("/obj/bindgen/tiktoken_bg.wasm.bindgen", description)],
            TiktokenDeclaration);

    [Test]
    public void A_class_binding_matches_the_real_module()
    {
        GenerationResult result = RunTiktoken(TiktokenDescription());
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty);
    }

    [Test]
    public void A_class_member_and_the_free_export_are_checked_at_their_declarations()
    {
        string description = TiktokenDescription();
        string[] lines = description.Split('\n');
        string free = lines.Single(l => l.Contains("\t__wbg_tiktoken_free\t"));
        string method = lines.Single(l => l.Contains("\ttiktoken_encode_ordinary\t"));
        string edited = description.Replace(free, free.Replace("__wbg_tiktoken_free", "__wbg_tiktoken_drop"))
            .Replace(method, method.Replace(") -> ", ", i32) -> "));
        Diagnostic[] found = RunTiktoken(edited).Diagnostics.OrderBy(d => d.Id, System.StringComparer.Ordinal).ToArray();
        Assert.That(found.Select(d => d.Id), Is.EqualTo(new[] { "BG0014", "BG0015" }), string.Join("\n", found.Select(d => d.ToString())));
        Assert.That(TextAt(found[0]), Is.EqualTo("ITiktoken"));
        Assert.That(found[0].GetMessage(), Does.Contain("Class 'Tiktoken' (disposing) calls export '__wbg_tiktoken_free'"));
        Assert.That(TextAt(found[1]), Is.EqualTo("EncodeOrdinary"));
        Assert.That(found[1].GetMessage(), Does.Contain("calls export 'tiktoken_encode_ordinary' as"));
    }

    private static Diagnostic Single(GenerationResult result, string id)
    {
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }), string.Join("\n", result.Diagnostics));
        return result.Diagnostics.Single();
    }

    private static string TextAt(Diagnostic diagnostic) =>
        GeneratorHarness.LastSource!.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
}
