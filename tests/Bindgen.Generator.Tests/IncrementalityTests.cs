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

    private const string Bound = """
        using Bindgen;
        namespace Demo.Bound;

        [WasmModule(File = "calc.wasm")]
        public interface ICalc
        {
            int Add(int a, int b);
        }
        """;

    private const string CalcPath = "obj/Debug/net10.0/bindgen/calc.wasm.bindgen";
    private const string CalcDescription = "bindgen-module-description\t1\nfile\tcalc.wasm\nsha256\t01\nexport\tfunction\tadd\t(i32, i32) -> i32\n";

    // The module rebuilt: add now takes i64, so the unchanged declaration no longer matches.
    private const string RebuiltCalcDescription = "bindgen-module-description\t1\nfile\tcalc.wasm\nsha256\t02\nexport\tfunction\tadd\t(i64, i64) -> i64\n";

    [Test]
    public void An_unrelated_edit_neither_rereads_the_module_nor_rechecks_the_declarations()
    {
        CSharpCompilation compilation = Compile().AddSyntaxTrees(Parse(Bound, "Bound.cs"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new InMemoryAdditionalText(CalcPath, CalcDescription)).RunGenerators(compilation);
        GeneratorRunResult first = SingleResult(driver);
        Assert.That(first.Diagnostics, Is.Empty);
        Assert.That(StepOutputs(first, TrackingNames.Descriptions).Count(), Is.EqualTo(1), "one description");

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Parse(Unrelated, "Unrelated.cs")));
        GeneratorRunResult second = SingleResult(driver);

        IncrementalStepRunReason[] descriptionReasons = StepOutputs(second, TrackingNames.Descriptions).Select(o => o.Reason).ToArray();
        IncrementalStepRunReason[] checkReasons = StepOutputs(second, TrackingNames.Checked).Select(o => o.Reason).ToArray();
        TestContext.Out.WriteLine($"{TrackingNames.Descriptions}: {string.Join(", ", descriptionReasons)}; {TrackingNames.Checked}: {string.Join(", ", checkReasons)}");
        Assert.That(descriptionReasons, Is.EqualTo(new[] { IncrementalStepRunReason.Cached }), "the description is not parsed again");
        Assert.That(checkReasons, Has.Length.EqualTo(4), "one check per binding");
        Assert.That(checkReasons, Is.All.EqualTo(IncrementalStepRunReason.Cached), "no binding is checked again");
        Assert.That(SourceOutputs(second).Select(o => o.Reason), Is.All.AnyOf(Reused), "every source output step");
    }

    [Test]
    public void Replacing_the_module_rechecks_only_the_interface_bound_to_it()
    {
        var original = new InMemoryAdditionalText(CalcPath, CalcDescription);
        CSharpCompilation compilation = Compile().AddSyntaxTrees(Parse(Bound, "Bound.cs"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(original).RunGenerators(compilation);
        Assert.That(SingleResult(driver).Diagnostics, Is.Empty);

        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText(CalcPath, RebuiltCalcDescription)).RunGenerators(compilation);
        GeneratorRunResult after = SingleResult(driver);

        Assert.That(StepOutputs(after, TrackingNames.Descriptions).Select(o => o.Reason), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }));
        Dictionary<string, IncrementalStepRunReason> checkReasons = StepOutputs(after, TrackingNames.Checked)
            .ToDictionary(o => ((ModuleModel)o.Value).InterfaceName, o => o.Reason);
        Assert.That(checkReasons["ICalc"], Is.EqualTo(IncrementalStepRunReason.Modified), "the bound interface is checked again");
        Assert.That(new[] { checkReasons["IFirst"], checkReasons["ISecond"], checkReasons["IHostFunctions"] }, Is.All.AnyOf(Reused), "the others' results are unchanged");

        Diagnostic mismatch = after.Diagnostics.Single();
        Assert.That(mismatch.Id, Is.EqualTo("BG0015"));
        Assert.That(mismatch.GetMessage(), Does.Contain("(i64, i64) -> i64"));
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
