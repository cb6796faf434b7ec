using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Bindgen.Emscripten.Tests;

/// <summary>Node running each package's own JavaScript (npm/reference.mjs): the transcripts the bindings must equal.</summary>
public static class ReferenceHost
{
    private static readonly Lazy<Dictionary<string, string[]>> Transcripts = new(Run);

    public static string NpmFolder => typeof(ReferenceHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "FixtureNpm").Value!;

    /// <summary>The lines Node printed for <paramref name="package"/> (<c>sqlite</c> or <c>zstd</c>).</summary>
    public static string[] Transcript(string package) => Transcripts.Value[package];

    private static Dictionary<string, string[]> Run()
    {
        string output = Bindgen.TestSupport.NodeProcess.Run(NpmFolder, "reference.mjs");
        return JsonNode.Parse(output)!.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(l => l!.GetValue<string>()).ToArray());
    }
}
