using System.Reflection;

namespace Bindgen.Generator.Emit;

/// <summary>
/// The version written into the <c>[GeneratedCode]</c> attribute of every generated class: the
/// generator's own informational version, which the build sets from the one <c>Version</c> in
/// Directory.Build.props, so the generated code names the package release that produced it.
/// </summary>
internal static class GeneratorVersion
{
    /// <summary>The release version, without build metadata (for example <c>0.2.0</c>).</summary>
    public static readonly string Value = Read();

    private static string Read()
    {
        string? version = typeof(GeneratorVersion).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(version))
        {
            // Only a build that turned off the generated assembly attributes lands here.
            return "0.0.0";
        }

        // The SDK appends "+<commit>" when the source revision is known. Generated text must not
        // change with every commit (snapshot tests compare it, and users diff it), so drop it.
        int metadata = version!.IndexOf('+');
        return metadata < 0 ? version : version.Substring(0, metadata);
    }
}
