using System;
using System.IO;
using System.Text.RegularExpressions;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>
/// Glue that carries its module inline (<c>const bytes = Buffer.from('AGFzbQ...', 'base64');</c>, as
/// <c>@swc/wasm-typescript</c> ships it) instead of beside it as <c>*_bg.wasm</c>: the module is decoded once into the
/// task's output folder and bound and embedded from there as any other.
/// </summary>
internal static class EmbeddedModules
{
    private static readonly Regex Inline = new(@"const bytes = Buffer\.from\('(?<base64>AGFzbQ[A-Za-z0-9+/=]*)', 'base64'\);", RegexOptions.CultureInvariant);

    /// <summary>The base64 of the module the glue carries, or null.</summary>
    public static string? InGlue(string glue)
    {
        string text = File.ReadAllText(glue);
        return text.Contains("wasm.") && Inline.Match(text) is { Success: true } m ? m.Groups["base64"].Value : null;
    }

    /// <summary>The files with an inline module written to <paramref name="outputDirectory"/> as <c>&lt;glue name&gt;_bg.wasm</c> (rewritten only when changed).</summary>
    /// <param name="files">The package's files.</param>
    /// <param name="outputDirectory">The task's output folder.</param>
    public static PackageFiles Extract(PackageFiles files, string outputDirectory)
    {
        if (files.EmbeddedModule is not { } base64)
        {
            return files;
        }

        byte[] module;
        try
        {
            module = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            // Not a module after all: reading the missing file reports the package as unreadable.
            return files;
        }

        string target = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(files.Glue) + "_bg.wasm");
        Directory.CreateDirectory(outputDirectory);
        BuildOutput.WriteIfChanged(target, module);
        return files with { Wasm = target };
    }
}
