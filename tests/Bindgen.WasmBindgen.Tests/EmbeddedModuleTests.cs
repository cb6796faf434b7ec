using System.Text;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// A wasm-bindgen binding with File = (ISnappy): instantiated from the module the build embedded, without a path,
/// it computes what the same binding over the package's .wasm loaded from node_modules computes.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class EmbeddedModuleTests(EngineSetting setting)
{
    [Test]
    public void The_embedded_module_instantiates_without_a_path_and_matches_the_loaded_one()
    {
        using Engine engine = Engines.Create(setting);
        using var embeddedStore = new Store(engine);
        using var loadedStore = new Store(engine);
        Snappy embedded = Snappy.Instantiate(engine, embeddedStore);
        Snappy loaded = Snappy.Instantiate(engine, loadedStore, Packages.Load(engine, "snappy-wasm/cjs/snappy_bg.wasm"));

        string text = new StringBuilder().Insert(0, "Wörld of snappy, ", 200).ToString();
        byte[] compressed = embedded.Compress(text);
        Assert.That(compressed, Is.EqualTo(loaded.Compress(text)));
        Assert.That(compressed.Length, Is.LessThan(Encoding.UTF8.GetByteCount(text) / 4), "the text is compressed");
        Assert.That(embedded.Decompress(compressed), Is.EqualTo(text));
        Assert.That(Snappy.LoadModule(engine), Is.SameAs(Snappy.LoadModule(engine)), "compiled once per engine");
    }
}
