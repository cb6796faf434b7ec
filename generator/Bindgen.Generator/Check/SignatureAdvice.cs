using System.Collections.Generic;
using System.Linq;

namespace Bindgen.Generator.Check;

/// <summary>
/// What build-time check messages say beyond the facts: the closest export names, and why a signature differs.
/// The same advice the runtime gives when a binding is created (runtime BindingAdvice), so the build and the
/// program explain a mismatch alike.
/// </summary>
internal static class SignatureAdvice
{
    /// <summary>The candidates closest to <paramref name="name"/>, as <see cref="NameSuggestions"/> finds them.</summary>
    public static IReadOnlyList<string> ClosestNames(string name, IEnumerable<string> candidates) =>
        NameSuggestions.ClosestNames(name, candidates);

    /// <summary>Why the export's signature <paramref name="actual"/> differs from the binding's <paramref name="expected"/>, in terms of docs/abi.md.</summary>
    public static string Reason(string actual, string expected)
    {
        // The build checks C-convention bindings only, which bind at most one wasm result.
        if (SignatureReasons.TryParse(actual, out List<string> actualParameters, out List<string> actualResults)
            && SignatureReasons.TryParse(expected, out List<string> expectedParameters, out List<string> expectedResults)
            && actualResults.Count > 1
            && (actualParameters.Count != expectedParameters.Count || actualResults.Count != expectedResults.Count))
        {
            return $"The export returns {actualResults.Count} values, and Bindgen binds functions with at most one result.";
        }

        return SignatureReasons.Reason(actual, expected) ?? "See docs/abi.md for how each type is passed.";
    }
}
