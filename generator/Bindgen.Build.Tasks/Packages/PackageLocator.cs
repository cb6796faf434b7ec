using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>The files of one wasm-bindgen package a <c>BindgenPackage</c> item names: its glue, the module, the declarations.</summary>
/// <param name="Glue">The JavaScript glue (the file whose wrappers call the module's exports).</param>
/// <param name="Wasm">The module (<c>*_bg.wasm</c>).</param>
/// <param name="Declarations">The TypeScript declarations of the glue, or null when the package has none.</param>
/// <param name="EmbeddedModule">The module as base64 in the glue itself (<c>Buffer.from('...', 'base64')</c>), when no file holds it.</param>
internal sealed record PackageFiles(string Glue, string Wasm, string? Declarations, string? EmbeddedModule = null);

/// <summary>
/// Finds a package's glue, module and declarations. A <c>BindgenPackage</c> is a folder (a package in
/// <c>node_modules</c>) or the glue itself. In a folder, every <c>*_bg.wasm</c> (outside nested node_modules) is a
/// candidate; its glue is the JavaScript file beside it named after it (<c>x.js</c>, <c>x_bg.js</c>, <c>x_bg.cjs</c>,
/// <c>x.cjs</c>, <c>x.mjs</c>) that defines the export wrappers. When a package ships several builds (node, web,
/// bundler), the one whose path names node is taken, then the first in ordinal path order: deterministic.
/// </summary>
internal static class PackageLocator
{
    private static readonly string[] GlueSuffixes = { ".js", "_bg.js", "_bg.cjs", ".cjs", ".mjs" };

    /// <summary>The package's files, or the reason they cannot be found.</summary>
    public static (PackageFiles? Files, string? Problem) Locate(string path)
    {
        if (File.Exists(path))
        {
            return FromGlue(path);
        }

        if (!Directory.Exists(path))
        {
            return (null, "neither a folder nor a file exists there (run npm install first?)");
        }

        var candidates = new List<PackageFiles>();
        foreach (string wasm in Directory.EnumerateFiles(path, "*_bg.wasm", SearchOption.AllDirectories)
            .Where(f => !Relative(path, f).Split('/').Contains("node_modules"))
            .OrderBy(f => Relative(path, f).Contains("node") ? 0 : 1)
            .ThenBy(f => Relative(path, f), StringComparer.Ordinal))
        {
            string stem = wasm.Substring(0, wasm.Length - "_bg.wasm".Length);
            string? glue = GlueSuffixes.Select(s => stem + s).FirstOrDefault(f => File.Exists(f) && DefinesWrappers(f));
            if (glue is not null)
            {
                candidates.Add(new PackageFiles(glue, wasm, Declarations(glue, stem)));
            }
        }

        return candidates.Count > 0 ? (candidates[0], null)
            : (null, "it holds no wasm-bindgen module with its glue (a *_bg.wasm beside a JavaScript file that calls its exports)");
    }

    private static (PackageFiles?, string?) FromGlue(string glue)
    {
        string directory = Path.GetDirectoryName(glue) ?? ".";
        string name = Path.GetFileNameWithoutExtension(glue);
        string stem = Path.Combine(directory, name.EndsWith("_bg", StringComparison.Ordinal) ? name.Substring(0, name.Length - 3) : name);
        string wasm = stem + "_bg.wasm";
        if (!File.Exists(wasm))
        {
            string[] any = Directory.GetFiles(directory, "*_bg.wasm").OrderBy(f => f, StringComparer.Ordinal).ToArray();
            if (any.Length != 1)
            {
                return EmbeddedModules.InGlue(glue) is { } embedded
                    ? (new PackageFiles(glue, wasm, Declarations(glue, stem), embedded), null)
                    : (null, $"no module '{Path.GetFileName(wasm)}' beside the glue");
            }

            wasm = any[0];
        }

        return (new PackageFiles(glue, wasm, Declarations(glue, stem)), null);
    }

    private static string? Declarations(string glue, string stem) =>
        new[] { Path.ChangeExtension(glue, ".d.ts"), stem + ".d.ts", Path.ChangeExtension(glue, ".d.cts") }.FirstOrDefault(File.Exists);

    /// <summary>Whether the file calls the module's exports through <c>wasm.</c> (the glue, not a loader that re-exports it).</summary>
    private static bool DefinesWrappers(string file)
    {
        string text = File.ReadAllText(file);
        // A call (wasm.f(...)), not a mention: a bundler's loader names "./x_bg.wasm" and "./x.d.ts" without calling anything.
        return System.Text.RegularExpressions.Regex.IsMatch(text, @"(?<![\w.])wasm\.\w+\(") && (text.Contains("__wbindgen") || text.Contains("__wbg_"));
    }

    private static string Relative(string root, string file) =>
        file.Substring(root.Length).Replace('\\', '/').TrimStart('/');
}
