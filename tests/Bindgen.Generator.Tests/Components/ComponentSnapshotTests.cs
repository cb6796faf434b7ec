extern alias tasks;

using System.Linq;
using tasks::Bindgen.Build.Tasks.Components;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// The generated code of components whose emission has its own paths, kept as snapshots (see Snapshot.cs to accept):
/// memories.component.wasm (one canonical guest per memory and realloc of an interface's lifts, a lowering with an
/// untyped callback, one spilled to memory), docs.component.wasm (WIT docs in the XML docs), hostres.component.wasm
/// (a resource the component imports: the host's interface, its handles lent and moved both ways) and
/// compose_pair.component.wasm (fused adapters from a latin1+utf16 caller to a utf16 callee).
/// </summary>
public sealed class ComponentSnapshotTests
{
    private static readonly string SnapshotDirectory = RepositoryPaths.Combine("tests", "Bindgen.Generator.Tests", "Snapshots");

    [TestCase("memories.component.wasm")]
    [TestCase("docs.component.wasm")]
    [TestCase("hostres.component.wasm")]
    [TestCase("compose_pair.component.wasm")]
    public void The_generated_binding_matches_its_snapshot_and_compiles_warning_free(string file)
    {
        byte[] bytes = ComponentReaderTests.Guest(file);
        string text = ComponentDescription.Write(file, bytes, ComponentReader.Read(bytes)) + PackageDocs.Describe(bytes, out _) + "namespace\tDemo.Components\n";
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/" + file + ComponentDescription.Extension, text)], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        GeneratedSourceResult generated = result.Sources.Single();
        Snapshot.Verify(SnapshotDirectory, generated.HintName.Replace(".g.cs", string.Empty), generated.SourceText.ToString());
        Assert.That(result.CompileProblems.Select(d => d.ToString()), Is.Empty);
    }
}
