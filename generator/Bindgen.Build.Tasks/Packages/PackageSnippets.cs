using System.Collections.Generic;
using System.Linq;
using System.Text;
using Bindgen.Generator.Abi.WasmBindgen;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>
/// A package's own JavaScript (its snippets) in the package class: an <c>Instantiate</c> overload taking the C#
/// implementations of the snippet interfaces the generator nests in the binding class (<c>LoroWasm.ILoroWasmSnippets</c>).
/// </summary>
internal static class PackageSnippets
{
    public static void WriteInstantiate(StringBuilder w, PackageBinding binding, string className)
    {
        IReadOnlyList<string> modules = binding.SnippetModules ?? System.Array.Empty<string>();
        if (modules.Count == 0)
        {
            return;
        }

        var interfaces = modules.Select(m => GlueImportClassifier.SnippetInterfaceName(m, modules.Count > 1)).ToList();
        string Parameter(string iface) => char.ToLowerInvariant(iface[1]) + iface.Substring(2);
        w.AppendLine("    /// <summary>Instantiates the embedded module with the imports its glue defines, the package's own JavaScript (its snippets) implemented by the given C# objects.</summary>");
        w.AppendLine("    /// <param name=\"engine\">The engine <paramref name=\"store\"/> was created with.</param>");
        w.AppendLine("    /// <param name=\"store\">The store.</param>");
        for (int i = 0; i < modules.Count; i++)
        {
            w.AppendLine($"    /// <param name=\"{Parameter(interfaces[i])}\">The implementation of <c>snippets/{modules[i]}</c>.</param>");
        }

        w.AppendLine("    /// <param name=\"imports\">A linker with the user's own import definitions, or null.</param>");
        string parameters = string.Join(", ", interfaces.Select(i => $"{className}.{i} {Parameter(i)}"));
        string arguments = string.Join(", ", interfaces.Select(Parameter));
        w.AppendLine($"    public static {className} Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, {parameters}, global::Wasmtime.Linker? imports = null) =>");
        w.AppendLine($"        {className}.Instantiate(engine, store, LoadModule(engine), {arguments}, imports);");
        w.AppendLine();
    }
}
