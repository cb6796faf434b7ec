using System.IO;
using System.Linq;
using System.Xml.Linq;
using NUnit.Framework;

namespace Bindgen.Package.Tests;

/// <summary>A wasm-bindgen package bound through &lt;BindgenPackage&gt; by the packaged build task and generator, as a consumer does it.</summary>
public sealed partial class PackageTests
{
    [Test]
    public void BindgenPackage_is_bound_by_the_packaged_task_and_generator_and_runs()
    {
        string app = CreateConsumer("from-package");
        CopyDirectory(Path.Combine(_repoRoot, "tests", "Bindgen.WasmBindgen.Tests", "shapes", "wbshapes"), Path.Combine(app, "wbshapes"));
        string projectFile = Path.Combine(app, "BindgenUser.csproj");
        XDocument project = XDocument.Load(projectFile);
        project.Root!.Add(new XElement("ItemGroup",
            new XElement("BindgenPackage", new XAttribute("Include", "wbshapes"), new XAttribute("Namespace", "BindgenUser.Shapes"))));
        project.Save(projectFile);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using BindgenUser.Shapes;
            using Wasmtime;

            using var engine = new Engine();
            using var store = new Store(engine);
            Wbshapes shapes = WbshapesPackage.Instantiate(engine, store);
            Console.WriteLine($"apply={shapes.Apply(2.5, x => x * 10)}");
            """);

        DotNetCli.RunOrFail(app, BuildTimeout, "build", "--no-restore");
        CliResult run = DotNetCli.RunOrFail(app, RunTimeout, "run", "--no-build");
        Assert.That(run.Output.Split('\n').Select(l => l.TrimEnd('\r')), Does.Contain("apply=26"), run.Describe());
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
