using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// A package's own JavaScript (wasm-bindgen snippets: <c>#[wasm_bindgen(module = "/js/x.js")]</c> and
/// <c>inline_js</c>), which the glue imports from <c>./snippets/&lt;crate&gt;-&lt;hash&gt;/&lt;file&gt;.js</c> and whose
/// functions its <c>__wbg_&lt;name&gt;_&lt;hash&gt;</c> imports call. Bindgen runs no JavaScript: such an import is
/// classified <c>snippet:&lt;function&gt;:&lt;arguments&gt;:&lt;result&gt;:&lt;module&gt;</c>, which the runtime answers by calling
/// the user's C# implementation of the function. Argument letters, one per JavaScript argument in order:
/// <c>o</c> <c>getObject(argN)</c> (a value lent), <c>t</c> <c>takeObject(argN)</c> (a value given), <c>a</c> <c>argN</c>
/// as it is (a number; in an externref build, a value or a number), <c>u</c> <c>argN &gt;&gt;&gt; 0</c>, <c>b</c>
/// <c>argN !== 0</c>, <c>s</c> <c>getStringFromWasm0(argN, argM)</c>, <c>y</c> <c>getArrayU8FromWasm0(argN, argM)</c>.
/// Result: <c>h</c> a value (<c>addHeapObject(ret)</c>, or the externref), <c>r</c> <c>return ret</c>, <c>v</c> none.
/// </summary>
internal static partial class GlueImportClassifier
{
    /// <summary>The prefix of a snippet call's operation.</summary>
    public const string SnippetPrefix = "snippet:";

    private static readonly Regex SnippetRequire = new(
        @"(?:const|let|var)\s*\{(?<names>[^}]*)\}\s*=\s*require\((?:String\.raw)?\s*[`'""](?:\./)?(?<path>snippets/[^`'""]+)[`'""]\s*\)"
        + @"|import\s*\{(?<names>[^}]*)\}\s*from\s*[`'""](?:\./)?(?<path>snippets/[^`'""]+)[`'""]",
        RegexOptions.CultureInvariant);

    private static readonly Regex SnippetCall = new(
        @"^(?:(?<ret>const ret = )(?<fn>[A-Za-z_$][\w$]*)\((?<args>.*)\); return (?<out>addHeapObject\(ret\)|ret);|(?<fn>[A-Za-z_$][\w$]*)\((?<args>.*)\);)$",
        RegexOptions.CultureInvariant);

    private static readonly (char Letter, Regex Shape)[] SnippetArguments =
    {
        ('o', new Regex(@"^getObject\(arg(?<i>\d+)\)$")),
        ('t', new Regex(@"^takeObject\(arg(?<i>\d+)\)$")),
        ('a', new Regex(@"^arg(?<i>\d+)$")),
        ('u', new Regex(@"^arg(?<i>\d+) >>> 0$")),
        ('b', new Regex(@"^arg(?<i>\d+) !== 0$")),
        ('s', new Regex(@"^getStringFromWasm0\(arg(?<i>\d+), arg(?<j>\d+)\)$")),
        ('y', new Regex(@"^getArrayU8FromWasm0\(arg(?<i>\d+), arg(?<j>\d+)\)$")),
    };

    /// <summary>
    /// The functions the glue imports from its snippets: local name to (the snippet module's exported name, the module
    /// as <c>&lt;crate&gt;-&lt;hash&gt;/&lt;file&gt;.js</c>).
    /// </summary>
    public static Dictionary<string, (string Function, string Module)> SnippetImports(string glue)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (glue.IndexOf("snippets/", StringComparison.Ordinal) < 0)
        {
            return result;
        }

        foreach (Match m in SnippetRequire.Matches(glue))
        {
            string module = m.Groups["path"].Value.Substring("snippets/".Length);
            foreach (string entry in m.Groups["names"].Value.Split(','))
            {
                // import { a as b } and const { a: b } = require(...): b is the glue's name for the module's a.
                string[] parts = Regex.Split(entry.Trim(), @"\s+as\s+|\s*:\s*");
                if (parts[0].Length > 0)
                {
                    result[parts[parts.Length - 1]] = (parts[0], module);
                }
            }
        }

        return result;
    }

    private static readonly Regex TopLevelFunction = new(@"^function\s+(?<name>[A-Za-z_$][\w$]*)\s*\(", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>The glue's own helpers, which an import body may call and which are never a package's JavaScript.</summary>
    private static readonly Regex GlueHelper = new(@"^(?:__wb|get\w*(?:FromWasm|Memory|Object|Cached)|pass\w+ToWasm|add\w*(?:Object|Table)|take\w*|drop\w*|handleError|debugString|isLikeNone|make\w*Closure|_assert\w*|init\w*|decodeText|encodeString|logError)", RegexOptions.CultureInvariant);

    /// <summary>
    /// A bundle that inlined the package's snippets (loro-crdt's base64/index.js): their functions are declared at the
    /// top level of the glue itself, so the module of a call is the glue file. Read only when an import is left unknown.
    /// </summary>
    public static void AddBundledSnippets(Dictionary<string, (string Function, string Module)> snippets, string glue, string fileName)
    {
        foreach (Match m in TopLevelFunction.Matches(glue))
        {
            string name = m.Groups["name"].Value;
            if (!snippets.ContainsKey(name) && !GlueHelper.IsMatch(name))
            {
                snippets[name] = (name, fileName);
            }
        }
    }

    /// <summary>The operation of an import whose body calls a snippet function as wasm-bindgen does; null when it calls none, or in another form.</summary>
    public static string? ClassifySnippetCall(string body, Dictionary<string, (string Function, string Module)> snippets)
    {
        Match call = SnippetCall.Match(Normalize(body));
        if (!call.Success || !snippets.TryGetValue(call.Groups["fn"].Value, out (string Function, string Module) snippet))
        {
            return null;
        }

        var letters = new StringBuilder();
        int next = 0;
        foreach (string argument in SplitArguments(call.Groups["args"].Value))
        {
            (char letter, Match shape) = SnippetArguments.Select(s => (s.Letter, s.Shape.Match(argument))).FirstOrDefault(s => s.Item2.Success);
            if (shape is null || int.Parse(shape.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture) != next
                || (shape.Groups["j"].Success && int.Parse(shape.Groups["j"].Value, System.Globalization.CultureInfo.InvariantCulture) != next + 1))
            {
                return null;
            }

            next += shape.Groups["j"].Success ? 2 : 1;
            letters.Append(letter);
        }

        string result = !call.Groups["ret"].Success ? "v" : call.Groups["out"].Value == "ret" ? "r" : "h";
        return $"{SnippetPrefix}{snippet.Function}:{letters}:{result}:{snippet.Module}";
    }

    /// <summary>The snippet function a body calls in some form, or null when it calls none.</summary>
    public static (string Function, string Module)? SnippetCalled(string body, Dictionary<string, (string Function, string Module)> snippets)
    {
        foreach (KeyValuePair<string, (string Function, string Module)> snippet in snippets)
        {
            if (body.IndexOf(snippet.Key, StringComparison.Ordinal) >= 0 && Regex.IsMatch(body, @"(?<![\w$.])" + Regex.Escape(snippet.Key) + @"\s*\("))
            {
                return snippet.Value;
            }
        }

        return null;
    }

    /// <summary>A call's arguments, split at the commas outside parentheses.</summary>
    private static IEnumerable<string> SplitArguments(string arguments)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] == '(')
            {
                depth++;
            }
            else if (arguments[i] == ')')
            {
                depth--;
            }
            else if (arguments[i] == ',' && depth == 0)
            {
                yield return arguments.Substring(start, i - start).Trim();
                start = i + 1;
            }
        }

        if (arguments.Trim().Length > 0)
        {
            yield return arguments.Substring(start).Trim();
        }
    }

    /// <summary>A snippet call's parts, from its operation: null when <paramref name="operation"/> is not one.</summary>
    public static (string Function, string Arguments, char Result, string Module)? ParseSnippet(string operation)
    {
        if (!operation.StartsWith(SnippetPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = operation.Substring(SnippetPrefix.Length).Split(new[] { ':' }, 4);
        return parts.Length == 4 && parts[2].Length == 1 ? (parts[0], parts[1], parts[2][0], parts[3]) : null;
    }

    /// <summary>
    /// The C# interface a package's snippet module is implemented through: <c>I&lt;Crate&gt;Snippets</c> when the glue
    /// imports from one module, else <c>I&lt;Crate&gt;&lt;File&gt;Snippets</c> (<c>ILoroWasmInline0Snippets</c>).
    /// </summary>
    public static string SnippetInterfaceName(string module, bool several)
    {
        string[] parts = module.Split('/');
        string crate = Regex.Replace(parts[0], @"-[0-9a-f]{16}$", string.Empty);
        string file = parts[parts.Length - 1];
        file = file.EndsWith(".js", StringComparison.Ordinal) ? file.Substring(0, file.Length - 3) : file;
        return "I" + SnippetPascal(crate) + (several ? SnippetPascal(file) : string.Empty) + "Snippets";
    }

    /// <summary>The snippet modules the glue's imports call, in the order they are first called.</summary>
    public static List<string> SnippetModules(EquatableArray<GlueImport> imports) =>
        imports.AsSpan().ToArray().Select(i => ParseSnippet(i.Operation)?.Module).Where(m => m is not null).Select(m => m!).Distinct().ToList();

    /// <summary><c>state_cid</c>, <c>stateCid</c>, <c>loro-wasm</c> -&gt; <c>StateCid</c>, <c>LoroWasm</c>.</summary>
    public static string SnippetPascal(string name) => Bindgen.Generator.Parse.NameMapping.ToPascalCase(name, "Snippet");

    private static readonly Regex SnippetFunction = new(@"(?<![\w.$])function\s+(?<name>[A-Za-z_$][\w$]*)\s*\((?<params>[^)]*)\)", RegexOptions.CultureInvariant);

    /// <summary>The functions a snippet file defines, with their parameter names (for the C# interface's parameters).</summary>
    public static EquatableArray<GlueSnippetFunction> SnippetFunctions(string text) =>
        SnippetFunction.Matches(text).Cast<Match>()
            .Select(m => new GlueSnippetFunction(m.Groups["name"].Value, m.Groups["params"].Value.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToEquatableArray()))
            .GroupBy(f => f.Name).Select(g => g.First()).ToEquatableArray();
}
