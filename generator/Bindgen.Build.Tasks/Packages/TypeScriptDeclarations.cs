using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>One parameter of a declared function: its name, its TypeScript type, and whether it may be omitted (<c>x?:</c>).</summary>
internal sealed record TsParameter(string Name, string Type, bool Optional);

/// <summary>A function, class member or property accessor the <c>.d.ts</c> declares, keyed as the glue reader names it.</summary>
/// <param name="Key"><c>f</c>, <c>C.constructor</c>, <c>C.m</c>, <c>C.get p</c> or <c>C.set p</c>.</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="Result">The result's TypeScript type (<c>void</c> for none).</param>
/// <param name="Line">The declaration's line in the file (1-based), for messages.</param>
/// <param name="Merged">Declared in an interface merged into the class: it types a member the glue defines, and is no export of its own.</param>
internal sealed record TsDeclaration(string Key, IReadOnlyList<TsParameter> Parameters, string Result, int Line, bool Merged = false);

/// <summary>
/// Reads the declarations wasm-bindgen writes into a package's <c>.d.ts</c>: exported functions and classes
/// (constructor, methods, statics, getters and setters, fields). It reads that regular output, not TypeScript at large:
/// types are kept as text and only the shapes wasm-bindgen emits are interpreted (by <see cref="ExportTypeMapper"/>).
/// </summary>
internal static class TypeScriptDeclarations
{
    private static readonly Regex Function = new(@"^export\s+(?:declare\s+)?function\s+(?<name>[\w$]+)\s*(?:<[^>]*>)?\s*\(", RegexOptions.Multiline);
    private static readonly Regex Class = new(@"^export\s+(?:declare\s+)?class\s+(?<name>[\w$]+)[^{]*\{", RegexOptions.Multiline);
    private static readonly Regex Interface = new(@"^(?:export\s+)?(?:declare\s+)?interface\s+(?<name>[\w$]+)\s*(?:<(?<params>[^{]*?)>)?\s*(?:extends\s[^{]*)?\{", RegexOptions.Multiline);
    private static readonly Regex Member = new(@"^\s*(?:(?<static>static)\s+)?(?:(?<readonly>readonly)\s+)?(?:(?<accessor>get|set)\s+)?(?<name>[\w$]+|\[Symbol\.\w+\])\s*(?<optional>\?)?\s*(?<kind>[(:])", RegexOptions.Multiline);

    /// <summary>Every declaration in <paramref name="text"/>; never throws on text it does not understand (it skips it).</summary>
    public static Dictionary<string, TsDeclaration> Read(string text)
    {
        string code = StripComments(text);
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < code.Length; i++)
        {
            if (code[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var declarations = new Dictionary<string, TsDeclaration>(StringComparer.Ordinal);
        foreach (Match m in Function.Matches(code))
        {
            if (Signature(code, m.Index + m.Length - 1, out List<TsParameter> parameters, out string result, out _))
            {
                AddDeclaration(m.Groups["name"].Value, parameters, result, m.Index);
            }
        }

        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match c in Class.Matches(code))
        {
            classes.Add(c.Groups["name"].Value);
            Members(c, Array.Empty<string>(), merged: false);
        }

        // An interface of a class's name merges into the class (TypeScript's declaration merging): a package declares
        // there what wasm-bindgen's own class declarations leave out (loro's LoroList<T = unknown> { toArray(): T[]; }).
        // Its type parameters are not known here, so each is any value: unknown.
        foreach (Match i in Interface.Matches(code))
        {
            if (classes.Contains(i.Groups["name"].Value))
            {
                string[] typeParameters = SplitTopLevel(i.Groups["params"].Value).Select(t => Regex.Match(t, @"^\s*(?<p>[\w$]+)").Groups["p"].Value).Where(t => t.Length > 0).ToArray();
                Members(i, typeParameters, merged: true);
            }
        }

        return declarations;

        void Members(Match c, string[] typeParameters, bool merged)
        {
            int close = Close(code, m: c.Index + c.Length - 1, '{', '}');
            if (close < 0)
            {
                return;
            }

            string name = c.Groups["name"].Value;
            int position = c.Index + c.Length;
            while (position < close)
            {
                Match member = Member.Match(code, position);
                if (!member.Success || member.Index >= close)
                {
                    break;
                }

                string memberName = member.Groups["name"].Value;
                int end;
                if (member.Groups["kind"].Value == "(")
                {
                    if (!Signature(code, member.Index + member.Length - 1, out List<TsParameter> parameters, out string result, out end))
                    {
                        break;
                    }

                    string key = member.Groups["accessor"].Value is { Length: > 0 } accessor ? $"{name}.{accessor} {memberName}" : $"{name}.{memberName}";
                    Add(key, parameters, memberName == "constructor" ? name : result, member.Groups["name"].Index);
                }
                else
                {
                    // A field: `name: T;` is a getter and a setter, `readonly name: T;` a getter.
                    end = StatementEnd(code, member.Index + member.Length);
                    string type = code.Substring(member.Index + member.Length, end - member.Index - member.Length).Trim().TrimEnd(';').Trim();
                    if (member.Groups["optional"].Success)
                    {
                        type += " | undefined";
                    }

                    Add($"{name}.get {memberName}", Array.Empty<TsParameter>(), type, member.Groups["name"].Index);
                    if (!member.Groups["readonly"].Success)
                    {
                        Add($"{name}.set {memberName}", new[] { new TsParameter("value", type, false) }, "void", member.Groups["name"].Index);
                    }
                }

                position = Math.Max(end, member.Index + member.Length);
            }

            void Add(string key, IReadOnlyList<TsParameter> parameters, string result, int index)
            {
                foreach (string t in typeParameters)
                {
                    string Unknown(string type) => Regex.Replace(type, @"(?<![\w$.])" + Regex.Escape(t) + @"(?![\w$])", "unknown");
                    parameters = parameters.Select(p => p with { Type = Unknown(p.Type) }).ToList();
                    result = Unknown(result);
                }

                AddDeclaration(key, parameters, result, index, merged);
            }
        }

        void AddDeclaration(string key, IReadOnlyList<TsParameter> parameters, string result, int index, bool merged = false)
        {
            if (!declarations.ContainsKey(key))
            {
                int line = lineStarts.BinarySearch(index);
                declarations.Add(key, new TsDeclaration(key, parameters, result, line >= 0 ? line + 1 : ~line, merged));
            }
        }
    }

    /// <summary>Reads <c>(params): result;</c> from the opening parenthesis at <paramref name="open"/>.</summary>
    private static bool Signature(string code, int open, out List<TsParameter> parameters, out string result, out int end)
    {
        parameters = new List<TsParameter>();
        result = "void";
        end = open;
        int close = Close(code, open, '(', ')');
        if (close < 0)
        {
            return false;
        }

        foreach (string parameter in SplitTopLevel(code.Substring(open + 1, close - open - 1)))
        {
            Match p = Regex.Match(parameter, @"^\s*(?:\.\.\.)?(?<name>[\w$]+)\s*(?<optional>\?)?\s*(?::\s*(?<type>[\s\S]+))?$");
            if (p.Success)
            {
                parameters.Add(new TsParameter(p.Groups["name"].Value, p.Groups["type"].Success ? Normalize(p.Groups["type"].Value) : "any", p.Groups["optional"].Success));
            }
        }

        end = StatementEnd(code, close + 1);
        string rest = code.Substring(close + 1, end - close - 1).Trim().TrimEnd(';').Trim();
        if (rest.StartsWith(":", StringComparison.Ordinal))
        {
            result = Normalize(rest.Substring(1));
        }

        return true;
    }

    private static string Normalize(string type) => Regex.Replace(type.Trim(), @"\s+", " ");

    /// <summary>The end of a declaration: the first <c>;</c> or line break outside brackets.</summary>
    private static int StatementEnd(string code, int from)
    {
        int depth = 0;
        for (int i = from; i < code.Length; i++)
        {
            char c = code[i];
            if (c is '(' or '<' or '{' or '[')
            {
                depth++;
            }
            else if ((c is ')' or '}' or ']') || (c == '>' && !Arrow(code, i)))
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
            else if ((c == ';' || c == '\n') && depth == 0)
            {
                return i + 1;
            }
        }

        return code.Length;
    }

    private static int Close(string code, int m, char open, char close)
    {
        int depth = 0;
        for (int i = m; i < code.Length; i++)
        {
            if (code[i] == open)
            {
                depth++;
            }
            else if (code[i] == close && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    internal static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '(' or '<' or '{' or '[')
            {
                depth++;
            }
            else if ((c is ')' or '}' or ']') || (c == '>' && !Arrow(text, i)))
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                yield return text.Substring(start, i - start);
                start = i + 1;
            }
        }

        if (text.Substring(start).Trim().Length > 0)
        {
            yield return text.Substring(start);
        }
    }

    /// <summary>Whether the <c>&gt;</c> at <paramref name="i"/> ends a function type's arrow (<c>=&gt;</c>), not a type argument list.</summary>
    private static bool Arrow(string text, int i) => i > 0 && text[i - 1] == '=';

    /// <summary>The text with comments blanked out (line breaks kept, so line numbers stay right).</summary>
    private static string StripComments(string text) =>
        Regex.Replace(text, @"/\*[\s\S]*?\*/|//[^\n]*", m => new string(m.Value.Select(ch => ch == '\n' ? '\n' : ' ').ToArray()));
}
