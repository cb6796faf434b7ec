using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bindgen.Generator.Abi.WasmBindgen;
using Bindgen.TestSupport;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Recognition over a corpus: the glue of every wasm-bindgen package the wasm-bindgen tests pin
/// (tests/Bindgen.WasmBindgen.Tests/npm/package-lock.json, installed by npm ci before this project builds), every
/// variant a package ships (node, web, bundler). Every import body must classify; the count left is the measure.
/// </summary>
public sealed class WasmBindgenCorpusTests
{
    private static IEnumerable<string> GlueFiles()
    {
        string modules = RepositoryPaths.Combine("tests", "Bindgen.WasmBindgen.Tests", "npm", "node_modules");
        Assume.That(Directory.Exists(modules), "npm ci has not run: " + modules);
        return Directory.EnumerateFiles(modules, "*.*js", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".js", System.StringComparison.Ordinal) || f.EndsWith(".cjs", System.StringComparison.Ordinal) || f.EndsWith(".mjs", System.StringComparison.Ordinal))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "snippets" + Path.DirectorySeparatorChar))
            .Where(f => File.ReadAllText(f).Contains("__wbindgen_object_drop_ref") || File.ReadAllText(f).Contains("__wbindgen_throw"))
            .OrderBy(f => f, System.StringComparer.Ordinal);
    }

    /// <summary>
    /// Imports of APIs only a browser or a worker has (the DOM, canvas, Web Workers): Bindgen leaves them to the user
    /// (a [WasmImports] registration), as there is no such object for a module to be given in .NET. Photon's browser
    /// functions and oxipng's parallel build (pkg-parallel) call them.
    /// </summary>
    private static readonly HashSet<string> BrowserOnly = new(System.StringComparer.Ordinal)
    {
        "appendChild", "body", "createElement", "data", "document", "drawImage", "getContext", "getImageData", "height",
        "width", "newwithu8clampedarrayandsh", "putImageData", "setheight", "settextContent", "setwidth", "startWorkers",
        "__wbindgen_module",
    };

    private static string Member(string import) =>
        import.StartsWith("__wbg_", System.StringComparison.Ordinal) ? import.Substring(6, import.LastIndexOf('_') - 6) : import;

    [Test]
    public void Every_import_of_every_pinned_package_is_recognised()
    {
        var unknown = new SortedSet<string>(System.StringComparer.Ordinal);
        int files = 0, imports = 0, browser = 0;
        foreach (string file in GlueFiles())
        {
            GlueModel glue = GlueReader.Read(Path.GetFileName(file), File.ReadAllText(file));
            if (glue.Imports.Count == 0)
            {
                continue;
            }

            files++;
            foreach (GlueImport import in glue.Imports.AsSpan())
            {
                imports++;
                if (import.Operation == "unknown" && BrowserOnly.Contains(Member(import.Name)))
                {
                    browser++;
                }
                else if (import.Operation == "unknown")
                {
                    unknown.Add(Path.GetFileName(file) + ": " + import.Name);
                }
            }
        }

        foreach (string u in unknown) TestContext.Out.WriteLine(u);
        TestContext.Out.WriteLine($"{files} glue files, {imports} imports, {unknown.Count} unrecognised, {browser} browser-only left to the user");
        Assert.That(files, Is.GreaterThanOrEqualTo(7), "the corpus is the pinned packages' glue");
        Assert.That(unknown, Is.Empty, "imports left unrecognised");
    }
}
