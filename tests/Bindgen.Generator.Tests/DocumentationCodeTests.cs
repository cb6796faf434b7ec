extern alias tasks;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using tasks::Bindgen.Build.Tasks;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Every ```csharp block of README.md and docs/**/*.md compiles, with the generator running, against the runtime and
/// Wasmtime, as a file of a `dotnet new console` project (its implicit usings). A block that names a module
/// (<c>File = "x.wasm"</c>) is checked against the committed module, as the build would; one that names wasm-bindgen
/// glue (<c>Glue = "x.js"</c>) gets that glue. The line before a block may say what it is:
/// <c>&lt;!-- partial --&gt;</c> (a fragment, reported as ignored) or <c>&lt;!-- expect BG0014 --&gt;</c> (the block
/// shows a mistake: those diagnostics, BG or CS, must be reported, and no other error).
/// </summary>
public sealed class DocumentationCodeTests
{
    /// <summary>The global usings of a console project with ImplicitUsings enabled, as `dotnet new console` creates it.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Regex Marker = new(@"^<!--\s*(?<kind>partial|expect)(?<ids>(\s+(BG|CS)\d{4})*)\s*-->$");
    private static readonly Regex ModuleFile = new("""File\s*=\s*"(?<name>[^"]+)""");
    /// <summary>Where the emscripten packages the docs show are installed (npm ci, when their tests build).</summary>
    private static readonly string EmscriptenFixture = Path.Combine("tests", "Bindgen.Emscripten.Tests", "npm", "node_modules");

    /// <summary>Where the wasm-bindgen packages the docs show are installed (npm ci, when their tests build).</summary>
    private static readonly string WasmBindgenFixture = Path.Combine("tests", "Bindgen.WasmBindgen.Tests", "npm", "node_modules");

    private static readonly Regex GlueFile = new("""Glue\s*=\s*"(?<name>[^"]+)""");

    /// <summary>A fenced C# block: where it is, its text, and what the line before it says.</summary>
    public sealed record CodeBlock(string File, int Line, string Code, bool Partial, string[] ExpectedIds);

    public static IEnumerable<TestCaseData> Blocks() =>
        MarkdownFiles().SelectMany(ReadBlocks).Select(block =>
            new TestCaseData(block).SetName($"{block.File} line {block.Line}"));

    [TestCaseSource(nameof(Blocks))]
    public void Compiles(CodeBlock block)
    {
        if (block.Partial)
        {
            Assert.Ignore($"{block.File} line {block.Line} is marked <!-- partial -->: a fragment, not compiled");
        }

        List<AdditionalText> additional = [];
        foreach (Match match in ModuleFile.Matches(block.Code))
        {
            string name = match.Groups["name"].Value;
            // A name no committed module has is left undescribed: the block then shows BG0013, as a build would. The
            // emscripten and wasm-bindgen pages name npm packages' modules, installed when their test projects build (npm ci).
            if (FindCommitted(name, ["examples", Path.Combine("tests", "guests"), "benchmarks"]) is not string path)
            {
                if (FindCommitted(name, [EmscriptenFixture, WasmBindgenFixture]) is not string installed)
                {
                    if (block.File.Contains("emscripten", StringComparison.Ordinal) || block.File.Contains("wasm-bindgen", StringComparison.Ordinal))
                    {
                        Assert.Ignore($"{block.File} line {block.Line}: module '{name}' is not installed; build tests/Bindgen.Emscripten.Tests and tests/Bindgen.WasmBindgen.Tests (npm ci) first");
                    }

                    continue;
                }

                path = installed;
            }

            // A component (named by a canonical interface's File) is described as its BindgenComponent item is.
            byte[] bytes = File.ReadAllBytes(path);
            additional.Add(name.EndsWith(".component.wasm", StringComparison.Ordinal)
                ? new InMemoryAdditionalText($"/obj/bindgen/{name}.bindgen-component", tasks::Bindgen.Build.Tasks.Components.ComponentDescription.Write(name, bytes, tasks::Bindgen.Build.Tasks.Components.ComponentReader.Read(bytes)))
                : new InMemoryAdditionalText($"/obj/bindgen/{name}.bindgen", ModuleDescription.Write(name, bytes)));
        }

        foreach (Match match in GlueFile.Matches(block.Code))
        {
            string name = match.Groups["name"].Value;
            // The npm packages' glue is installed when tests/Bindgen.WasmBindgen.Tests builds (npm ci), as in every full run.
            string? path = FindCommitted(name, [Path.Combine("tests", "Bindgen.WasmBindgen.Tests"), EmscriptenFixture]);
            if (path is null)
            {
                Assert.Ignore($"{block.File} line {block.Line}: glue '{name}' is not installed; build tests/Bindgen.WasmBindgen.Tests (npm ci) first");
            }

            additional.Add(new InMemoryAdditionalText(path!, File.ReadAllText(path!)));
        }

        SyntaxTree tree = CSharpSyntaxTree.ParseText(block.Code, GeneratorHarness.ParseOptions, path: block.File);
        bool isProgram = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(
            isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "ImplicitUsings.cs")]);
        // Pages about pointers into guest memory use `unsafe`, as a project doing that enables it.
        compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
        GenerationResult result = GeneratorHarness.Run([.. additional], compilation);

        Diagnostic[] all = [.. result.Diagnostics, .. result.GeneratorDiagnostics, .. GenerationResult.WithNullableWarnings(result.Output).GetDiagnostics()];
        string[] unexpectedErrors = all
            .Where(d => d.Severity == DiagnosticSeverity.Error && !block.ExpectedIds.Contains(d.Id))
            .Select(d => Describe(block, d)).Distinct().ToArray();
        string[] missing = block.ExpectedIds.Where(id => !all.Any(d => d.Id == id)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(unexpectedErrors, Is.Empty, $"{block.File} line {block.Line} does not compile");
            Assert.That(missing, Is.Empty, $"{block.File} line {block.Line} says <!-- expect ... --> but these were not reported");
        });
    }

    [Test]
    public void The_documentation_has_csharp_blocks_to_check()
    {
        // A guard against the extraction silently finding nothing (a renamed folder, a changed fence).
        CodeBlock[] blocks = MarkdownFiles().SelectMany(ReadBlocks).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(blocks.Count(b => b.File == "README.md"), Is.GreaterThanOrEqualTo(2));
            Assert.That(blocks.Select(b => b.File).Distinct().Count(), Is.GreaterThan(10));
            Assert.That(blocks.Count(b => !b.Partial), Is.GreaterThan(blocks.Length * 3 / 4), "most blocks are complete, not marked partial");
        });
    }

    [Test]
    public void Every_page_in_docs_is_linked_from_an_index()
    {
        // docs/README.md indexes the pages of docs/; docs/diagnostics/README.md indexes one page per diagnostic.
        string docs = RepositoryPaths.Combine("docs");
        string[] unlisted = Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories)
            .Where(page => Path.GetFileName(page) != "README.md")
            .Where(page => !LinkedPages(Path.Combine(Path.GetDirectoryName(page)!, "README.md")).Contains(Path.GetFullPath(page)))
            .Select(page => Path.GetRelativePath(RepositoryPaths.Root, page).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(unlisted, Is.Empty, "pages no index links");
            Assert.That(LinkedPages(Path.Combine(docs, "README.md")), Does.Contain(Path.GetFullPath(Path.Combine(docs, "diagnostics", "README.md"))));
        });
    }

    [Test]
    public void Relative_links_between_pages_point_at_files_that_exist()
    {
        string[] broken = MarkdownFiles()
            .SelectMany(markdown => RelativeLinks(RepositoryPaths.Combine(markdown.File))
                .Where(target => !File.Exists(target) && !Directory.Exists(target))
                .Select(target => $"{markdown.File} -> {Path.GetRelativePath(RepositoryPaths.Root, target)}"))
            .ToArray();
        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void Fragments_and_markers_are_parsed_as_written()
    {
        CodeBlock[] blocks = ReadBlocks("sample.md", """
            Text.

            <!-- partial -->
            ```csharp
            a fragment
            ```

            <!-- expect BG0001 BG0014 -->
            ```csharp
            interface I {}
            ```

            ```csharp
            int x = 1;
            ```
            """).ToArray();

        Assert.That(blocks, Has.Length.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That((blocks[0].File, blocks[0].Line, blocks[0].Code, blocks[0].Partial), Is.EqualTo(("sample.md", 4, "a fragment\n", true)));
            Assert.That(blocks[0].ExpectedIds, Is.Empty);
            Assert.That(blocks[1].ExpectedIds, Is.EqualTo(new[] { "BG0001", "BG0014" }));
            Assert.That(blocks[1].Partial, Is.False);
            Assert.That(blocks[2].Line, Is.EqualTo(13));
            Assert.That(blocks[2].Code, Is.EqualTo("int x = 1;\n"));
        });
    }

    private static readonly Regex Link = new(@"\]\((?<target>[^)#\s]+)(#[^)]*)?\)");

    /// <summary>The files a markdown page links to by relative path (web addresses left out), as full paths.</summary>
    private static IEnumerable<string> RelativeLinks(string page) =>
        File.Exists(page)
            ? Link.Matches(File.ReadAllText(page))
                .Select(m => m.Groups["target"].Value)
                .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal))
                .Select(target => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target)))
            : [];

    private static HashSet<string> LinkedPages(string index) => [.. RelativeLinks(index)];

    private static IEnumerable<(string File, string Text)> MarkdownFiles()
    {
        string root = RepositoryPaths.Root;
        IEnumerable<string> paths = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        return paths.Select(path => (Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)));
    }

    private static IEnumerable<CodeBlock> ReadBlocks((string File, string Text) markdown) => ReadBlocks(markdown.File, markdown.Text);

    private static IEnumerable<CodeBlock> ReadBlocks(string file, string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            int start = i;
            string? before = lines.Take(start).Reverse().FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
            Match marker = Marker.Match(before ?? "");
            var code = new System.Text.StringBuilder();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                code.Append(lines[i]).Append('\n');
            }

            yield return new CodeBlock(
                file,
                start + 1,
                code.ToString(),
                marker.Success && marker.Groups["kind"].Value == "partial",
                marker.Success ? marker.Groups["ids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : []);
        }
    }

    private static string? FindCommitted(string fileName, string[] folders) =>
        folders
            .Select(folder => RepositoryPaths.Combine(folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, fileName, SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>A diagnostic with its line in the markdown file when it is in the block (the block's code starts on the line after the fence).</summary>
    private static string Describe(CodeBlock block, Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        string where = span.Path == block.File ? $"{block.File}:{block.Line + 1 + span.StartLinePosition.Line} " : span.Path.Length > 0 ? $"{span.Path}({span.StartLinePosition.Line + 1}) " : "";
        return $"{where}{d.Id}: {d.GetMessage()}";
    }
}
