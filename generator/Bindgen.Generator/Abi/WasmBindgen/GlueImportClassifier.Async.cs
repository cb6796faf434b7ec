using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// The imports wasm-bindgen-futures and js-sys generate for async exports: promises, <c>then</c>,
/// <c>queueMicrotask</c>, <c>Function.prototype.call</c>, the module's closures and the global-object accessors.
/// A closure's or executor's adapter is named by its glue function here; <see cref="GlueClosures"/> resolves it to
/// the export it calls.
/// </summary>
internal static partial class GlueImportClassifier
{
    private const string A2 = @"(?:getObject\(arg2\)|arg2)", A3 = @"(?:getObject\(arg3\)|arg3)";

    private static readonly (string Operation, Regex Body)[] AsyncShapes =
    {
        ("promise_resolve", Body($@"const ret = Promise\.resolve\({V0}\); RETURN")),
        ("promise_then", Body($@"const ret = {V0}\.then\({V1}\); RETURN")),
        ("promise_then2", Body($@"const ret = {V0}\.then\({V1}, {A2}\); RETURN")),
        ("queue_microtask", Body($@"queueMicrotask\({V0}\);")),
        ("queue_microtask_property", Body($@"const ret = {V0}\.queueMicrotask; RETURN")),
        ("call1", Body($@"const ret = {V0}\.call\({V1}, {A2}\); RETURN")),
        ("call2", Body($@"const ret = {V0}\.call\({V1}, {A2}, {A3}\); RETURN")),
        ("cb_drop", Body(@"const obj = (?:takeObject\(arg0\)|arg0)\.original; if \(obj\.cnt-- == 1\) \{ obj\.a = 0; return true; \} (?:const ret = false; return ret;|return false;)")),
        ("to_string", Body($@"const ret = {V0}\.toString\(\); RETURN")),
        // getrandom's "js" backend: the global object's crypto, then crypto.getRandomValues(array).
        ("get_random_values", Body($@"{V0}\.getRandomValues\({V1}\);")),
        // getrandom's Node branch, js-sys's Reflect.set and Array.from.
        ("random_fill_sync", Body($@"{V0}\.randomFillSync\((?:takeObject\(arg1\)|arg1)\);")),
        ("module_require", Body(@"const ret = module\.require; RETURN")),
        ("reflect_set", Body($@"const ret = Reflect\.set\({V0}, {V1}, {A2}\); return ret;")),
        ("array_from", Body($@"const ret = Array\.from\({V0}\); RETURN")),
        ("function_new_cached", Body(@"var v0 = getCachedStringFromWasm0\(arg0, arg1\); const ret = new Function\(v0\); RETURN")),
    };

    /// <summary><c>makeMutClosure(arg0, arg1, dtor, adapter)</c>: the closure's kind, destructor index and adapter.</summary>
    private static readonly Regex ClosureWrapper = Body(@"const ret = make(?<kind>Mut)?Closure\(arg0, arg1, (?<dtor>\d+), (?<adapter>__wbg_adapter_\d+)\); RETURN");

    /// <summary>js-sys's <c>new Promise(executor)</c> with a closure lent for the call (the glue's <c>state0</c>).</summary>
    private static readonly Regex PromiseNew = Body(@"try \{ var state0 = \{a: arg0, b: arg1\}; var cb0 = \(arg0, arg1\) => \{ const a = state0\.a; state0\.a = 0; try \{ return (?<adapter>__wbg_adapter_\d+)\(a, state0\.b, arg0, arg1\); \} finally \{ state0\.a = a; \} \}; const ret = new Promise\(cb0\); RETURN \} finally \{ state0\.a = state0\.b = 0; \}");

    /// <summary>js-sys's static accessors of the global object (<c>typeof globalThis === 'undefined' ? null : globalThis</c>).</summary>
    private static readonly Regex StaticGlobal = Body(@"const ret = typeof (?<name>global|globalThis|self|window) === 'undefined' \? null : \k<name>; return isLikeNone\(ret\) \? 0 : addHeapObject\(ret\);");

    /// <summary>getrandom's probes of the global object (<c>x.crypto</c>, <c>x.process</c>...): the operation names the property.</summary>
    private static readonly Regex GlobalProperty = Body($@"const ret = {V0}\.(?<name>crypto|msCrypto|process|versions|node); RETURN");

    /// <summary>An instance of an exported class the module hands to JavaScript (a callback's argument): <c>X.__wrap(arg0)</c>.</summary>
    private static readonly Regex Wrap = Body(@"const ret = (?<class>\w+)\.__wrap\(arg0\); RETURN");

    /// <summary>
    /// The pointer of an exported class's instance the module takes from a JavaScript value (a <c>Vec&lt;X&gt;</c>
    /// argument's elements): <c>X.__unwrap(arg0)</c>, 0 for a value of another class.
    /// </summary>
    private static readonly Regex Unwrap = Body(@"const ret = (?<class>\w+)\.__unwrap\((?:getObject\(arg0\)|arg0)\); return ret;");

    private static string ClassifyAsync(string normalized)
    {
        foreach ((string operation, Regex shape) in AsyncShapes)
        {
            if (shape.IsMatch(normalized))
            {
                return operation;
            }
        }

        if (Wrap.Match(normalized) is { Success: true } wrap)
        {
            return "wrap:" + wrap.Groups["class"].Value;
        }

        if (Unwrap.Match(normalized) is { Success: true } unwrap)
        {
            return "unwrap:" + unwrap.Groups["class"].Value;
        }

        if (GlobalProperty.Match(normalized) is { Success: true } property)
        {
            return "property:" + property.Groups["name"].Value;
        }

        if (ClosureWrapper.Match(normalized) is { Success: true } closure)
        {
            return $"closure:{(closure.Groups["kind"].Success ? "mut" : "ref")}:{closure.Groups["dtor"].Value}:?:{closure.Groups["adapter"].Value}:?";
        }

        if (PromiseNew.Match(normalized) is { Success: true } executor)
        {
            return "promise_new:" + executor.Groups["adapter"].Value;
        }

        return StaticGlobal.Match(normalized) is { Success: true } global ? "static_global:" + global.Groups["name"].Value : ClassifyValue(normalized);
    }
}
