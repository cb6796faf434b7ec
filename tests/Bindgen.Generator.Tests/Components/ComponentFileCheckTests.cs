using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// A hand-written [WasmModule(File = "x.component.wasm", Abi = WasmAbi.Canonical)] interface checked against the build's
/// description of a real component (tests/guests/canonical.component.wasm, canonical/text.wit): each method against
/// the function it calls, each finding at the method or the File argument, saying what was expected and what was found.
/// </summary>
public sealed class ComponentFileCheckTests
{
    private const string Types = """
        using System;
        using Bindgen;
        public sealed record Point(int X, int Y);
        public sealed record Entry(string Name, uint[] Values);
        public enum Color { Red, Green, Blue }
        [Flags] public enum Perms : uint { None = 0, Read = 1, Write = 2, Exec = 4 }
        """;

    private static GenerationResult Run(string declaration) =>
        GeneratorHarness.Run([ComponentGeneratorTests.Description("canonical.component.wasm", "Demo.Components")], Types + "\n" + declaration);

    private static string At(Diagnostic d) =>
        GeneratorHarness.LastSource!.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    private static Diagnostic[] Findings(GenerationResult result) =>
        result.Diagnostics.Where(d => d.Id is "BG0013" or "BG0031" or "BG0032" or "BG0033").ToArray();

    [Test]
    public void Matching_methods_of_every_kind_of_WIT_type_have_no_findings()
    {
        GenerationResult result = Run("""
            [WasmModule(File = "canonical.component.wasm", Abi = WasmAbi.Canonical, Interface = "local:demo/text@1.0.0")]
            public interface ITextGuest
            {
                uint CountWords(string text);
                string[] ReverseStrings(string[] items);
                ulong SumBytes(ReadOnlySpan<byte> data);
                Entry?[] EchoEntries(Entry?[] items);
                Result<int, string> ParseNumber(string s);
                uint? Find(string[] items, string needle);
                (Perms, Color) Swap(Color c, Perms p);
                Point AddPoints(Point a, Point b);
                ulong Sum17(uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint a8, uint a9, uint a10, uint a11, uint a12, uint a13, uint a14, uint a15, uint a16, uint a17);
            }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
    }

    [Test]
    public void A_function_the_component_does_not_lift_is_BG0032_at_the_method_with_the_closest_names()
    {
        GenerationResult result = Run("""
            [WasmModule(File = "canonical.component.wasm", Abi = WasmAbi.Canonical, Interface = "local:demo/text@1.0.0")]
            public interface ITextGuest
            {
                uint CountWord(string text);
            }
            """);
        Diagnostic d = Findings(result).Single();
        Assert.That(d.Id, Is.EqualTo("BG0032"));
        Assert.That(d.GetMessage(), Does.StartWith("Method 'CountWord' calls 'local:demo/text@1.0.0#count-word', which component 'canonical.component.wasm' does not export; did you mean 'local:demo/text@1.0.0#count-words'"));
        Assert.That(At(d), Is.EqualTo("CountWord"));

        // Without Interface, the method names a world-level function, which this component has none of.
        GenerationResult world = Run("""
            [WasmModule(File = "canonical.component.wasm", Abi = WasmAbi.Canonical)]
            public interface IWorld
            {
                uint CountWords(string text);
            }
            """);
        Assert.That(Findings(world).Single().GetMessage(), Does.StartWith("Method 'CountWords' calls 'count-words', which component 'canonical.component.wasm' does not export"));
        Assert.That(Findings(world).Single().GetMessage(), Does.Contain("'local:demo/text@1.0.0#count-words'"));
    }

    [Test]
    public void A_parameter_or_result_of_another_WIT_type_is_BG0033_saying_which_and_both_signatures()
    {
        GenerationResult result = Run("""
            [WasmModule(File = "canonical.component.wasm", Abi = WasmAbi.Canonical, Interface = "local:demo/text@1.0.0")]
            public interface ITextGuest
            {
                uint CountWords(byte[] text);
                int SumBytes(ReadOnlySpan<byte> data);
                Point AddPoints(Point a);
                (Color, Perms) Swap(Color c, Perms p);
            }
            """);
        Diagnostic[] findings = Findings(result);
        Assert.That(findings.Select(d => d.Id), Is.EqualTo(new[] { "BG0033", "BG0033", "BG0033", "BG0033" }));
        Assert.That(findings[0].GetMessage(), Is.EqualTo(
            "Method 'CountWords' calls 'local:demo/text@1.0.0#count-words' as func(list<u8>) -> u32, but component 'canonical.component.wasm' exports func(text: string) -> u32: parameter 1 ('text') is list<u8>, the function's 'text' is string"));
        Assert.That(findings[1].GetMessage(), Does.EndWith("the method returns s32, the function u64"));
        Assert.That(findings[2].GetMessage(), Does.EndWith("the method has 1 parameter(s), the function 2"));
        Assert.That(findings[3].GetMessage(), Does.EndWith("the method returns tuple<enum of 3 cases, flags of 3>, the function tuple<flags of 3, enum of 3 cases>"));
        Assert.That(findings.Select(d => At(d)), Is.EqualTo(new[] { "CountWords", "SumBytes", "AddPoints", "Swap" }));
    }

    [Test]
    public void A_component_named_by_an_interface_of_another_ABI_is_BG0031_at_the_File_argument()
    {
        GenerationResult result = Run("""
            [WasmModule(File = "canonical.component.wasm")]
            public interface ITextGuest
            {
                int CountWords(string text);
            }
            """);
        Diagnostic d = Findings(result).Single();
        Assert.That(d.Id, Is.EqualTo("BG0031"));
        Assert.That(d.GetMessage(), Does.Contain("names a WebAssembly component, not a core module").And.Contain("'ITextGuest' must declare Abi = WasmAbi.Canonical"));
        Assert.That(At(d), Is.EqualTo("File = \"canonical.component.wasm\""));
    }

    [Test]
    public void A_component_file_the_build_does_not_describe_says_which_item_to_add()
    {
        GenerationResult result = GeneratorHarness.Run(Types + """

            [WasmModule(File = "other.component.wasm", Abi = WasmAbi.Canonical)]
            public interface IOther
            {
                uint CountWords(string text);
            }
            """);
        Diagnostic d = Findings(result).Single();
        Assert.That(d.Id, Is.EqualTo("BG0013"));
        Assert.That(d.GetMessage(), Does.Contain("<BindgenComponent Include=\"path/to/other.component.wasm\" /> (a component)"));
    }
}
