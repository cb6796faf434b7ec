using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>
/// The C# delegate for a JavaScript function parameter whose <c>.d.ts</c> type is a function type
/// (<c>(update: Uint8Array, origin: any) =&gt; void</c>): <c>Action&lt;byte[], object?&gt;</c>, <c>Func&lt;double, string&gt;</c>,
/// a <c>Promise&lt;T&gt;</c> result as <c>Task&lt;T&gt;</c>. The runtime converts each argument to its parameter's type
/// when the module calls the function (as for a hand-written delegate type). A type it cannot map exactly (an
/// optional or rest parameter, more than 16 parameters) keeps the untyped <c>Func&lt;object?[], object?&gt;</c>, as
/// <c>Function</c> and <c>any</c> do.
/// </summary>
internal static class CallbackTypes
{
    /// <summary>The delegate every function parameter without a usable type gets: all arguments as JavaScript passed them.</summary>
    public const string Untyped = "global::System.Func<object?[], object?>";

    private const int MaxParameters = 16;

    private static readonly Regex FunctionType = new(@"^\((?<params>.*)\)\s*=>\s*(?<result>.+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private static readonly Regex Parameter = new(@"^\s*(?<name>[\w$]+)\s*:\s*(?<type>.+?)\s*$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>Whether the declared type is a JavaScript function (<c>Function</c> or a function type).</summary>
    public static bool IsFunction(string? ts) => ts is not null && (ts == "Function" || FunctionType.IsMatch(ts.Trim()));

    /// <summary>The delegate type for the function type <paramref name="ts"/>.</summary>
    public static string Delegate(string ts)
    {
        Match function = FunctionType.Match(ts.Trim());
        if (!function.Success)
        {
            return Untyped;
        }

        var parameters = new List<string>();
        foreach (string parameter in TypeScriptDeclarations.SplitTopLevel(function.Groups["params"].Value))
        {
            Match p = Parameter.Match(parameter);
            if (!p.Success)
            {
                return Untyped; // an optional (x?: T) or rest (...xs) parameter: the arity is not fixed
            }

            parameters.Add(Value(p.Groups["type"].Value));
        }

        string result = function.Groups["result"].Value.Trim();
        if (parameters.Count > MaxParameters)
        {
            return Untyped;
        }

        if (result == "void" || result == "undefined")
        {
            return parameters.Count == 0 ? "global::System.Action" : $"global::System.Action<{string.Join(", ", parameters)}>";
        }

        parameters.Add(Result(result));
        return $"global::System.Func<{string.Join(", ", parameters)}>";
    }

    /// <summary>A result: a Promise as a Task (the runtime makes the task a promise), else a value.</summary>
    private static string Result(string ts)
    {
        if (ts.StartsWith("Promise<", StringComparison.Ordinal) && ts.EndsWith(">", StringComparison.Ordinal))
        {
            string inner = ts.Substring(8, ts.Length - 9).Trim();
            return inner is "void" or "undefined" ? "global::System.Threading.Tasks.Task" : $"global::System.Threading.Tasks.Task<{Value(inner)}>";
        }

        return Value(ts);
    }

    /// <summary>A value the runtime converts exactly: a string, a number, a boolean, bytes; anything else as it is.</summary>
    private static string Value(string ts) => ts.Trim() switch
    {
        "string" => "string",
        "number" => "double",
        "boolean" => "bool",
        "Uint8Array" => "byte[]",
        _ => "object?",
    };
}
