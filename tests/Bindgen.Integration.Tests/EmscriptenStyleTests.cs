using System;
using System.Linq;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>tests/guests/emscripten_style.wasm: minified names, a constructor export, one-letter functions.</summary>
[WasmModule(Memory = "c", Malloc = "f", Free = "g", Initialize = "d")]
public interface IEmscriptenStyle
{
    [WasmExport("h")]
    int Checksum(ReadOnlySpan<byte> data);

    [WasmExport("i")]
    string Letters(int count);

    [WasmExport("j")]
    int LiveAllocations();
}

/// <summary>The same module bound without running its constructor.</summary>
[WasmModule(Memory = "c", Malloc = "f", Free = "g", Initialize = "")]
public interface IEmscriptenStyleUninitialized
{
    [WasmExport("h")]
    int Checksum(ReadOnlySpan<byte> data);
}

/// <summary>The two imports the module needs from "env", as emscripten's JS would provide them.</summary>
[WasmImports("env", Memory = "c")]
public interface IEmscriptenEnv
{
    /// <summary>Grows the heap to at least <paramref name="requestedSize"/> bytes; 1 on success, 0 when refused.</summary>
    [WasmImport("emscripten_resize_heap")]
    int ResizeHeap(ImportContext context, int requestedSize);

    /// <summary>The program aborted.</summary>
    [WasmImport("_abort_js")]
    void Abort();
}

/// <summary>
/// An emscripten-shaped module bound by listing its exports with the module's own names: no glue but the two
/// imports, in both engine configurations (the heap grows, and moves, only through the host's resize_heap).
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class EmscriptenStyleTests : GuestFixture
{
    private EnvHost _env = null!;
    private Linker _linker = null!;

    public EmscriptenStyleTests(EngineSetting setting)
        : base(setting)
    {
    }

    [SetUp]
    public void Link()
    {
        _env = new EnvHost();
        _linker = new Linker(Engine);
        EmscriptenEnv.Define(_linker, _env, Options);
    }

    [TearDown]
    public void DisposeLinker() => _linker.Dispose();

    [Test]
    public void Minified_names_a_constructor_and_a_host_grown_heap()
    {
        var module = EmscriptenStyle.Instantiate(_linker, NewStore(), ModuleOf("emscripten_style"), Options);
        int live = module.LiveAllocations();

        byte[] data = Enumerable.Range(0, 3 << 20).Select(i => (byte)i).ToArray();
        Assert.That(module.Checksum(data), Is.EqualTo(data.Sum(b => b)));
        Assert.That(_env.Resizes, Is.GreaterThan(0), "the allocator asked the host for heap");

        string letters = module.Letters(70_000);
        Assert.That(letters, Has.Length.EqualTo(70_000));
        Assert.That(letters[..28], Is.EqualTo("abcdefghijklmnopqrstuvwxyzab"));
        Assert.That(module.Letters(0), Is.Empty);
        Assert.That(module.LiveAllocations(), Is.EqualTo(live));
    }

    [Test]
    public void Without_its_constructor_the_module_aborts_through_the_host()
    {
        var module = EmscriptenStyleUninitialized.Instantiate(_linker, NewStore(), ModuleOf("emscripten_style"), Options);
        var e = Assert.Throws<HostImportException>(() => module.Checksum(new byte[] { 1 }))!;
        Assert.That(e.Message, Does.Contain("Abort").And.Contain("Checksum"));
    }

    private sealed class EnvHost : IEmscriptenEnv
    {
        public int Resizes { get; private set; }

        public int ResizeHeap(ImportContext context, int requestedSize)
        {
            Wasmtime.Memory memory = context.Memory.Memory;
            long pages = ((long)(uint)requestedSize + 0xFFFF) >> 16;
            long grow = pages - memory.GetSize();
            if (grow <= 0)
            {
                return 1;
            }

            Resizes++;
            return memory.Grow(grow) >= 0 ? 1 : 0;
        }

        public void Abort() => throw new InvalidOperationException("abort() called");
    }
}
