using System.Collections.Generic;
using System.Linq;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Emscripten.Tests;

/// <summary>
/// Two real emscripten-built npm packages, sqlite (imported memory, the standard emscripten and WASI imports) and
/// zstd (exported memory, minified names mapped through its glue), driven through their C APIs by the generated
/// bindings and compared line for line with Node driving the same C APIs through each package's own JavaScript.
/// Checked mode is on, in both engine configurations, and both heaps grow during the calls.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class PackageTests
{
    private readonly EngineSetting _setting;

    public PackageTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void Sqlite_matches_node_running_the_packages_own_javascript()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Sqlite sqlite = Sqlite.Instantiate(engine, store, GuestMemoryOptions.Checked);
        long before = sqlite.Memory!.Length;

        List<string> actual = Scenarios.Sqlite(sqlite);

        AssertSameTranscript(actual, ReferenceHost.Transcript("sqlite"));
        Assert.That(before, Is.EqualTo(128L << 16), "the memory was created from the import's minimum");
        Assert.That(sqlite.Memory.Length, Is.GreaterThan(before + (10L << 20)), "the 10 MiB blob grew the imported memory");
    }

    [Test]
    public void Zstd_matches_node_running_the_packages_own_javascript()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Zstd zstd = Zstd.Instantiate(engine, store, GuestMemoryOptions.Checked);
        long before = zstd.Memory!.Length;

        List<string> actual = Scenarios.Zstd(zstd);

        AssertSameTranscript(actual, ReferenceHost.Transcript("zstd"));
        Assert.That(zstd.Memory.Length, Is.GreaterThan(before), "the 20 MiB input grew the exported memory");
    }

    private static void AssertSameTranscript(List<string> actual, string[] expected)
    {
        var mismatches = new List<string>();
        for (int i = 0; i < System.Math.Max(actual.Count, expected.Length); i++)
        {
            string a = i < actual.Count ? actual[i] : "(missing)";
            string e = i < expected.Length ? expected[i] : "(missing)";
            if (a != e)
            {
                mismatches.Add($"line {i}:\n  Node:    {e}\n  Bindgen: {a}");
            }
        }

        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches.Take(20)));
        Assert.That(expected.Length, Is.GreaterThan(20), "the reference ran the whole scenario");
    }
}
