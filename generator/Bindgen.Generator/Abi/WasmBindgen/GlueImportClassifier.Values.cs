using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// The imports that build and read JavaScript <c>Map</c>s (serde-wasm-bindgen's default for a Rust map, js-sys's
/// <c>Map</c>), <c>Date</c>s (js-sys's <c>Date</c>: <c>new Date()</c>, <c>getTime</c>, the UTC getters),
/// <c>Object.fromEntries</c> and <c>new Array(n)</c>.
/// </summary>
internal static partial class GlueImportClassifier
{
    private const string V2 = @"(?:getObject\(arg2\)|arg2)";

    private static readonly (string Operation, Regex Body)[] ValueShapes =
    {
        ("map_new", Body(@"const ret = new Map\(\); RETURN")),
        ("map_set", Body($@"const ret = {V0}\.set\({V1}, {V2}\); RETURN")),
        ("map_get", Body($@"const ret = {V0}\.get\({V1}\); RETURN")),
        ("set_new", Body($@"const ret = new Set\({V0}\); RETURN")),
        ("date_new", Body(@"const ret = new Date\(\); RETURN")),
        ("date_get_time", Body($@"const ret = {V0}\.getTime\(\); return ret;")),
        ("object_from_entries", Body($@"const ret = Object\.fromEntries\({V0}\); RETURN")),
        ("array_new_with_length", Body(@"const ret = new Array\(arg0 >>> 0\); RETURN")),
        ("console_warn_value", Body($@"console\.warn\({V0}\);")),
    };

    /// <summary><c>date.getUTCFullYear()</c> and the other UTC getters: the operation names the part.</summary>
    private static readonly Regex UtcGetter = Body($@"const ret = {V0}\.getUTC(?<part>FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(\); return ret;");

    private static string ClassifyValue(string normalized)
    {
        foreach ((string operation, Regex shape) in ValueShapes)
        {
            if (shape.IsMatch(normalized))
            {
                return operation;
            }
        }

        Match utc = UtcGetter.Match(normalized);
        return utc.Success ? "date_get_utc_" + utc.Groups["part"].Value : ClassifyJsSys(normalized);
    }
}
