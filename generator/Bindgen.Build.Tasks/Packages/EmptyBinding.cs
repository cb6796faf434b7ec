using System.Linq;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>
/// A package of which nothing is bound is almost never what its user meant: the build says so (BG9010) instead of
/// quietly writing an empty interface.
/// </summary>
internal static class EmptyBinding
{
    /// <summary>Why nothing of the package is bound, or null when something is.</summary>
    /// <param name="binding">The package's binding.</param>
    /// <param name="glueFile">The glue's file name, for the message.</param>
    public static string? Explain(PackageBinding binding, string glueFile)
    {
        if (binding.Exports.Any(e => e.Member is not null))
        {
            return null;
        }

        return binding.Exports.Count == 0
            ? $"its glue '{glueFile}' exports no function or class that calls the module, so nothing is bound: a glue rewritten by a bundler (esbuild, webpack) or wrapped in the package's own JavaScript is not read; name the wasm-bindgen output itself (the *_bg.wasm's own .js) if the package ships it"
            : $"none of its {binding.Exports.Count} exports can be bound (message BG9008 gives each one's reason), so its interface is empty";
    }
}
