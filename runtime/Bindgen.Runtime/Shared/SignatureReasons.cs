using System;
using System.Collections.Generic;
using System.Linq;

namespace Bindgen;

/// <summary>
/// Why an export's wasm signature differs from the one a binding expects, in terms of docs/abi.md. Compiled into the
/// runtime (binding errors at run time) and, as a linked source file, into the generator (errors at build time), so
/// the build and the program explain a mismatch alike.
/// </summary>
internal static class SignatureReasons
{
    /// <summary>
    /// Why <paramref name="actual"/> differs from <paramref name="expected"/>, both written as <c>(i32, i64) -&gt; f64</c>,
    /// <c>(i32) -&gt; ()</c> or <c>() -&gt; (i32, i32)</c>; null when either cannot be read.
    /// </summary>
    public static string? Reason(string actual, string expected)
    {
        if (!TryParse(expected, out List<string> expectedParameters, out List<string> expectedResults)
            || !TryParse(actual, out List<string> actualParameters, out List<string> actualResults))
        {
            return null;
        }

        if (expectedResults.Count == 0 && actualResults.Count == 1
            && expectedParameters.Count == actualParameters.Count + 1 && expectedParameters[expectedParameters.Count - 1] == "i32"
            && expectedParameters.Take(actualParameters.Count).SequenceEqual(actualParameters))
        {
            // A C function returning `const char*` returns one i32: the pointer to a NUL-terminated string.
            string cString = actualResults[0] == "i32"
                ? " If the export returns a C string (`const char*`), declare the result `[return: CString] string`, which is that one i32 (section 2)."
                : string.Empty;
            return "The binding's `string` or `byte[]` result is returned through an extra last `i32` parameter "
                + $"(the return area) and no wasm result, but this export returns an {actualResults[0]}: declare the method's "
                + $"result as a type that maps to {actualResults[0]} (section 2), or make the export write a return area; see docs/abi.md section 4."
                + cString;
        }

        if (actualResults.Count == 0 && expectedResults.Count == 1
            && actualParameters.Count == expectedParameters.Count + 1 && actualParameters[actualParameters.Count - 1] == "i32"
            && actualParameters.Take(expectedParameters.Count).SequenceEqual(expectedParameters))
        {
            return "This export takes an extra last `i32` parameter and returns nothing: it returns a `string` or "
                + "`byte[]` through a return area, so declare the method's result as `string` or `byte[]`; see docs/abi.md section 4.";
        }

        if (actualParameters.Count == expectedParameters.Count && actualResults.Count == expectedResults.Count)
        {
            var differences = new List<string>();
            for (int i = 0; i < actualParameters.Count; i++)
            {
                if (actualParameters[i] != expectedParameters[i])
                {
                    differences.Add($"wasm parameter {i + 1} is {actualParameters[i]} in the module but {expectedParameters[i]} in the binding");
                }
            }

            for (int i = 0; i < actualResults.Count; i++)
            {
                if (actualResults[i] != expectedResults[i])
                {
                    differences.Add($"the result is {actualResults[i]} in the module but {expectedResults[i]} in the binding");
                }
            }

            string text = string.Join("; ", differences);
            return (text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1))
                + ". `int`, `uint`, `bool` and enums over them are i32, `long`, `ulong` and enums over them i64, "
                + "`float` f32, `double` f64; see docs/abi.md section 2.";
        }

        return $"The binding passes {expectedParameters.Count} wasm parameter(s) and the export takes {actualParameters.Count}: "
            + "each `string`, `byte[]` or span parameter is two `i32` (pointer, length), and a `string` or `byte[]` "
            + "result adds one last `i32`; see docs/abi.md sections 2 to 4.";
    }

    /// <summary>Parses <c>(i32, i64) -&gt; f64</c>, <c>(i32) -&gt; ()</c> or <c>() -&gt; (i32, i32)</c>.</summary>
    public static bool TryParse(string signature, out List<string> parameters, out List<string> results)
    {
        parameters = new List<string>();
        results = new List<string>();
        int arrow = signature.IndexOf(") -> ", StringComparison.Ordinal);
        if (!signature.StartsWith("(", StringComparison.Ordinal) || arrow < 0)
        {
            return false;
        }

        parameters.AddRange(Split(signature.Substring(1, arrow - 1)));
        string result = signature.Substring(arrow + 5);
        results.AddRange(result.StartsWith("(", StringComparison.Ordinal) ? Split(result.Trim('(', ')')) : new[] { result });
        return true;
    }

    private static IEnumerable<string> Split(string list) =>
        list.Split(new[] { ", " }, StringSplitOptions.RemoveEmptyEntries);
}
