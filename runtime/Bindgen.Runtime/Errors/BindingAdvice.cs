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
        if (!SignatureReasons.TryParse(expectedSignature, out _, out _))
        {
            return null;
        }

        if (exportName is CAllocator.MallocExport or CAllocator.FreeExport)
        {
            return $"The allocator is `malloc: (i32) -> i32` and `free: (i32) -> ()`; see docs/abi.md section 1.";
        }

        return SignatureReasons.Reason(WasmExports.FormatSignature(actual.Parameters, actual.Results), expectedSignature);
    }
}
