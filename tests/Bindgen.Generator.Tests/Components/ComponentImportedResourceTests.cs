using System.Linq;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// Resources the component imports (hostres.component.wasm, tests/guests/hostres/hostres.wit): an interface nested in
/// the world class that the host implements, with the resource's methods as members; its constructor and static
/// functions are members of the imported interface (the world's imports for a resource the world declares). Its
/// handles pass anywhere: in any function, and inside lists, options and records.
/// </summary>
public sealed class ComponentImportedResourceTests
{
    [Test]
    public void An_imported_resource_is_an_interface_the_host_implements_with_constructor_and_statics_on_the_imported_interface()
    {
        GenerationResult result = GeneratorHarness.Run([ComponentGeneratorTests.Description("hostres.component.wasm")], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        INamedTypeSymbol blob = result.Output.GetTypeByMetadataName("Demo.Components.Hostres+IBlob")!;
        Assert.That((blob.TypeKind, blob.DeclaredAccessibility), Is.EqualTo((TypeKind.Interface, Accessibility.Public)));
        Assert.That(blob.AllInterfaces, Is.Empty, "IDisposable is the host's choice: a blob is disposed when the guest drops it only if it implements it");
        Assert.That(blob.GetMembers().OfType<IMethodSymbol>().Select(m => m.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)),
            Is.EquivalentTo(new[] { "uint IBlob.Get()", "void IBlob.Add(uint n)", "uint IBlob.Absorb(IBlob other)", "uint IBlob.Take(IBlob other)" }));
        INamedTypeSymbol host = result.Output.GetTypeByMetadataName("Demo.Components.IHost")!;
        Assert.That(host.GetMembers().OfType<IMethodSymbol>().Select(m => m.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)),
            Is.EquivalentTo(new[] { "IBlob IHost.NewBlob(uint init)", "IBlob IHost.BlobMake(uint n)" }));
        INamedTypeSymbol app = result.Output.GetTypeByMetadataName("Demo.Components.IApp")!;
        IMethodSymbol donate = app.GetMembers("Donate").OfType<IMethodSymbol>().Single();
        Assert.That(donate.Parameters.Single().Type, Is.EqualTo(blob).Using<ITypeSymbol>(SymbolEqualityComparer.Default.Equals));
        Assert.That(app.GetMembers("GiveBack").OfType<IMethodSymbol>().Single().ReturnType, Is.EqualTo(blob).Using<ITypeSymbol>(SymbolEqualityComparer.Default.Equals));
        INamedTypeSymbol ticket = result.Output.GetTypeByMetadataName("Demo.Components.Hostres+ITicket")!;
        Assert.That(ticket.GetMembers().Select(m => m.Name), Is.EqualTo(new[] { "Number" }), "a resource the world itself imports, named by the functions that pass it");
        Assert.That(result.Output.GetTypeByMetadataName("Demo.Components.IHostresImports")!.GetMembers().Select(m => m.Name), Is.EqualTo(new[] { "NewTicket" }));
        INamedTypeSymbol tally = result.Output.GetTypeByMetadataName("Demo.Components.Hostres+Tally")!;
        Assert.That(tally.GetMembers("Feed").OfType<IMethodSymbol>().Single().Parameters.Single().Type, Is.EqualTo(blob).Using<ITypeSymbol>(SymbolEqualityComparer.Default.Equals));
    }

    private const string Host = "type\t#0\tresource\timported\t-\ntype\t#1\tnamed\tx:y/h\tblob\t#0\ntype\t#2\town\t#1\n"
        + "interface\timport\tx:y/h\tx:y\th\t-\nfunction\timport\tx:y/h\t[constructor]blob\t#2\n";

    [TestCase("type\t#3\tlist\t#2\n", "v:#3", "Demo.Other.IBlob[]")]
    [TestCase("type\t#3\toption\t#2\n", "v:#3", "Demo.Other.IBlob?")]
    [TestCase("type\t#3\trecord\tb:#2\ntype\t#4\tnamed\tx:y/h\tholder\t#3\n", "v:#4", "Demo.IH.Holder")]
    public void A_handle_of_an_imported_resource_inside_a_list_option_or_record_is_bound(string more, string parameter, string type)
    {
        string text = "bindgen-component-description\t1\nfile\tother.component.wasm\n" + Host + more
            + $"function\timport\tx:y/h\tf\t-\t{parameter}\n"
            + "instantiate\t0\t0\nnamespace\tDemo\n";
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/other.component.wasm.bindgen-component", text)], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        IMethodSymbol f = result.Output.GetTypeByMetadataName("Demo.IH")!.GetMembers("F").OfType<IMethodSymbol>().Single();
        Assert.That(f.Parameters.Single().Type.ToDisplayString(), Is.EqualTo(type));
    }

    [Test]
    public void A_handle_of_an_imported_resource_passes_through_functions_of_other_imported_interfaces()
    {
        string text = "bindgen-component-description\t1\nfile\tother.component.wasm\n" + Host
            + "interface\timport\tx:y/o\tx:y\to\t-\nfunction\timport\tx:y/o\tf\t#2\tv:#2\n"
            + "instantiate\t0\t0\nnamespace\tDemo\n";
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/other.component.wasm.bindgen-component", text)], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        IMethodSymbol f = result.Output.GetTypeByMetadataName("Demo.IO")!.GetMembers("F").OfType<IMethodSymbol>().Single();
        Assert.That((f.ReturnType.ToDisplayString(), f.Parameters.Single().Type.ToDisplayString()), Is.EqualTo(("Demo.Other.IBlob", "Demo.Other.IBlob")));
    }
}
