using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>A numeric TypeScript <c>enum</c> of the <c>.d.ts</c> (a <c>#[wasm_bindgen] enum</c> of the crate) and its members.</summary>
/// <param name="Name">The enum's name, as TypeScript and C# give it.</param>
/// <param name="Members">Each member's name and value.</param>
/// <param name="Strings">For a string enum (<c>type Mode = "fast" | "slow"</c>), each member's string, in member order; else null.</param>
internal sealed record TsEnum(string Name, IReadOnlyList<(string Member, long Value)> Members, IReadOnlyList<string>? Strings = null);

/// <summary>
/// Reads the numeric enums of a <c>.d.ts</c> (<c>export enum Shape { Square, Circle = 3 }</c>): a member without a
/// value takes the previous one's plus one, as TypeScript numbers them. An enum with a string member is left out (it
/// crosses as a string, not as the number an export's wasm signature carries).
/// </summary>
internal static class TypeScriptEnums
{
    private static readonly Regex Enum = new(@"\bexport\s+(?:declare\s+)?(?:const\s+)?enum\s+(?<name>[A-Za-z_$][\w$]*)\s*\{(?<body>[^}]*)\}", RegexOptions.CultureInvariant);

    private static readonly Regex Member = new(@"^(?<name>[A-Za-z_$][\w$]*)\s*(?:=\s*(?<value>-?(?:0x[0-9A-Fa-f]+|\d+)))?$", RegexOptions.CultureInvariant);

    public static Dictionary<string, TsEnum> Read(string declarations)
    {
        var enums = new Dictionary<string, TsEnum>(StringComparer.Ordinal);
        // Comments first: their text may hold braces ({@link Object}).
        string code = Regex.Replace(Regex.Replace(declarations, @"/\*.*?\*/", " ", RegexOptions.Singleline), @"//[^\n]*", " ");
        foreach (Match m in Enum.Matches(code))
        {
            string body = m.Groups["body"].Value;
            var members = new List<(string, long)>();
            long next = 0;
            bool numeric = true;
            foreach (string part in body.Split(','))
            {
                string text = part.Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                Match member = Member.Match(text);
                if (!member.Success)
                {
                    numeric = false;
                    break;
                }

                long value = member.Groups["value"].Success ? Parse(member.Groups["value"].Value) : next;
                members.Add((member.Groups["name"].Value, value));
                next = value + 1;
            }

            if (numeric && members.Count > 0 && members.TrueForAll(e => e.Item2 is >= int.MinValue and <= int.MaxValue))
            {
                enums[m.Groups["name"].Value] = new TsEnum(m.Groups["name"].Value, members);
            }
        }

        return enums;
    }

    /// <summary>
    /// Adds the glue's string enums (<c>const __wbindgen_enum_Mode = ["fast", "slow"]</c>): members named after their
    /// strings in .NET case, valued by index (the number the glue passes), unless the .d.ts has a numeric enum of the name.
    /// </summary>
    public static void AddStringEnums(Dictionary<string, TsEnum> enums, string glue)
    {
        foreach (KeyValuePair<string, List<string>> e in Bindgen.Generator.Abi.WasmBindgen.GlueStringEnums.Read(glue))
        {
            if (enums.ContainsKey(e.Key) || e.Value.Count == 0)
            {
                continue;
            }

            var scope = new DotNetNames.Scope(DotNetNames.Reserved);
            var members = new List<(string, long)>();
            for (int i = 0; i < e.Value.Count; i++)
            {
                members.Add((scope.Take(e.Value[i].Length == 0 ? "Empty" : DotNetNames.Pascal(e.Value[i])), i));
            }

            enums[e.Key] = new TsEnum(e.Key, members, e.Value);
        }
    }

    private static long Parse(string text)
    {
        bool negative = text.StartsWith("-", StringComparison.Ordinal);
        string digits = negative ? text.Substring(1) : text;
        long value = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(digits.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(digits, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }
}
