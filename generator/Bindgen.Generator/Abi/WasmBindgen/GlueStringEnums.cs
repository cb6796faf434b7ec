using System.Collections.Generic;
using System.Text.RegularExpressions;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>A string enum of the glue: its name and its strings, in index order.</summary>
internal sealed record GlueStringEnum(string Name, EquatableArray<string> Strings);

/// <summary>
/// A string enum of the glue (<c>#[wasm_bindgen] pub enum Mode { Fast = "fast", ... }</c>; in the <c>.d.ts</c>
/// <c>type Mode = "fast" | ...</c>): the glue keeps its strings in an array (<c>const __wbindgen_enum_Mode = ["fast",
/// ...]</c>) and crosses an index: an argument as <c>(__wbindgen_enum_Mode.indexOf(mode) + 1 || N) - 1</c> (a string
/// not in the array is the index one past the last), a result as <c>__wbindgen_enum_Mode[ret]</c>. In C# the enum is
/// an <c>enum</c> whose members are the strings in the array's order, so its value is the index the glue passes.
/// </summary>
internal static class GlueStringEnums
{
    /// <summary>The element a string-enum argument or result records: <c>enum:Mode</c>.</summary>
    public const string ElementPrefix = "enum:";

    private static readonly Regex Declaration = new(@"\bconst\s+__wbindgen_enum_(?<name>[A-Za-z_$][\w$]*)\s*=\s*\[(?<items>[^\]]*)\]\s*;", RegexOptions.CultureInvariant);

    private static readonly Regex Item = new(@"""(?<text>(?:[^""\\]|\\.)*)""", RegexOptions.CultureInvariant);

    private static readonly Regex ArgumentShape = new(@"^\(__wbindgen_enum_(?<enum>[\w$]+)\.indexOf\((?<name>\w+)\)\s*\+\s*1\s*\|\|\s*\d+\)\s*-\s*1$", RegexOptions.CultureInvariant);

    private static readonly Regex ResultShape = new(@"\breturn\s+__wbindgen_enum_(?<enum>[\w$]+)\[ret\]\s*;", RegexOptions.CultureInvariant);

    /// <summary>Every string enum the glue declares, its strings in index order.</summary>
    public static Dictionary<string, List<string>> Read(string glue)
    {
        var enums = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
        foreach (Match m in Declaration.Matches(glue))
        {
            var strings = new List<string>();
            foreach (Match item in Item.Matches(m.Groups["items"].Value))
            {
                strings.Add(Regex.Unescape(item.Groups["text"].Value));
            }

            enums[m.Groups["name"].Value] = strings;
        }

        return enums;
    }

    /// <summary>A string-enum argument: the JavaScript parameter and the enum, or null.</summary>
    public static (string Parameter, string Enum)? Argument(string argument) =>
        ArgumentShape.Match(argument) is { Success: true } m ? (m.Groups["name"].Value, m.Groups["enum"].Value) : null;

    /// <summary>The enum of a wrapper that returns a string enum's string, or null.</summary>
    public static string? Result(string body) =>
        ResultShape.Match(body) is { Success: true } m ? m.Groups["enum"].Value : null;
}
