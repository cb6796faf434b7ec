using System;
using System.Collections.Generic;
using System.Linq;
using Wasmtime;

namespace Bindgen;

/// <summary>What binding errors say beyond the facts: the closest export names, and why a signature differs.</summary>
internal static class BindingAdvice
{
    /// <summary>The candidates closest to <paramref name="name"/>, as <see cref="NameSuggestions"/> finds them.</summary>
    public static IReadOnlyList<string> ClosestNames(string name, IEnumerable<string> candidates) =>
        NameSuggestions.ClosestNames(name, candidates);

    /// <summary>Why <paramref name="actual"/> differs from <paramref name="expectedSignature"/>, in terms of docs/abi.md.</summary>
    public static string? SignatureReason(string exportName, Function actual, string expectedSignature)
    {
        if (!TryParse(expectedSignature, out List<string> expectedParameters, out List<string> expectedResults))
        {
            return null;
        }

        List<string> actualParameters = actual.Parameters.Select(WasmExports.KindName).ToList();
        List<string> actualResults = actual.Results.Select(WasmExports.KindName).ToList();

        if (exportName is CAllocator.MallocExport or CAllocator.FreeExport)
        {
            return $"The allocator is `malloc: (i32) -> i32` and `free: (i32) -> ()`; see docs/abi.md section 1.";
        }

        if (expectedResults.Count == 0 && actualResults.Count == 1
            && expectedParameters.Count == actualParameters.Count + 1 && expectedParameters[^1] == "i32"
            && expectedParameters.Take(actualParameters.Count).SequenceEqual(actualParameters))
        {
            return "The binding's `string` or `byte[]` result is returned through an extra last `i32` parameter "
                + $"(the return area) and no wasm result, but this export returns an {actualResults[0]}: declare the method's "
                + $"result as a type that maps to {actualResults[0]} (section 2), or make the export write a return area; see docs/abi.md section 4.";
        }

        if (actualResults.Count == 0 && expectedResults.Count == 1
            && actualParameters.Count == expectedParameters.Count + 1 && actualParameters[^1] == "i32"
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

            return Capitalize(string.Join("; ", differences))
                + ". `int`, `uint`, `bool` and enums over them are i32, `long`, `ulong` and enums over them i64, "
                + "`float` f32, `double` f64; see docs/abi.md section 2.";
        }

        return $"The binding passes {expectedParameters.Count} wasm parameter(s) and the export takes {actualParameters.Count}: "
            + "each `string`, `byte[]` or span parameter is two `i32` (pointer, length), and a `string` or `byte[]` "
            + "result adds one last `i32`; see docs/abi.md sections 2 to 4.";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>Parses the runtime's signature format, <c>(i32, i64) -&gt; f64</c> or <c>(i32) -&gt; ()</c>.</summary>
    private static bool TryParse(string signature, out List<string> parameters, out List<string> results)
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
