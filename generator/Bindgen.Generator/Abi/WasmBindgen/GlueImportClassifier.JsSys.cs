using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// js-sys's <c>Object</c>, <c>Reflect</c>, <c>Symbol</c>, <c>Array</c> and <c>Function</c> imports (automerge-wasm's and
/// loro-crdt's materialized documents: <c>Object.defineProperty</c> with symbol keys, <c>Object.freeze</c>,
/// <c>Reflect.ownKeys</c>...), <c>console</c> and <c>performance</c> calls of any arity, and the glue's deferred
/// strings (<c>let deferred0_0; ... finally { wasm.__wbindgen_free(deferred0_0, deferred0_1, 1); }</c>): the body
/// inside is classified on its own and the operation is prefixed with the argument pairs freed after it.
/// </summary>
internal static partial class GlueImportClassifier
{
    private static readonly (string Operation, Regex Body)[] JsSysShapes =
    {
        ("reflect_apply", Body($@"const ret = Reflect\.apply\({V0}, {V1}, {V2}\); RETURN")),
        ("function_apply", Body($@"const ret = {V0}\.apply\({V1}, {V2}\); RETURN")),
        ("object_assign", Body($@"const ret = Object\.assign\({V0}, {V1}\); RETURN")),
        ("define_property", Body($@"const ret = Object\.defineProperty\({V0}, {V1}, {V2}\); RETURN")),
        ("object_freeze", Body($@"const ret = Object\.freeze\({V0}\); RETURN")),
        ("object_keys", Body($@"const ret = Object\.keys\({V0}\); RETURN")),
        ("object_values", Body($@"const ret = Object\.values\({V0}\); RETURN")),
        ("own_property_symbols", Body($@"const ret = Object\.getOwnPropertySymbols\({V0}\); RETURN")),
        ("reflect_own_keys", Body($@"const ret = Reflect\.ownKeys\({V0}\); RETURN")),
        ("reflect_delete_property", Body($@"const ret = Reflect\.deleteProperty\({V0}, {V1}\); return ret;")),
        ("symbol_for", Body(@"const ret = Symbol\.for\(getStringFromWasm0\(arg0, arg1\)\); RETURN")),
        ("array_concat", Body($@"const ret = {V0}\.concat\({V1}\); RETURN")),
        ("array_slice", Body($@"const ret = {V0}\.slice\(arg1 >>> 0, arg2 >>> 0\); RETURN")),
        ("array_unshift", Body($@"const ret = {V0}\.unshift\({V1}\); return ret;")),
        ("entries_iterator", Body($@"const ret = {V0}\.entries\(\); RETURN")),
        ("date_new_from", Body($@"const ret = new Date\({V0}\); RETURN")),
        ("range_error_new", Body(@"const ret = new RangeError\(getStringFromWasm0\(arg0, arg1\)\); RETURN")),
        ("date_now", Body(@"const ret = Date\.now\(\); return ret;")),
        ("as_number", Body($@"const ret = \+{V0}; return ret;")),
        ("performance_mark", Body(@"performance\.mark\(getStringFromWasm0\(arg0, arg1\)\);")),
        ("performance_measure", Body(@"performance\.measure\(getStringFromWasm0\(arg0, arg1\), getStringFromWasm0\(arg2, arg3\)\);")),
    };

    /// <summary><c>f.call(thisArg, a, b, c...)</c> with three or more arguments: the operation counts them.</summary>
    private static readonly Regex CallN = Body($@"const ret = {V0}\.call\({V1}(?<args>(?:, (?:getObject\(arg\d+\)|arg\d+))+)\); RETURN");

    /// <summary>
    /// <c>console.log(a, b)</c>, <c>console.warn(str)</c>...: each argument a JavaScript value or a string read from
    /// the module's memory. The operation is <c>console:level:</c> and one item per argument (<c>v</c> a value,
    /// <c>s</c> a string: <c>s0.1</c> is the string at arg0 of length arg1).
    /// </summary>
    private static readonly Regex ConsoleCall = Body(@"console\.(?<level>log|warn|error|info|debug)\((?<args>(?:(?:getStringFromWasm0\(arg\d+, arg\d+\)|getObject\(arg\d+\)|arg\d+)(?:, )?)+)\);");

    private static readonly Regex ConsoleArgument = new(@"getStringFromWasm0\(arg(?<p>\d+), arg(?<n>\d+)\)|getObject\(arg(?<v>\d+)\)|arg(?<v>\d+)", RegexOptions.CultureInvariant);

    /// <summary>The glue's deferred strings: declared, assigned from argument pairs in a try, freed in its finally.</summary>
    private static readonly Regex Deferred = new(
        @"^(?:let deferred(?<k>\d+)_0; let deferred\k<k>_1; )+try \{ (?:deferred(?<i>\d+)_0 = arg(?<p>\d+); deferred\k<i>_1 = arg(?<n>\d+); )+(?<inner>.*) \} finally \{ (?:wasm\.\w+\(deferred(?<f>\d+)_0, deferred\k<f>_1(?:, 1)?\); )*wasm\.\w+\(deferred(?<f>\d+)_0, deferred\k<f>_1(?:, 1)?\); \}$",
        RegexOptions.CultureInvariant);

    private static string ClassifyJsSys(string normalized)
    {
        foreach ((string operation, Regex shape) in JsSysShapes)
        {
            if (shape.IsMatch(normalized))
            {
                return operation;
            }
        }

        if (CallN.Match(normalized) is { Success: true } call)
        {
            int count = Regex.Matches(call.Groups["args"].Value, "arg").Count;
            return count >= 3 ? "call_n:" + count.ToString(CultureInfo.InvariantCulture) : "unknown";
        }

        if (ConsoleCall.Match(normalized) is { Success: true } console)
        {
            var items = new List<string>();
            foreach (Match argument in ConsoleArgument.Matches(console.Groups["args"].Value))
            {
                items.Add(argument.Groups["p"].Success ? $"s{argument.Groups["p"].Value}.{argument.Groups["n"].Value}" : "v" + argument.Groups["v"].Value);
            }

            return $"console:{console.Groups["level"].Value}:{string.Join(",", items)}";
        }

        return ClassifyDeferred(normalized);
    }

    /// <summary>
    /// <c>deferred:p.n,...|inner</c>: the inner body's operation, after which the module's deallocator frees each
    /// (arg p, arg n) string, on every path, as the glue's finally does.
    /// </summary>
    private static string ClassifyDeferred(string normalized)
    {
        Match m = Deferred.Match(normalized);
        if (!m.Success)
        {
            return "unknown";
        }

        var argumentOf = new Dictionary<string, (string Pointer, string Length)>();
        for (int i = 0; i < m.Groups["i"].Captures.Count; i++)
        {
            argumentOf[m.Groups["i"].Captures[i].Value] = (m.Groups["p"].Captures[i].Value, m.Groups["n"].Captures[i].Value);
        }

        var freed = new List<string>();
        foreach (Capture f in m.Groups["f"].Captures)
        {
            if (!argumentOf.TryGetValue(f.Value, out (string Pointer, string Length) pair))
            {
                return "unknown";
            }

            freed.Add(pair.Pointer + "." + pair.Length);
        }

        string inner = Classify(string.Empty, m.Groups["inner"].Value);
        return inner == "unknown" ? inner : $"deferred:{string.Join(",", freed)}|{inner}";
    }
}
