using System;
using System.Collections.Generic;
using System.Text;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Resolves and checks single exports, throwing at the first problem. Generated bindings use
/// <see cref="ExportResolver"/>, which reports every problem at once.
/// </summary>
internal static class WasmExports
{
    /// <summary>
    /// Checks that <paramref name="instance"/> exports a function <paramref name="exportName"/>
    /// whose wasm signature is <paramref name="expectedSignature"/>.
    /// </summary>
    /// <param name="instance">The guest instance.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <param name="exportName">The export's name.</param>
    /// <param name="expectedSignature">The expected signature written as <c>(i32, i64) -&gt; f64</c>; no results is <c>()</c>.</param>
    /// <returns>The untyped function.</returns>
    /// <exception cref="MissingExportException">No function of that name is exported.</exception>
    /// <exception cref="ExportSignatureException">The function's signature differs.</exception>
    public static Function RequireFunction(Instance instance, string binding, string exportName, string expectedSignature)
    {
        if (instance is null)
        {
            throw new ArgumentNullException(nameof(instance));
        }

        var exports = new ExportResolver(instance, binding);
        Function? function = exports.CheckedFunction(exportName, expectedSignature);
        exports.ThrowIfProblems();
        return function!;
    }

    /// <summary>
    /// Checks that <paramref name="instance"/> exports a memory named <paramref name="exportName"/>.
    /// </summary>
    /// <exception cref="MissingExportException">No memory of that name is exported.</exception>
    public static Memory RequireMemory(Instance instance, string binding, string exportName = "memory")
    {
        if (instance is null)
        {
            throw new ArgumentNullException(nameof(instance));
        }

        var exports = new ExportResolver(instance, binding);
        Memory? memory = exports.Memory(exportName);
        exports.ThrowIfProblems();
        return memory!;
    }

    /// <summary>
    /// The exception for a typed lookup that failed after <see cref="RequireFunction"/> succeeded:
    /// the signature matched as text but Wasmtime refused the delegate type.
    /// </summary>
    public static Exception TypedLookupFailed(Instance instance, string binding, string exportName, string expectedSignature)
    {
        Function? function = instance?.GetFunction(exportName);
        string actual = function is null ? "(missing)" : FormatSignature(function.Parameters, function.Results);
        return new ExportSignatureException(binding, exportName, expectedSignature, actual);
    }

    /// <summary>Formats a wasm signature as <c>(i32, i32) -&gt; i32</c>.</summary>
    public static string FormatSignature(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results)
    {
        var text = new StringBuilder("(");
        AppendKinds(text, parameters);
        text.Append(") -> ");
        if (results.Count == 1)
        {
            text.Append(KindName(results[0]));
        }
        else
        {
            text.Append('(');
            AppendKinds(text, results);
            text.Append(')');
        }

        return text.ToString();
    }

    private static void AppendKinds(StringBuilder text, IReadOnlyList<ValueKind> kinds)
    {
        for (int i = 0; i < kinds.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(KindName(kinds[i]));
        }
    }

    internal static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
