extern alias tasks;

using System.Linq;
using System.Text;
using tasks::Bindgen.Build.Tasks.Components;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// WIT doc comments (the component's package-docs section, tests/guests/component/docs/) in the generated XML docs:
/// interfaces, functions, the world, types, record fields, variant and enum cases and flags, escaped for XML; a section
/// that cannot be read is a warning of the build, and the binding is generated without it.
/// </summary>
public sealed class ComponentDocsTests
{
    private static GenerationResult Generate()
    {
        byte[] bytes = ComponentReaderTests.Guest("docs.component.wasm");
        string docs = PackageDocs.Describe(bytes, out string? warning);
        Assert.That(warning, Is.Null);
        string text = ComponentDescription.Write("docs.component.wasm", bytes, ComponentReader.Read(bytes)) + docs + "namespace\tDemo.Docs\n";
        return GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/docs.component.wasm" + ComponentDescription.Extension, text)], "class Empty { }");
    }

    [Test]
    public void The_WIT_docs_are_the_summaries_escaped_and_Bindgen_s_own_words_move_to_the_remarks()
    {
        GenerationResult result = Generate();
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Compilation output = result.Output;
        INamedTypeSymbol greet = output.GetTypeByMetadataName("Demo.Docs.IGreet")!;
        string Doc(ISymbol symbol) => string.Join("\n", symbol.GetDocumentationCommentXml()!.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()));

        Assert.That(Doc(greet), Does.Contain("<summary>\nGreets people. Docs may hold &lt;markup&gt; &amp; &quot;quotes&quot; that XML docs must escape.\n</summary>"));
        Assert.That(Doc(greet), Does.Contain("<remarks>The WIT interface <c>local:docs/greet@0.1.0</c>, exported by the component"));
        Assert.That(Doc(greet.GetMembers("Hello").Single()), Does.Contain("Says hello to `who`.\nThe result is the name itself.").And.Contain("<remarks>WIT: <c>hello: func(who: person) -&gt; string</c>.</remarks>"));
        Assert.That(Doc(greet.GetMembers("Count").Single()), Does.Contain("A number from all three."));

        INamedTypeSymbol person = greet.GetTypeMembers("Person").Single();
        Assert.That(Doc(person), Does.Contain("A person to greet.").And.Contain("<param name=\"Name\">The given name.</param>").And.Contain("<param name=\"Age\">Age in years; never &lt;0.</param>"));
        Assert.That(Doc(greet.GetTypeMembers("Mood").Single().GetMembers("Sad").Single()), Does.Contain("Not glad."));
        Assert.That(Doc(greet.GetTypeMembers("Perms").Single().GetMembers("Write").Single()), Does.Contain("Writing."));
        INamedTypeSymbol shape = greet.GetTypeMembers("Shape").Single();
        Assert.That(Doc(shape), Does.Contain("Something to draw."));
        Assert.That(Doc(shape.GetTypeMembers("Circle").Single()), Does.Contain("A circle of this radius.").And.Contain("<remarks>The case <c>circle</c>.</remarks>"));

        INamedTypeSymbol world = output.GetTypeByMetadataName("Demo.Docs.Docs")!;
        Assert.That(Doc(world), Does.Contain("<summary>\nThe greeter's world.\n</summary>").And.Contain("<remarks>\nThe component <c>docs.component.wasm</c>"));
        Assert.That(Doc(output.GetTypeByMetadataName("Demo.Docs.IDocsExports")!.GetMembers("Add").Single()), Does.Contain("Adds two numbers (wrapping)."));
    }

    [Test]
    public void A_component_without_docs_keeps_its_summaries()
    {
        byte[] bytes = ComponentReaderTests.Guest("canonical.component.wasm");
        Assert.That(PackageDocs.Describe(bytes, out string? warning), Is.Empty);
        Assert.That(warning, Is.Null);
    }

    [TestCase(new byte[] { 7, (byte)'{', (byte)'}' }, "format version is 7")]
    [TestCase(new byte[] { 1, (byte)'{', (byte)'"', (byte)'d' }, "ends early")]
    [TestCase(new byte[] { 1, (byte)'[', (byte)']' }, "not a JSON object")]
    [TestCase(new byte[] { 1, (byte)'{', (byte)'"', (byte)'i', (byte)'"', (byte)':', (byte)'3', (byte)',', (byte)'"', (byte)'p', (byte)'a', (byte)'c', (byte)'k', (byte)'a', (byte)'g', (byte)'e', (byte)'"', (byte)':', (byte)'3', (byte)'}' }, "'package' is not a string")]
    [TestCase(new byte[] { 1, 0xC3 }, "Unable to translate bytes")]
    [TestCase(new byte[0], "the section is empty")]
    public void A_section_that_cannot_be_read_is_a_warning_not_a_failure(byte[] payload, string reason)
    {
        byte[] component = ComponentReaderTests.Guest("canonical.component.wasm");
        byte[] name = Encoding.UTF8.GetBytes(PackageDocs.SectionName);
        byte[] body = new[] { (byte)name.Length }.Concat(name).Concat(payload).ToArray();
        byte[] bytes = component.Concat(new byte[] { 0, (byte)body.Length }).Concat(body).ToArray();
        Assert.That(PackageDocs.Describe(bytes, out string? warning), Is.Empty);
        Assert.That(warning, Does.Contain(reason));
    }
}
