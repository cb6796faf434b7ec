using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Reads the exported classes of the glue (<c>class X { static __wrap(ptr) ... free() ... constructor ... }</c>):
/// each member that calls into the module becomes a <see cref="GlueExport"/> named <c>X.member</c> (a getter
/// <c>X.get name</c>, a setter <c>X.set name</c>, the constructor <c>X.constructor</c>).
/// </summary>
internal static class GlueClassReader
{
    private static readonly Regex ClassHeader = new(@"^\s*(?:export\s+)?class\s+(?<name>[A-Za-z_$][\w$]*)\s*\{", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex MemberHeader = new(
        @"^[ \t]*(?<static>static\s+)?(?:(?<accessor>get|set)\s+)?(?<name>[A-Za-z_$][\w$]*)\s*\((?<params>[^)]*)\)\s*\{",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// Glue plumbing every class has, not exports of the module. An inspectable class's <c>toJSON</c>/<c>toString</c>
    /// call no export and are skipped as such; a package's own <c>#[wasm_bindgen(js_name = toJSON)]</c> is an export, as
    /// is loro's <c>__getClassname</c> (a method of its own that calls <c>wasm.lorotreenode___getClassname</c>).
    /// </summary>
    private static readonly HashSet<string> Plumbing = new(StringComparer.Ordinal) { "__wrap", "__destroy_into_raw", "__unwrap", "free" };

    public static IEnumerable<(GlueClass Class, List<GlueExport> Members)> Read(string text, HashSet<string> exported, HashSet<string> helpers)
    {
        foreach (Match header in ClassHeader.Matches(text))
        {
            string name = header.Groups["name"].Value;
            int open = header.Index + header.Length - 1;
            int close = GlueReader.MatchingBrace(text, open);
            if (close < 0 || !exported.Contains(name))
            {
                continue;
            }

            string body = text.Substring(open + 1, close - open - 1);
            var members = new List<GlueExport>();
            string? free = null;
            bool flag = false;
            int at = 0;
            while (MemberHeader.Match(body, at) is { Success: true } member)
            {
                int memberOpen = member.Index + member.Length - 1;
                int memberClose = GlueReader.MatchingBrace(body, memberOpen);
                if (memberClose < 0)
                {
                    break;
                }

                at = memberClose + 1;
                string memberName = member.Groups["name"].Value;
                string memberBody = body.Substring(memberOpen + 1, memberClose - memberOpen - 1);
                if (memberName == "free" && Regex.Match(memberBody, @"wasm\.(\w+)\(\s*ptr\s*(?<flag>,\s*0\s*)?\)") is { Success: true } call)
                {
                    free = call.Groups[1].Value;
                    flag = call.Groups["flag"].Success;
                }

                if (Plumbing.Contains(memberName) || !Regex.IsMatch(memberBody, @"\bwasm\.\w+\("))
                {
                    continue;
                }

                (GlueMemberKind kind, string jsName) = member.Groups["accessor"].Value switch
                {
                    "get" => (GlueMemberKind.Getter, $"{name}.get {memberName}"),
                    "set" => (GlueMemberKind.Setter, $"{name}.set {memberName}"),
                    _ when memberName == "constructor" => (GlueMemberKind.Constructor, $"{name}.constructor"),
                    _ when member.Groups["static"].Success => (GlueMemberKind.Static, $"{name}.{memberName}"),
                    _ => (GlueMemberKind.Method, $"{name}.{memberName}"),
                };
                GlueExport export = GlueExportReader.Read(jsName, GlueReader.SplitParameters(member.Groups["params"].Value), memberBody, helpers, kind == GlueMemberKind.Constructor ? name : null);
                members.Add(export with { Member = kind });
            }

            yield return (new GlueClass(name, free, flag), members);
        }
    }
}
