using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using NUnit.Framework;

namespace Bindgen.Package.Tests;

/// <summary>
/// The generator, analyzer and build task are packed as ReadyToRun images when the package is packed on linux-x64
/// (runtime/Bindgen.Runtime/pack/ReadyToRun.targets), and a consumer build that loads them still works.
/// </summary>
public sealed partial class PackageTests
{
    /// <summary>The COFF machine of a ReadyToRun image for Linux x64: AMD64 with crossgen2's Linux bits mixed in.</summary>
    private const Machine LinuxX64ReadyToRun = (Machine)((ushort)Machine.Amd64 ^ 0x7B79);

    [Test]
    public void Generator_analyzer_and_build_task_are_ReadyToRun_images_that_keep_their_IL()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Assert.Ignore($"ReadyToRun images are packed on linux-x64 only; this pack ran on {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}.");
        }

        using ZipArchive zip = ZipFile.OpenRead(_nupkgPath);
        Assert.Multiple(() =>
        {
            foreach (string entry in new[] { "analyzers/dotnet/cs/Bindgen.Generator.dll", "analyzers/dotnet/cs/Bindgen.Analyzers.dll", "build/Bindgen.Build.Tasks.dll" })
            {
                using PEReader pe = OpenImage(zip, entry);
                CorHeader cor = pe.PEHeaders.CorHeader!;
                Assert.That(cor.ManagedNativeHeaderDirectory.Size, Is.Positive, $"{entry}: no ReadyToRun header");
                Assert.That(cor.Flags & CorFlags.ILLibrary, Is.EqualTo(CorFlags.ILLibrary), $"{entry}: flags {cor.Flags}");
                Assert.That(pe.PEHeaders.CoffHeader.Machine, Is.EqualTo(LinuxX64ReadyToRun), $"{entry}: machine");
                Assert.That(MethodBodies(pe), Is.Positive, $"{entry}: the IL is kept, for the JIT on other platforms");
            }

            // Loaded only by editors; not worth the package's size.
            using PEReader codeFixes = OpenImage(zip, "analyzers/dotnet/cs/Bindgen.CodeFixes.dll");
            Assert.That(codeFixes.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, Is.Zero, "Bindgen.CodeFixes.dll is IL only");
        });
    }

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

    private static PEReader OpenImage(ZipArchive zip, string entry)
    {
        var image = new MemoryStream();
        using (Stream stream = zip.GetEntry(entry)!.Open())
        {
            stream.CopyTo(image);
        }

        image.Position = 0;
        return new PEReader(image);
    }

    private static int MethodBodies(PEReader pe)
    {
        MetadataReader reader = pe.GetMetadataReader();
        return reader.MethodDefinitions.Count(m => reader.GetMethodDefinition(m).RelativeVirtualAddress != 0);
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
