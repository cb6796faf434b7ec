using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bindgen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// The generator's pipeline is incremental: after an edit, the driver reruns, and every step whose input
/// did not change must report its output as <see cref="IncrementalStepRunReason.Cached"/> or
/// <see cref="IncrementalStepRunReason.Unchanged"/>, so no source is emitted again. The compilation holds
/// two [WasmModule] interfaces (step <see cref="TrackingNames.Modules"/>) and one [WasmImports] interface
/// (step <see cref="TrackingNames.Imports"/>), each in its own file. Not timed: the cost
/// is measured by GeneratorBenchmarks in benchmarks/Bindgen.Benchmarks.
/// </summary>
public sealed class IncrementalityTests
{
    private const string FirstPath = "First.cs";
    private const string SecondPath = "Second.cs";
    private const string HostPath = "Host.cs";

    private const string First = """
        using System;
        using Bindgen;
        namespace Demo.First;

        [WasmModule]
        public interface IFirst
        {
            int Add(int a, int b);
            string Echo(string text);
        }
        """;

    private const string FirstWithAnotherMethod = """
        using System;
        using Bindgen;
        namespace Demo.First;

        [WasmModule]
        public interface IFirst
        {
            int Add(int a, int b);
            string Echo(string text);
            long Negate(long value);
        }
        """;

    private const string Second = """
        using System;
        using Bindgen;
        namespace Demo.Second;

        [WasmModule]
        public interface ISecond
        {
            int Sum(ReadOnlySpan<byte> data);
            void Fill(Span<byte> buffer, int value);
            byte[] Reverse(byte[] data);
        }
        """;

    private const string Host = """
        using System;
        using Bindgen;
        namespace Demo.Host;

        [WasmImports("host")]
        public interface IHostFunctions
        {
            void Log(string message);
            string Describe(ReadOnlySpan<byte> data);
        }
        """;

    private const string Unrelated = """
        namespace Demo.Other;

        public sealed class Unrelated
        {
            public int Value { get; set; }
        }
        """;

    private static readonly IncrementalStepRunReason[] Reused = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Test]
    public void AnUnrelatedEditReusesEveryModelAndEverySource()
    {
        CSharpCompilation compilation = Compile();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult first = SingleResult(driver);
        Assert.That(first.Diagnostics, Is.Empty);
        Assert.That(first.GeneratedSources, Has.Length.EqualTo(3));

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Parse(Unrelated, "Unrelated.cs")));
        GeneratorRunResult second = SingleResult(driver);

        IncrementalStepRunReason[] modelReasons = StepOutputs(second, TrackingNames.Modules).Select(o => o.Reason).ToArray();
        Assert.That(modelReasons, Has.Length.EqualTo(2), "one model per [WasmModule] interface");
        Assert.That(modelReasons, Is.All.AnyOf(Reused), "every output of " + TrackingNames.Modules);

        IncrementalStepRunReason[] importReasons = StepOutputs(second, TrackingNames.Imports).Select(o => o.Reason).ToArray();
        Assert.That(importReasons, Has.Length.EqualTo(1), "one model per [WasmImports] interface");
        Assert.That(importReasons, Is.All.AnyOf(Reused), "every output of " + TrackingNames.Imports);

        IncrementalStepRunReason[] sourceReasons = SourceOutputs(second).Select(o => o.Reason).ToArray();
        TestContext.Out.WriteLine($"{TrackingNames.Modules}: {string.Join(", ", modelReasons)}; {TrackingNames.Imports}: {string.Join(", ", importReasons)}; sources: {string.Join(", ", sourceReasons)}");
        Assert.That(sourceReasons, Is.Not.Empty);
        Assert.That(sourceReasons, Is.All.AnyOf(Reused), "every source output step");

        Assert.That(Texts(second), Is.EqualTo(Texts(first)));
    }

    [Test]
    public void EditingOneInterfaceRegeneratesOnlyItsFile()
    {
        CSharpCompilation compilation = Compile();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult before = SingleResult(driver);
        Dictionary<string, string> textsBefore = Texts(before);

        SyntaxTree firstTree = compilation.SyntaxTrees.Single(t => t.FilePath == FirstPath);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(firstTree, Parse(FirstWithAnotherMethod, FirstPath)));
        GeneratorRunResult after = SingleResult(driver);
        Assert.That(after.Diagnostics, Is.Empty);

        Dictionary<string, IncrementalStepRunReason> modelReasons = StepOutputs(after, TrackingNames.Modules)
            .ToDictionary(o => ((ModuleModel)o.Value).InterfaceName, o => o.Reason);
        Assert.That(modelReasons.Keys, Is.EquivalentTo(new[] { "IFirst", "ISecond" }));
        Assert.That(modelReasons["IFirst"], Is.EqualTo(IncrementalStepRunReason.Modified), "the edited interface's model");
        Assert.That(modelReasons["ISecond"], Is.AnyOf(Reused), "the other interface's model");
        Assert.That(StepOutputs(after, TrackingNames.Imports).Select(o => o.Reason), Is.All.AnyOf(Reused), "the import interface's model");

        Dictionary<string, string> textsAfter = Texts(after);
        Assert.That(textsAfter.Keys, Is.EquivalentTo(textsBefore.Keys));
        string firstFile = textsBefore.Keys.Single(k => k.Contains("First"));
        string secondFile = textsBefore.Keys.Single(k => k.Contains("Second"));
        string hostFile = textsBefore.Keys.Single(k => k.Contains("Host"));
        Assert.That(textsAfter[firstFile], Is.Not.EqualTo(textsBefore[firstFile]), "the edited interface's file changes");
        Assert.That(textsAfter[firstFile], Does.Contain("Negate"));
        Assert.That(textsAfter[secondFile], Is.EqualTo(textsBefore[secondFile]), "the other interface's file is identical");
        Assert.That(textsAfter[hostFile], Is.EqualTo(textsBefore[hostFile]), "the import registration's file is identical");

        IncrementalStepRunReason[] sourceReasons = SourceOutputs(after).Select(o => o.Reason).ToArray();
        Assert.That(sourceReasons.Count(r => !Reused.Contains(r)), Is.EqualTo(1), "exactly one source output ran again");
    }

    private static CSharpCompilation Compile() =>
        GeneratorHarness.CreateCompilation().AddSyntaxTrees(Parse(First, FirstPath), Parse(Second, SecondPath), Parse(Host, HostPath));

    private static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: path);

    private static GeneratorRunResult SingleResult(GeneratorDriver driver)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.That(result.Exception, Is.Null);
        return result;
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> StepOutputs(GeneratorRunResult result, string trackingName)
    {
        Assert.That(result.TrackedSteps.ContainsKey(trackingName), "the step " + trackingName + " is tracked");
        return result.TrackedSteps[trackingName].SelectMany(step => step.Outputs);
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs);

    private static Dictionary<string, string> Texts(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
}
