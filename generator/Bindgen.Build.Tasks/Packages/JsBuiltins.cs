using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>
/// Which TypeScript types name values a .NET caller can make: the language's own (primitives, ECMAScript's global
/// objects) are; any other global type a wasm-bindgen export takes as an externref (<c>HTMLCanvasElement</c>,
/// <c>ImageData</c>, <c>Blob</c>) is an object of the browser, which no .NET value stands for.
/// </summary>
internal static class JsBuiltins
{
    private static readonly HashSet<string> Ecmascript = new(StringComparer.Ordinal)
    {
        "Array", "ArrayBuffer", "BigInt", "BigInt64Array", "BigUint64Array", "Boolean", "DataView", "Date", "Error", "Float32Array",
        "Float64Array", "Function", "Int8Array", "Int16Array", "Int32Array", "Iterable", "Iterator", "JSON", "Map", "Number", "Object",
        "Promise", "ReadonlyArray", "ReadonlyMap", "ReadonlySet", "Record", "RegExp", "Set", "String", "Symbol", "Uint8Array",
        "Uint8ClampedArray", "Uint16Array", "Uint32Array", "WeakMap", "WeakSet", "Partial", "Readonly",
    };

    /// <summary>
    /// Whether <paramref name="ts"/> (a <c>.d.ts</c> type) is a global object type: neither ECMAScript's own nor one the
    /// package's declarations define (<paramref name="declared"/>: its interfaces, types, enums and classes).
    /// </summary>
    public static bool IsHostObject(string? ts, ISet<string> declared)
    {
        Match name = Regex.Match(ts ?? string.Empty, @"^(?<name>[A-Z]\w*)\s*(?:<.*>)?(?:\s*\|\s*(?:null|undefined))*$");
        return name.Success && !Ecmascript.Contains(name.Groups["name"].Value) && !declared.Contains(name.Groups["name"].Value);
    }

    /// <summary>The type names a <c>.d.ts</c> defines (<c>interface X</c>, <c>type X</c>, <c>enum X</c>, <c>class X</c>).</summary>
    public static HashSet<string> DeclaredTypes(string declarations)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(declarations, @"\b(?:interface|type|enum|class)\s+(?<name>[A-Za-z_$][\w$]*)"))
        {
            names.Add(m.Groups["name"].Value);
        }

        return names;
    }
}
