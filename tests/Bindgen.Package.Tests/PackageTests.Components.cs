using System.IO;
using System.Linq;
using System.Xml.Linq;
using NUnit.Framework;

namespace Bindgen.Package.Tests;

/// <summary>The package's component support (BindgenComponent) as a consumer meets it: bound from the binary, run, refused with BG9003.</summary>
public sealed partial class PackageTests
{
    [Test]
    public void BindgenComponent_is_bound_from_the_binary_alone_and_runs_and_an_unsupported_one_is_BG9003()
    {
        string app = CreateConsumer("component");
        string projectFile = Path.Combine(app, "BindgenUser.csproj");
        XDocument project = XDocument.Load(projectFile);
        project.Root!.Add(new XElement("ItemGroup", new XElement("BindgenComponent", new XAttribute("Include", "guest/demo.component.wasm"))));
        project.Save(projectFile);
        Directory.CreateDirectory(Path.Combine(app, "guest"));
        string component = Path.Combine(app, "guest", "demo.component.wasm");
        File.Copy(Path.Combine(_repoRoot, "tests", "guests", "canonical_imports.component.wasm"), component);
        File.WriteAllText(Path.Combine(app, "Program.cs"), ComponentProgram);
        DotNetCli.RunOrFail(app, BuildTimeout, "build", "--no-restore");
        foreach (string stray in Directory.GetFiles(Path.Combine(app, "bin"), "*.wasm", SearchOption.AllDirectories))
        {
            File.Delete(stray);
        }

        CliResult run = DotNetCli.RunOrFail(app, RunTimeout, "run", "--no-build");
        Assert.That(run.Output.Split('\n').Select(l => l.TrimEnd('\r')), Does.Contain("Hello, Wörld!").And.Contain("42"), run.Describe());

        // A component with an async function type: an error at the item's file (its imported resource and its UTF-16 lift are bound).
        File.Copy(Path.Combine(_repoRoot, "tests", "guests", "unsupported.component.wasm"), component, overwrite: true);
        CliResult refused = DotNetCli.Run(app, BuildTimeout, "build", "--no-restore");
        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.Not.Zero, refused.Describe());
            Assert.That(refused.Output, Does.Contain("demo.component.wasm : error BG9003"), refused.Describe());
            Assert.That(refused.Output, Does.Contain("(async, at offset").And.Not.Contain("string-encoding").And.Not.Contain("(resource, at offset"), refused.Describe());
        });
    }

    // The types come from the component: IHost, IHost.Entry, Demo (the world class) and its Run property.
    private const string ComponentProgram = """
        using System;
        using System.Text;
        using BindgenUser;
        using Wasmtime;

        Console.OutputEncoding = Encoding.UTF8;
        using var engine = new Engine();
        using var store = new Store(engine);
        Demo demo = Demo.Instantiate(engine, store, new Host());
        Console.WriteLine(demo.Run.CallGreet("Wörld"));
        Console.WriteLine(demo.Run.CallAdd(40, 2));

        sealed class Host : IHost
        {
            public string Greet(string name) => "Hello, " + name + "!";
            public string[] Split(string text) => text.Split(' ');
            public uint Tally(IHost.Entry?[] items, string? extra) => (uint)items.Length;
            public int Add(int a, int b) => a + b;
        }
        """;
}
