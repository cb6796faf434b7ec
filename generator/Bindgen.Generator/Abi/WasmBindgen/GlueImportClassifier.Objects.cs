using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// The imports serde-wasm-bindgen and js-sys generate to walk a JavaScript value (an options object, a config) and
/// to build one (a structured result): property reads, <c>Object.entries</c>, the iteration protocol, type tests.
/// </summary>
internal static partial class GlueImportClassifier
{
    /// <summary>A JavaScript value argument: <c>getObject(argN)</c> with a host heap, <c>argN</c> in an externref build.</summary>
    private const string V0 = @"(?:getObject\(arg0\)|arg0)", V1 = @"(?:getObject\(arg1\)|arg1)";

    private static readonly (string Operation, Regex Body)[] ObjectShapes =
    {
        ("entries", Body($@"const ret = Object\.entries\({V0}\); RETURN")),
        ("get_index", Body($@"const ret = {V0}\[arg1 >>> 0\]; RETURN")),
        ("get_with_ref_key", Body($@"const ret = {V0}\[{V1}\]; RETURN")),
        ("reflect_get", Body($@"const ret = Reflect\.get\({V0}, {V1}\); RETURN")),
        ("symbol_iterator", Body(@"const ret = Symbol\.iterator; RETURN")),
        ("call0", Body($@"const ret = {V0}\.call\({V1}\); RETURN")),
        ("next_call", Body($@"const ret = {V0}\.next\(\); RETURN")),
        ("next_property", Body($@"const ret = {V0}\.next; RETURN")),
        ("done", Body($@"const ret = {V0}\.done; return ret;")),
        ("value", Body($@"const ret = {V0}\.value; RETURN")),
        ("is_array", Body($@"const ret = Array\.isArray\({V0}\); return ret;")),
        ("is_safe_integer", Body($@"const ret = Number\.isSafeInteger\({V0}\); return ret;")),
        ("in", Body($@"const ret = {V0} in {V1}; return ret;")),
        ("jsval_loose_eq", Body($@"const ret = {V0} == {V1}; return ret;")),
        ("number_from", Body($@"const ret = Number\({V0}\); return ret;")),
        ("string_from", Body($@"const ret = String\({V1}\); STRING_OUT")),
        ("bigint_get_as_i64", Body($@"const v = {V1}; const ret = typeof\(v\) === 'bigint' \? v : undefined; (?:getDataViewMemory0\(\)\.setBigInt64\(arg0 \+ 8 \* 1, isLikeNone\(ret\) \? BigInt\(0\) : ret, true\); getDataViewMemory0\(\)\.setInt32\(arg0 \+ 4 \* 0, !isLikeNone\(ret\), true\);|getBigInt64Memory0\(\)\[arg0 / 8 \+ 1\] = isLikeNone\(ret\) \? BigInt\(0\) : ret; getInt32Memory0\(\)\[arg0 / 4 \+ 0\] = !isLikeNone\(ret\);)")),
        ("array_set_index", Body($@"{V0}\[arg1 >>> 0\] = (?:takeObject\(arg2\)|arg2);")),
        ("json_parse", Body(@"const ret = JSON\.parse\(getStringFromWasm0\(arg0, arg1\)\); RETURN")),
        // serde_json's route (wasm-bindgen's `serde-serialize` feature): JSON.stringify of a value, undefined as null.
        ("json_serialize", Body($@"const obj = {V1}; const ret = JSON\.stringify\(obj === undefined \? null : obj\); STRING_OUT")),
        ("is_falsy", Body($@"const ret = !{V0}; return ret;")),
        ("typeof", Body($@"const ret = typeof {V0}; RETURN")),
        ("function_new", Body(@"const ret = new Function\(getStringFromWasm0\(arg0, arg1\)\); RETURN")),
    };

    /// <summary><c>x instanceof C</c>, which the glue wraps in a try (a cross-realm value may throw): the operation names C.</summary>
    private static readonly Regex InstanceOf = Body($@"(?:let result; try \{{ result = {V0} instanceof (?<class>[\w.]+); \}} catch \(_\) \{{ result = false; \}} const ret = result;|const ret = {V0} instanceof (?<class>[\w.]+);) return ret;");

    /// <summary>js-sys's lookups of the global object (<c>self.self</c>, <c>globalThis.globalThis</c>...): the operation names the global.</summary>
    private static readonly Regex Global = Body(@"const ret = (?<name>self|window|globalThis|global)\.\k<name>; RETURN");

    private static string ClassifyObjectWalk(string normalized)
    {
        foreach ((string operation, Regex shape) in ObjectShapes)
        {
            if (shape.IsMatch(normalized))
            {
                return operation;
            }
        }

        Match instance = InstanceOf.Match(normalized);
        if (instance.Success)
        {
            return "instanceof_" + instance.Groups["class"].Value;
        }

        Match global = Global.Match(normalized);
        return global.Success ? "global_" + global.Groups["name"].Value : ClassifyValue(normalized);
    }
}
