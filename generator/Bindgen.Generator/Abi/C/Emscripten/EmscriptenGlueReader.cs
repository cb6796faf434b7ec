using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Bindgen.Generator.Abi;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C.Emscripten;

/// <summary>
/// An emscripten module's JavaScript glue as the C ABI needs it: which minified wasm name each C function, the memory
/// and the constructors have, and which C function each minified import is. Null parts were not found.
/// </summary>
/// <param name="FileName">The glue's file name, which <c>[WasmModule(Glue = ...)]</c> matches.</param>
/// <param name="Exports">C name, tab, wasm export name: <c>ZSTD_compress\tm</c>.</param>
/// <param name="Imports">Wasm import module, tab, wasm import name, tab, C name: <c>a\te\temscripten_resize_heap</c>.</param>
/// <param name="Memory">The memory's export name, when the module exports it.</param>
/// <param name="Constructors">The export that runs the C constructors (<c>__wasm_call_ctors</c>).</param>
internal sealed record EmscriptenGlue(string FileName, EquatableArray<string> Exports, EquatableArray<string> Imports, string? Memory, string? Constructors) : AbiInput(FileName)
{
    /// <summary>The wasm export the glue gives C function <paramref name="name"/>, or null.</summary>
    public string? ExportOf(string name)
    {
        string prefix = name + "\t";
        foreach (string export in Exports)
        {
            if (export.StartsWith(prefix, StringComparison.Ordinal))
            {
                return export.Substring(prefix.Length);
            }
        }

        return null;
    }
}

/// <summary>Reads emscripten's glue with patterns of the code its JavaScript backend writes (emscripten 2 to 4).</summary>
internal static class EmscriptenGlueReader
{
    private const string Name = "[A-Za-z_$][\\w$]*";
    private const string Quoted = "[\"']([\\w$]+)[\"']";
    private const string Exports = "(?:wasmExports|asm|Module\\[[\"']asm[\"']\\])";

    // `_ZSTD_isError = Module['_ZSTD_isError'] = wasmExports['h']`, `_malloc = wasmExports["s"]`, `wasmMemory = wasmExports['f']`
    private static readonly Regex AssignedExport = new(
        "(?<js>" + Name + ")\\s*=\\s*(?:Module\\[[\"'][\\w$]+[\"']\\]\\s*=\\s*)?" + Exports + "\\[" + Quoted.Replace("(", "(?<wasm>"), RegexOptions.CultureInvariant);

    // `Module["_sqlite3_open"] = wasmExports["sqlite3_open"]`
    private static readonly Regex ModuleExport = new(
        "Module\\[[\"'](?<js>[\\w$]+)[\"']\\]\\s*=\\s*" + Exports + "\\[" + Quoted.Replace("(", "(?<wasm>"), RegexOptions.CultureInvariant);

    // `addOnInit(wasmExports['g'])`, `__ATINIT__.unshift(Module["asm"]["d"])`
    private static readonly Regex Initializer = new(
        "(?:addOnInit|__ATINIT__\\.unshift)\\(\\s*" + Exports + "\\[" + Quoted.Replace("(", "(?<wasm>"), RegexOptions.CultureInvariant);

    // `var wasmImports = { c: __abort_js, "b": _emscripten_resize_heap, ... }` (older: asmLibraryArg)
    private static readonly Regex ImportTable = new("(?:wasmImports|asmLibraryArg)\\s*=\\s*\\{(?<body>[^{}]*)\\}", RegexOptions.CultureInvariant);
    private static readonly Regex ImportEntry = new("(?:^|,)\\s*(?:/\\*\\*[^*]*\\*/\\s*)?[\"']?(?<name>[\\w$]+)[\"']?\\s*:\\s*(?<js>" + Name + ")", RegexOptions.CultureInvariant);

    // `return { a: wasmImports }`, `var info = { "a": asmLibraryArg }`: the module name the table is imported as.
    private static readonly Regex ImportModule = new("\\{\\s*[\"']?(?<module>[\\w$]+)[\"']?\\s*:\\s*(?:wasmImports|asmLibraryArg)\\s*[,}]", RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="text"/> looks like emscripten's glue.</summary>
    public static bool IsEmscripten(string text) =>
        text.IndexOf("wasmExports", StringComparison.Ordinal) >= 0 || text.IndexOf("asmLibraryArg", StringComparison.Ordinal) >= 0;

    /// <summary>The names in <paramref name="text"/>; empty when it is not emscripten's glue (wasm-bindgen's, say).</summary>
    public static EmscriptenGlue Read(string fileName, string text)
    {
        if (!IsEmscripten(text))
        {
            return new EmscriptenGlue(fileName, EquatableArray<string>.Empty, EquatableArray<string>.Empty, null, null);
        }

        var exports = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? memory = null;
        string? constructors = null;
        foreach (Match match in AssignedExport.Matches(text).Cast<Match>().Concat(ModuleExport.Matches(text).Cast<Match>()))
        {
            string js = match.Groups["js"].Value;
            string wasm = match.Groups["wasm"].Value;
            if (js == "wasmMemory")
            {
                memory = wasm;
            }
            else if (js.StartsWith("_", StringComparison.Ordinal) && !exports.ContainsKey(js.Substring(1)))
            {
                // emscripten names a C function's JavaScript wrapper with one more leading underscore.
                exports.Add(js.Substring(1), wasm);
            }
        }

        if (exports.TryGetValue("__wasm_call_ctors", out string? ctors))
        {
            constructors = ctors;
        }
        else if (Initializer.Match(text) is { Success: true } init)
        {
            constructors = init.Groups["wasm"].Value;
        }

        var imports = new List<string>();
        Match table = ImportTable.Match(text);
        if (table.Success)
        {
            string module = ImportModule.Match(text) is { Success: true } m ? m.Groups["module"].Value : "env";
            foreach (Match entry in ImportEntry.Matches(table.Groups["body"].Value))
            {
                string js = entry.Groups["js"].Value;
                string c = js.StartsWith("_", StringComparison.Ordinal) ? js.Substring(1) : js;
                imports.Add(module + "\t" + entry.Groups["name"].Value + "\t" + c);
            }
        }

        return new EmscriptenGlue(
            fileName,
            exports.Select(e => e.Key + "\t" + e.Value).ToEquatableArray(),
            imports.OrderBy(i => i, StringComparer.Ordinal).ToEquatableArray(),
            memory,
            constructors);
    }
}
