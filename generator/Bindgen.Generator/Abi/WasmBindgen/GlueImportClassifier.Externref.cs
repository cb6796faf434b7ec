using System.Globalization;
using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// The externref table's set-up in newer glue, which no longer grows the table: the module reserves the four
/// well-known slots itself and the glue fills them at a fixed index (<c>table.set(1024, undefined); table.set(1025,
/// null); ...</c>). Classified as <c>init_externref_table_at_N</c>, N the first of the four.
/// </summary>
internal static partial class GlueImportClassifier
{
    private static readonly Regex FixedExternrefTable = new(
        @"^const table = wasm\.\w+; table\.set\(0, undefined\); table\.set\((?<at>\d+), undefined\); table\.set\((?<n1>\d+), null\); table\.set\((?<n2>\d+), true\); table\.set\((?<n3>\d+), false\)[; ]*$",
        RegexOptions.CultureInvariant);

    /// <summary>The operation of a fixed-index set-up, or null when <paramref name="normalized"/> is not one.</summary>
    private static string? ClassifyFixedExternrefTable(string normalized)
    {
        Match m = FixedExternrefTable.Match(normalized);
        if (!m.Success)
        {
            return null;
        }

        int at = int.Parse(m.Groups["at"].Value, CultureInfo.InvariantCulture);
        bool consecutive = int.Parse(m.Groups["n1"].Value, CultureInfo.InvariantCulture) == at + 1
            && int.Parse(m.Groups["n2"].Value, CultureInfo.InvariantCulture) == at + 2
            && int.Parse(m.Groups["n3"].Value, CultureInfo.InvariantCulture) == at + 3;
        return consecutive ? "init_externref_table_at_" + at.ToString(CultureInfo.InvariantCulture) : null;
    }
}
