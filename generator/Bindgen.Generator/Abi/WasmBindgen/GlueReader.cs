using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Reads a wasm-bindgen package's JavaScript glue. The glue is generated code of a small, regular vocabulary
/// (<c>passStringToWasm0</c>, <c>getStringFromWasm0</c>, <c>takeObject</c>...), so the reader finds each function
/// definition, then recognizes those helpers in its body; it never evaluates JavaScript. Whatever it does not
/// recognize is kept as a problem for a diagnostic, never guessed.
/// </summary>
internal static class GlueReader
{
    private static readonly Regex FunctionHeader = new(
        @"(?:module\.exports\.|exports\.|imports\.wbg\.)(?<name>[A-Za-z_$][\w$]*)\s*=\s*function\s*\((?<params>[^)]*)\)\s*\{"
        + @"|(?<![\w.])(?:export\s+)?function\s+(?<name>[A-Za-z_$][\w$]*)\s*\((?<params>[^)]*)\)\s*\{"
        + @"|^\s*(?<name>__w\w+)\s*:\s*function\s*\((?<params>[^)]*)\)\s*\{",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex HandleErrorWrapper = new(@"^\s*return\s+handleError\(function\s*\((?<params>[^)]*)\)\s*\{", RegexOptions.CultureInvariant);

    /// <summary>Glue-internal functions that look like imports by name but are not.</summary>
    private static readonly HashSet<string> GlueInternals = new(StringComparer.Ordinal)
    {
        "__wbg_set_wasm", "__wbg_get_imports", "__wbg_init", "__wbg_load", "__wbg_finalize_init", "__wbg_init_memory",
        "__wbg_adapter", "__wbindgen_object_wrap",
    };

    /// <summary>Reads <paramref name="text"/>; never throws (a failure is the model's <see cref="GlueModel.Problem"/>).</summary>
    /// <param name="fileName">The glue's file name, for the model.</param>
    /// <param name="text">The glue.</param>
    /// <param name="exportsOnly">
    /// Reads the exports and classes alone, leaving the imports, the exception store and the string enums empty: what the
    /// BindgenPackage build task needs to write an interface, without classifying every import a second time in the build
    /// (the generator reads the whole glue).
    /// </param>
    public static GlueModel Read(string fileName, string text, bool exportsOnly = false)
    {
        // The readers match some sixty patterns per wrapper through Regex's static cache, 15 entries by default: with it
        // that small every pattern is parsed again and again, and photon-node's glue takes 2.5-3x as long to read.
        Regex.CacheSize = Math.Max(Regex.CacheSize, 128);
        try
        {
            return ReadGlue(fileName, text, exportsOnly);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new GlueModel(fileName, EquatableArray<GlueExport>.Empty, EquatableArray<GlueImport>.Empty, null, null, null, 0, null, null, $"it could not be read ({e.GetType().Name}: {e.Message})");
        }
    }

    private static GlueModel ReadGlue(string fileName, string text, bool exportsOnly)
    {
        // wasm-bindgen before 0.2.6x named its helpers without the 0 (passArray8ToWasm, getStringFromWasm): one vocabulary.
        text = Regex.Replace(text, @"\b(pass\w+ToWasm|get\w+FromWasm|get\w+Memory)\(", "${1}0(");
        var functions = Functions(text).ToList();
        var functionNames = new HashSet<string>(functions.Select(f => f.Name), StringComparer.Ordinal);
        // The allocator is passed to the helpers since 0.2.6x; before, the helpers called __wbindgen_malloc themselves.
        string? malloc = Match(text, @"pass(?:String|Array\w*)ToWasm0\([^,()]+,\s*wasm\.(\w+)") ?? Match(text, @"wasm\.(__wbindgen_malloc)\(");
        string? stack = Match(text, @"wasm\.(\w+)\(-16\)");
        // The deallocator: a statement that hands a result's pointer and length back (not an export wrapper's own call).
        string? free = Regex.Matches(text, @"^\s*wasm\.(\w+)\((?:r\d+|ret\[\d+\]|deferred\d+_\d+|ptr\d+),\s*(?:r\d+|ret\[\d+\]|deferred\d+_\d+|len\d+)(?:\s*\*\s*\d+)?(?:,\s*\d+)?\);", RegexOptions.Multiline)
            .Cast<Match>().Select(m => m.Groups[1].Value).FirstOrDefault(n => !functionNames.Contains(n))
            ?? Match(text, @"wasm\.(__wbindgen_free)\(");
        string? heap = Match(text, @"new Array\((\d+)\)(?:\.fill\(undefined\)|;\s*heap\.fill\(undefined\))");
        string? table = Match(text, @"const table = wasm\.(\w+);") ?? Match(text, @"wasm\.(\w+)\.get\(");
        string? start = Regex.IsMatch(text, @"wasm\.__wbindgen_start\(\)") ? "__wbindgen_start" : null;
        var helpers = new HashSet<string>(new[] { malloc, stack, free, table, "__wbindgen_realloc", "__externref_table_dealloc", "__externref_drop_slice", "__wbindgen_exn_store", "__externref_table_alloc" }.Where(n => n is not null)!, StringComparer.Ordinal);
        if (malloc is not null && Match(text, @"passStringToWasm0\([^,()]+,\s*wasm\.\w+,\s*wasm\.(\w+)") is { } realloc)
        {
            helpers.Add(realloc);
        }

        HashSet<string> exported = ExportedNames(text);
        var exports = new List<GlueExport>();
        var imports = new List<GlueImport>();
        foreach ((string name, string parameters, string body, bool catches) in functions)
        {
            if (GlueInternals.Contains(name))
            {
                continue;
            }

            if (name.StartsWith("__wbg_", StringComparison.Ordinal) || name.StartsWith("__wbindgen_", StringComparison.Ordinal))
            {
                if (exportsOnly)
                {
                    continue;
                }

                imports.Add(new GlueImport(name, GlueImportClassifier.Classify(name, body), catches));
            }
            else if (IsExportWrapper(exported, name, body))
            {
                exports.Add(GlueExportReader.Read(name, SplitParameters(parameters), body, helpers));
            }
        }

        imports = GlueClosures.Resolve(imports, text);
        var classes = new List<GlueClass>();
        foreach ((GlueClass glueClass, List<GlueExport> members) in GlueClassReader.Read(text, exported, helpers))
        {
            classes.Add(glueClass);
            exports.AddRange(members);
        }

        return new GlueModel(
            fileName,
            exports.GroupBy(e => e.JsName).Select(g => g.First()).ToEquatableArray(),
            imports.GroupBy(i => i.Name).Select(g => g.First()).ToEquatableArray(),
            malloc,
            free,
            stack,
            heap is null ? 0 : int.Parse(heap, System.Globalization.CultureInfo.InvariantCulture),
            heap is null ? table : null,
            start,
            Classes: classes.ToEquatableArray(),
            // handleError's catch hands the exception to the module: __wbindgen_exn_store, or a numbered export in newer glue.
            ExceptionStore: exportsOnly ? null : Match(text, @"catch \(e\) \{\s*(?:const idx = addToExternrefTable0\(e\);\s*)?wasm\.(\w+)\((?:addHeapObject\(e\)|idx)\);"),
            StringEnums: exportsOnly ? EquatableArray<GlueStringEnum>.Empty : GlueStringEnums.Read(text).Select(e => new GlueStringEnum(e.Key, e.Value.ToEquatableArray())).ToEquatableArray());
    }

    /// <summary>
    /// An exported function whose body calls into the module (classes, helpers and loaders are not): the loaders are
    /// named <c>init</c> and <c>initSync</c>; a function of the package merely starting with init (<c>initPanicHook</c>) is bound.
    /// </summary>
    private static bool IsExportWrapper(HashSet<string> exported, string name, string body) =>
        exported.Contains(name) && Regex.IsMatch(body, @"\bwasm\.\w+\(") && name is not ("init" or "initSync");

    /// <summary>
    /// Every name the glue exports (<c>module.exports.f =</c>, <c>exports.f =</c>, <c>export function f</c>,
    /// <c>export { f, g }</c>), found in one pass over the text rather than once per function.
    /// </summary>
    private static HashSet<string> ExportedNames(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(text, @"(?:module\.exports\.|exports\.)([A-Za-z_$][\w$]*)\s*=|export\s+(?:function|class)\s+([A-Za-z_$][\w$]*)\b"))
        {
            names.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        }

        foreach (Match list in Regex.Matches(text, @"export\s*\{([^}]*)\}"))
        {
            foreach (Match name in Regex.Matches(list.Groups[1].Value, @"[A-Za-z_$][\w$]*"))
            {
                names.Add(name.Value);
            }
        }

        return names;
    }

    private static IEnumerable<(string Name, string Parameters, string Body, bool CatchesErrors)> Functions(string text)
    {
        foreach (Match header in FunctionHeader.Matches(text))
        {
            int open = header.Index + header.Length - 1;
            int close = MatchingBrace(text, open);
            if (close < 0)
            {
                continue;
            }

            string body = text.Substring(open + 1, close - open - 1);
            string parameters = header.Groups["params"].Value;
            bool catches = false;
            if (HandleErrorWrapper.Match(body) is { Success: true } inner)
            {
                catches = true;
                parameters = inner.Groups["params"].Value;
                int innerOpen = inner.Index + inner.Length - 1;
                int innerClose = MatchingBrace(body, innerOpen);
                body = innerClose < 0 ? body : body.Substring(innerOpen + 1, innerClose - innerOpen - 1);
            }

            yield return (header.Groups["name"].Value, parameters, body, catches);
        }
    }

    /// <summary>The index of the brace closing the one at <paramref name="open"/>, skipping strings and comments; -1 if none.</summary>
    internal static int MatchingBrace(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '"' or '\'' or '`')
            {
                for (i++; i < text.Length && text[i] != c; i++)
                {
                    if (text[i] == '\\')
                    {
                        i++;
                    }
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i = text.IndexOf('\n', i);
                if (i < 0)
                {
                    return -1;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (i < 0)
                {
                    return -1;
                }
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    internal static string[] SplitParameters(string parameters) =>
        parameters.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();

    private static string? Match(string text, string pattern)
    {
        Match m = Regex.Match(text, pattern, RegexOptions.CultureInvariant);
        return m.Success ? m.Groups[1].Value : null;
    }
}
