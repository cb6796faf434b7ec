extern alias tasks;

using System.Diagnostics;
using System.Linq;
using tasks::Bindgen.Build.Tasks.Components;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// The generator on the build's descriptions of real components: the bindings compile warning-free with the names the
/// docs give; what has no C# form is BG0030 at the description; an unrelated edit neither re-reads nor re-emits.
/// </summary>
public sealed class ComponentGeneratorTests
{
    internal static InMemoryAdditionalText Description(string file, string? ns = "Demo.Components", string? className = null)
    {
        byte[] bytes = ComponentReaderTests.Guest(file);
        string text = ComponentDescription.Write(file, bytes, ComponentReader.Read(bytes))
            + (ns is null ? string.Empty : "namespace\t" + ns + "\n")
            + (className is null ? string.Empty : "class-name\t" + className + "\n");
        return new InMemoryAdditionalText("/obj/bindgen/" + file + ComponentDescription.Extension, text);
    }

    [TestCase("canonical.component.wasm", "Canonical", "IText")]
    [TestCase("canonical_imports.component.wasm", "CanonicalImports", "IRun")]
    [TestCase("nested.component.wasm", "Nested", "IMath")]
    public void A_component_gives_a_world_class_and_interfaces_that_compile_warning_free(string file, string worldClass, string exported)
    {
        GenerationResult result = GeneratorHarness.Run([Description(file)], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Compilation output = result.Output;
        INamedTypeSymbol world = output.GetTypeByMetadataName("Demo.Components." + worldClass)!;
        Assert.That(world, Is.Not.Null);
        Assert.That(world.IsSealed, Is.True);
        IMethodSymbol instantiate = world.GetMembers("Instantiate").OfType<IMethodSymbol>().Single();
        Assert.That(instantiate.IsStatic && instantiate.ReturnType.Equals(world, SymbolEqualityComparer.Default), Is.True);
        Assert.That(instantiate.Parameters.Take(2).Select(p => p.Type.ToDisplayString()), Is.EqualTo(new[] { "Wasmtime.Engine", "Wasmtime.Store" }));
        IPropertySymbol property = world.GetMembers().OfType<IPropertySymbol>().Single();
        Assert.That(property.Type.ToDisplayString(), Is.EqualTo("Demo.Components." + exported));
    }

    [Test]
    public void WIT_types_become_nested_records_enums_flags_and_closed_variants_with_the_WIT_names_in_the_docs()
    {
        GenerationResult result = GeneratorHarness.Run([Description("canonical.component.wasm")], "class Empty { }");
        Compilation output = result.Output;
        INamedTypeSymbol text = output.GetTypeByMetadataName("Demo.Components.IText")!;
        Assert.That(text.TypeKind, Is.EqualTo(TypeKind.Interface));
        Assert.That(text.GetTypeMembers().Select(t => t.Name), Is.EqualTo(new[] { "Point", "Entry", "Color", "Perms", "Shape" }));
        INamedTypeSymbol point = text.GetTypeMembers("Point").Single();
        Assert.That(point.IsRecord && point.IsSealed, Is.True);
        Assert.That(text.GetTypeMembers("Perms").Single().GetAttributes().Select(a => a.AttributeClass!.Name), Does.Contain("FlagsAttribute"));
        INamedTypeSymbol shape = text.GetTypeMembers("Shape").Single();
        Assert.That(shape.IsAbstract && shape.IsRecord, Is.True);
        Assert.That(shape.InstanceConstructors.Where(c => !c.Parameters.Any()).Select(c => c.DeclaredAccessibility), Is.EqualTo(new[] { Accessibility.Private }), "closed");
        Assert.That(shape.GetTypeMembers().Select(t => t.Name), Is.EqualTo(new[] { "Circle", "Rect", "Empty" }));
        IMethodSymbol countWords = text.GetMembers("CountWords").OfType<IMethodSymbol>().Single();
        Assert.That(countWords.GetDocumentationCommentXml(), Does.Contain("count-words: func(text: string) -&gt; u32"));
        IMethodSymbol nested = text.GetMembers("EchoNested").OfType<IMethodSymbol>().Single();
        Assert.That(nested.ReturnType.ToDisplayString(), Is.EqualTo("Bindgen.Result<string[], Demo.Components.IText.Shape>"));
        IMethodSymbol entries = text.GetMembers("EchoEntries").OfType<IMethodSymbol>().Single();
        Assert.That(entries.Parameters.Single().Type.ToDisplayString(), Is.EqualTo("Demo.Components.IText.Entry?[]"));
    }

    [Test]
    public void An_imported_interface_is_a_C_sharp_interface_the_user_implements_and_passes_to_Instantiate()
    {
        GenerationResult result = GeneratorHarness.Run([Description("canonical_imports.component.wasm", "App", "Guest")], "class Empty { }");
        Assert.That(result.CompileProblems, Is.Empty);
        INamedTypeSymbol world = result.Output.GetTypeByMetadataName("App.Guest")!;
        IMethodSymbol instantiate = world.GetMembers("Instantiate").OfType<IMethodSymbol>().Single();
        Assert.That(instantiate.Parameters.Select(p => p.Name + ":" + p.Type.ToDisplayString()), Is.EqualTo(new[]
        {
            "engine:Wasmtime.Engine", "store:Wasmtime.Store", "host:App.IHost", "options:Bindgen.GuestMemoryOptions?",
        }));
        // run's `use host.{entry}`: one C# type, declared with the interface that defines it.
        IMethodSymbol tally = result.Output.GetTypeByMetadataName("App.IRun")!.GetMembers("CallTally").OfType<IMethodSymbol>().Single();
        Assert.That(tally.Parameters[0].Type.ToDisplayString(), Is.EqualTo("App.IHost.Entry?[]"));
    }

    [Test]
    public void Names_that_would_clash_in_CSharp_get_the_documented_suffixes_and_compile()
    {
        // The world `run` exports `run` and `instantiate`; it imports an interface `engine` and a world-level `class`;
        // its types have members named like their type, like object's methods, like the payload property, and `none`.
        string text = string.Join("\n",
            "bindgen-component-description\t1", "file\trun.component.wasm",
            "type\t#0\trecord\tshape:u32\tequals:string\tclass:bool",
            "type\t#1\tnamed\ta:b/engine@1.0.0\tshape\t#0",
            "type\t#2\tvariant\tvalue:u32\tshape-kind:#1\tto-string\tequals:string",
            "type\t#3\tnamed\ta:b/engine@1.0.0\tshape-kind\t#2",
            "type\t#4\tflags\tnone\tall",
            "type\t#5\tnamed\ta:b/engine@1.0.0\tstyle\t#4",
            "type\t#6\tenum\tstyle\tget-type",
            "type\t#7\tnamed\ta:b/engine@1.0.0\tkind\t#6",
            "interface\timport\ta:b/engine@1.0.0\ta:b\tengine\t1.0.0",
            "interface-type\timport\ta:b/engine@1.0.0\t#1", "interface-type\timport\ta:b/engine@1.0.0\t#3",
            "interface-type\timport\ta:b/engine@1.0.0\t#5", "interface-type\timport\ta:b/engine@1.0.0\t#7",
            "function\timport\ta:b/engine@1.0.0\tshape\t#1\tclass:#3\tstyle:#5\tkind:#7",
            "function\timport\t-\tclass\tu32\tevent:u32",
            "function\texport\t-\trun\t#3\tvalue:#1",
            "function\texport\t-\tinstantiate\tu32",
            "instantiate\t0\t0",
            "lower\t0\ta:b/engine@1.0.0\tshape\texport 0 memory\texport 0 cabi_realloc\tutf8",
            "lower\t1\t-\tclass\t-\t-\tutf8",
            "lift\t-\trun\texport 0 run\texport 0 memory\texport 0 cabi_realloc\t-\tutf8",
            "lift\t-\tinstantiate\texport 0 instantiate\t-\t-\t-\tutf8",
            string.Empty);
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/run.component.wasm.bindgen-component", text)], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems) + "\n" + result.Sources.Single().SourceText);
        INamedTypeSymbol engine = result.Output.GetTypeByMetadataName("IEngine")!;
        Assert.That(engine.GetTypeMembers("Shape").Single().GetMembers().OfType<IPropertySymbol>().Select(p => p.Name), Is.SupersetOf(new[] { "ShapeValue", "EqualsValue", "Class" }));
        Assert.That(engine.GetTypeMembers("ShapeKind").Single().GetTypeMembers().Select(t => t.Name), Is.EqualTo(new[] { "ValueCase", "ShapeKind" + "Case", "ToStringCase", "EqualsCase" }));
        Assert.That(engine.GetMembers().OfType<IMethodSymbol>().Select(m => m.Name), Does.Contain("ShapeFunction"));
        INamedTypeSymbol world = result.Output.GetTypeByMetadataName("Run")!;
        Assert.That(world.GetMembers("Instantiate").OfType<IMethodSymbol>().Single(m => m.IsStatic).Parameters.Select(p => p.Name),
            Is.EqualTo(new[] { "engine", "store", "engineImports", "imports", "options" }));
    }

    [TestCase("type\t#0\ttuple\tu32\nnamed\n", "a tuple of one element")]
    [TestCase("type\t#0\toption\tu32\ntype\t#1\toption\t#0\n", "option<option<u32>> has no C# form")]
    public void A_type_with_no_CSharp_form_is_BG0030_at_the_description(string types, string message)
    {
        string text = "bindgen-component-description\t1\nfile\tbad.component.wasm\n" + types.Replace("named\n", string.Empty)
            + "interface\texport\tx:y/z\tx:y\tz\t-\nfunction\texport\tx:y/z\tf\t-\tv:" + (types.Contains("#1") ? "#1" : "#0") + "\n"
            + "instantiate\t0\t0\nlift\tx:y/z\tf\texport 0 f\t-\t-\t-\tutf8\n";
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/bad.component.wasm.bindgen-component", text)], "class Empty { }");
        Diagnostic diagnostic = result.Diagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("BG0030"));
        Assert.That(diagnostic.GetMessage(), Does.Contain("bad.component.wasm").And.Contain(message));
        Assert.That(diagnostic.Location.GetLineSpan().Path, Does.EndWith("bad.component.wasm.bindgen-component"));
        Assert.That(result.Sources, Is.Empty, "no binding, rather than a wrong one");
        Assert.That(result.CompileProblems, Is.Empty);
    }

    [Test]
    public void A_description_of_another_format_version_is_BG0030()
    {
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/x.component.wasm.bindgen-component", "bindgen-component-description\t9\n")], "class Empty { }");
        Assert.That(result.Diagnostics.Single().GetMessage(), Does.Contain("format version"));
    }

    [Test]
    public void An_unrelated_edit_neither_rereads_the_component_nor_emits_its_binding_again()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("class Empty { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(Description("canonical.component.wasm")).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", GeneratorHarness.ParseOptions, path: "Other.cs")));
        GeneratorRunResult second = driver.GetRunResult().Results.Single();
        var reasons = second.TrackedSteps[TrackingNames.Components].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.That(reasons, Is.EqualTo(new[] { IncrementalStepRunReason.Cached }));
        Assert.That(second.TrackedOutputSteps.SelectMany(p => p.Value).SelectMany(s => s.Outputs).Select(o => o.Reason),
            Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
    }

    [Test]
    public void Reading_and_describing_a_10_MB_component_takes_well_under_a_second()
    {
        // canonical.component.wasm with 10 MB of custom-section bytes inside its core module.
        byte[] padded = ComponentPadding.WithLargeCoreModule(ComponentReaderTests.Guest("canonical.component.wasm"), 10 * 1024 * 1024);
        var clock = Stopwatch.StartNew();
        ComponentInfo info = ComponentReader.Read(padded);
        string description = ComponentDescription.Write("big.component.wasm", padded, info);
        clock.Stop();
        TestContext.Out.WriteLine($"{padded.Length / 1e6:F1} MB read and described in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.That(info.ExportedInterfaces.Single().Functions, Has.Count.EqualTo(22));
        Assert.That(description, Does.Contain("lift\tlocal:demo/text@1.0.0\tcount-words"));
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(1.0));
    }
}

/// <summary>Makes a large component from a small one: its first core module gets a custom section of the given size.</summary>
internal static class ComponentPadding
{
    public static byte[] WithLargeCoreModule(byte[] component, int padding)
    {
        int at = 8;
        while (component[at] != 1)
        {
            at += 1;
            uint skip = Leb(component, ref at);
            at += (int)skip;
        }

        int sectionStart = at++;
        uint size = Leb(component, ref at);
        byte[] module = component.Skip(at).Take((int)size).ToArray();
        byte[] name = System.Text.Encoding.UTF8.GetBytes("padding");
        byte[] custom = new byte[] { 0 }.Concat(Encode((uint)(1 + name.Length + padding))).Concat(new[] { (byte)name.Length }).Concat(name).Concat(new byte[padding]).ToArray();
        byte[] bigger = module.Concat(custom).ToArray();
        return component.Take(sectionStart).Concat(new byte[] { 1 }).Concat(Encode((uint)bigger.Length)).Concat(bigger).Concat(component.Skip(at + (int)size)).ToArray();
    }

    private static uint Leb(byte[] bytes, ref int at)
    {
        uint value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    private static byte[] Encode(uint value)
    {
        var bytes = new System.Collections.Generic.List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return bytes.ToArray();
    }
}
