using System.IO;
using System.Linq;

namespace Bindgen.Build.Tasks;

/// <summary>Writing the files the build tasks hand to the compiler.</summary>
internal static class BuildOutput
{
    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> unless the file already holds exactly them: an
    /// unchanged file keeps its timestamp, so the compiler's own up-to-date check still skips.
    /// </summary>
    public static void WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path))
        {
            byte[] old = File.ReadAllBytes(path);
            if (old.Length == bytes.Length && old.SequenceEqual(bytes))
            {
                return;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
