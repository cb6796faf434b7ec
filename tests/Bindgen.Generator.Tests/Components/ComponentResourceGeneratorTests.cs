using System.Linq;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// Exported resources from a component description: a sealed class per resource, nested in the world class, with the
/// constructor, methods and statics as members and the resource's functions kept off the interface; handles the
/// binding cannot pass yet are BG0030 at the description, never code that does not compile.
/// </summary>
public sealed class ComponentResourceGeneratorTests
{
    [Test]
    public void An_exported_resource_is_a_sealed_disposable_class_with_its_constructor_methods_and_statics()
    {
        GenerationResult result = GeneratorHarness.Run([ComponentGeneratorTests.Description("resources.component.wasm")], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        INamedTypeSymbol counter = result.Output.GetTypeByMetadataName("Demo.Components.Resources+Counter")!;
        Assert.That(counter, Is.Not.Null);
        Assert.That((counter.IsSealed, counter.DeclaredAccessibility, counter.BaseType!.ToDisplayString()), Is.EqualTo((true, Accessibility.Public, "Bindgen.ComponentResource")));
        Assert.That(counter.AllInterfaces.Select(i => i.ToDisplayString()), Does.Contain("System.IDisposable"));
        IMethodSymbol constructor = counter.InstanceConstructors.Single(c => c.DeclaredAccessibility == Accessibility.Public);
        Assert.That(constructor.Parameters.Select(p => p.Type.ToDisplayString() + " " + p.Name), Is.EqualTo(new[] { "Demo.Components.ICounters owner", "uint start" }));
        var methods = counter.GetMembers().OfType<IMethodSymbol>().Where(m => m.DeclaredAccessibility == Accessibility.Public && m.MethodKind == MethodKind.Ordinary).ToList();
        Assert.That(methods.Select(m => (m.Name, m.IsStatic, m.Parameters.Length)), Is.EquivalentTo(new[] { ("Add", false, 1), ("Get", false, 0), ("Merge", false, 1), ("Make", true, 2) }));
        INamedTypeSymbol counters = result.Output.GetTypeByMetadataName("Demo.Components.ICounters")!;
        Assert.That(counters.GetMembers().Select(m => m.Name), Is.EquivalentTo(new[] { "Live", "Dropped", "Consume", "Peek", "PlainAdd", "Forge", "DoubleDrop", "ConsumeAll", "PeekAll", "MakeMany", "PeekMaybe", "OpenLabelled", "MakeLabelled", "Labelled" }));
        string Signature(string name) => counters.GetMembers(name).OfType<IMethodSymbol>().Single().ToDisplayString();
        Assert.That(new[] { Signature("ConsumeAll"), Signature("MakeMany"), Signature("PeekMaybe") }, Is.EqualTo(new[]
        {
            "Demo.Components.ICounters.ConsumeAll(Demo.Components.Resources.Counter[])",
            "Demo.Components.ICounters.MakeMany(uint, uint)",
            "Demo.Components.ICounters.PeekMaybe(Demo.Components.Resources.Counter?)",
        }));
        Assert.That(counters.GetMembers("MakeMany").OfType<IMethodSymbol>().Single().ReturnType.ToDisplayString(), Is.EqualTo("Demo.Components.Resources.Counter[]"));
        Assert.That(counters.GetMembers("Consume").OfType<IMethodSymbol>().Single().Parameters.Single().Type, Is.EqualTo(counter).Using<ITypeSymbol>(SymbolEqualityComparer.Default.Equals));
    }

    private const string Resource = "type\t#0\tresource\tdefined\t-\ntype\t#1\tnamed\tx:y/z\tcounter\t#0\ntype\t#2\town\t#1\n";

    [TestCase("type\t#3\ttuple\t#2\tu32\n", "#3", "v:#3")]
    [TestCase("type\t#3\tresult\t#2\tstring\n", "#3", "v:#3")]
    [TestCase("type\t#3\tborrow\t#1\ntype\t#4\tresult\t#3\t_\n", "u32", "v:#4")]
    [TestCase("type\t#3\toption\t#2\ntype\t#4\tlist\t#3\n", "#4", "v:#4")]
    public void Handles_of_the_exported_resource_inside_tuples_results_and_nested_types_bind_and_compile(string types, string result, string parameter)
    {
        string text = "bindgen-component-description\t1\nfile\tok.component.wasm\n" + Resource + types
            + "interface\texport\tx:y/z\tx:y\tz\t-\ninterface-type\texport\tx:y/z\t#1\n"
            + $"function\texport\tx:y/z\tf\t{result}\t{parameter}\n"
            + "instantiate\t0\t0\nlift\tx:y/z\tf\texport 0 f\t-\t-\t-\tutf8\n";
        GenerationResult generated = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/ok.component.wasm.bindgen-component", text)], "class Empty { }");
        Assert.That(generated.Diagnostics, Is.Empty, string.Join("\n", generated.Diagnostics));
        Assert.That(generated.Sources, Is.Not.Empty);
        Assert.That(generated.CompileProblems, Is.Empty, string.Join("\n", generated.CompileProblems));
    }

    [TestCase("type\t#3\tlist\t#2\n", "w", "v:#3", "which 'x:y/z' defines; Bindgen binds handles in the interface that defines the resource only yet")]
    [TestCase("type\t#3\toption\t#2\n", "w", "v:#3", "which 'x:y/z' defines; Bindgen binds handles in the interface that defines the resource only yet")]
    [TestCase("", "w", "v:#2", "which 'x:y/z' defines; Bindgen binds handles in the interface that defines the resource only yet")]
    public void A_handle_the_binding_cannot_pass_yet_is_BG0030_at_the_description(string types, string functionInterface, string parameter, string message)
    {
        string text = "bindgen-component-description\t1\nfile\tbad.component.wasm\n" + Resource + types
            + "interface\texport\tx:y/z\tx:y\tz\t-\ninterface-type\texport\tx:y/z\t#1\n"
            + $"interface\texport\tx:y/{functionInterface}\tx:y\t{functionInterface}\t-\n"
            + $"function\texport\tx:y/{functionInterface}\tf\t-\t{parameter}\n"
            + $"instantiate\t0\t0\nlift\tx:y/{functionInterface}\tf\texport 0 f\t-\t-\t-\tutf8\n";
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/bad.component.wasm.bindgen-component", text)], "class Empty { }");
        Diagnostic diagnostic = result.Diagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("BG0030"));
        Assert.That(diagnostic.GetMessage(), Does.Contain(message));
        Assert.That(result.Sources, Is.Empty, "no binding, rather than a wrong one");
        Assert.That(result.CompileProblems, Is.Empty);
    }
}
