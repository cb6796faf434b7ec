using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Resolves the glue's closure adapters (<c>function __wbg_adapter_50(arg0, arg1, arg2) { wasm.x(arg0, arg1,
/// addHeapObject(arg2)); }</c>) to the exports they call, and the closures' destructor table (<c>makeMutClosure</c>'s
/// <c>wasm.t.get(state.dtor)</c>), so the runtime calls the module as the glue does. An adapter of another shape
/// leaves its import unknown (BG0022).
/// </summary>
internal static class GlueClosures
{
    private static readonly Regex Adapter = new(
        @"function (?<name>__wbg_adapter_\d+)\(arg0, arg1(?:, arg\d+)*\) \{\s*wasm\.(?<export>\w+)\(arg0, arg1(?<args>(?:, addHeapObject\(arg\d+\))*)\);\s*\}",
        RegexOptions.CultureInvariant);

    private static readonly Regex DestructorTable = new(@"function make(?:Mut)?Closure\([\s\S]*?wasm\.(?<table>\w+)\.get\(state\.dtor\)", RegexOptions.CultureInvariant);

    /// <summary>The imports with closure and executor adapters resolved; the adapters themselves, read as imports by name, dropped.</summary>
    public static List<GlueImport> Resolve(List<GlueImport> imports, string text)
    {
        if (!imports.Any(i => i.Operation.StartsWith("closure:", StringComparison.Ordinal) || i.Operation.StartsWith("promise_new:", StringComparison.Ordinal)))
        {
            return imports;
        }

        var adapters = new Dictionary<string, (string Export, int Arity)>(StringComparer.Ordinal);
        foreach (Match m in Adapter.Matches(text))
        {
            adapters[m.Groups["name"].Value] = (m.Groups["export"].Value, Regex.Matches(m.Groups["args"].Value, "addHeapObject").Count);
        }

        string? table = DestructorTable.Match(text) is { Success: true } t ? t.Groups["table"].Value : null;
        var resolved = new List<GlueImport>(imports.Count);
        foreach (GlueImport import in imports)
        {
            if (import.Name.StartsWith("__wbg_adapter_", StringComparison.Ordinal))
            {
                continue;
            }

            string[] parts = import.Operation.Split(':');
            string operation = import.Operation;
            if (parts[0] == "closure" && parts.Length == 6)
            {
                operation = table is not null && adapters.TryGetValue(parts[4], out var closure)
                    ? $"closure:{parts[1]}:{parts[2]}:{table}:{closure.Export}:{closure.Arity}"
                    : "unknown";
            }
            else if (parts[0] == "promise_new" && parts.Length == 2)
            {
                // The executor receives resolve and reject.
                operation = adapters.TryGetValue(parts[1], out var executor) && executor.Arity == 2 ? "promise_new:" + executor.Export : "unknown";
            }

            resolved.Add(operation == import.Operation ? import : import with { Operation = operation });
        }

        return resolved;
    }
}
