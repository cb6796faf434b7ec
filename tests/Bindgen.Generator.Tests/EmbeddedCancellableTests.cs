using System.Linq;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// A binding whose module is embedded (<c>File = ...</c>) and whose methods take a <see cref="System.Threading.CancellationToken"/>:
/// the embedded-module factories and the cancellable constructors must fit together.
/// </summary>
public sealed class EmbeddedCancellableTests
{
    private const string DescriptionPath = "obj/Debug/net10.0/bindgen/worker.wasm.bindgen";

    private const string Description =
        "bindgen-module-description\t1\nfile\tworker.wasm\nsha256\t01\nexport\tmemory\tmemory\t1 -\n"
        + "export\tfunction\tmalloc\t(i32) -> i32\nexport\tfunction\tfree\t(i32) -> ()\n"
        + "export\tfunction\tadd\t(i32, i32) -> i32\nexport\tfunction\techo\t(i32, i32, i32) -> ()\n";

    [Test]
    public void File_and_a_CancellationToken_parameter_compile_and_keep_the_factories()
    {
        GenerationResult result = GeneratorHarness.Run(
            [new InMemoryAdditionalText(DescriptionPath, Description)],
            """
            using System.Threading;
            using Bindgen;
            namespace Demo.Bounded;

            [WasmModule(File = "worker.wasm")]
            public interface IWorker
            {
                int Add(int a, int b, CancellationToken token);
                string Echo(string text, CancellationToken cancellationToken);
            }

            public static class Use
            {
                public static int Run(Wasmtime.Engine engine, Wasmtime.Store store) =>
                    Worker.Instantiate(engine, store).Add(1, 2, CancellationToken.None);
            }
            """);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, result.Sources.Single().SourceText.ToString());
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("global::Bindgen.EmbeddedModules.Get(engine, typeof(Worker).Assembly, \"worker.wasm\")"));
    }
}
