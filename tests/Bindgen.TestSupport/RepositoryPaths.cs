using System;
using System.IO;

namespace Bindgen.TestSupport;

/// <summary>Finds files of the repository from a test's output directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root: the nearest ancestor of the test binaries that holds Bindgen.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bindgen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bindgen.sln not found above " + AppContext.BaseDirectory);
    }
}
