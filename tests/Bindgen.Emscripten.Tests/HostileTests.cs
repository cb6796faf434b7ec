using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Emscripten.Tests;

/// <summary>guests/hostile.wat: emscripten imports called with bad pointers, an import nothing provides, an imported memory.</summary>
[WasmModule(Initialize = "")]
public interface IHostile
{
    int Hello();

    int WriteVectorsOutOfBounds();

    int WriteBufferOutOfBounds();

    void LocaltimeOutOfBounds();

    int LocaltimeYear();

    int Grow(int requestedBytes);

    int Pages();

    void Abort();

    int CallMystery();

    void LogHello();
}

/// <summary>The one import of guests/hostile.wat the user provides: it reads the module's imported memory.</summary>
[WasmImports("host")]
public interface IHostileHost
{
    void Log(string message);
}

[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class HostileTests
{
    private readonly EngineSetting _setting;
    private Engine _engine = null!;
    private Module _module = null!;

    public HostileTests(EngineSetting setting) => _setting = setting;

    [SetUp]
    public void Compile()
    {
        _engine = Engines.Create(_setting);
        _module = Module.FromText(_engine, "hostile", File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "guests", "hostile.wat")));
    }

    [TearDown]
    public void Dispose()
    {
        _module.Dispose();
        _engine.Dispose();
    }

    [Test]
    public void The_memory_is_created_from_the_imports_limits_and_grows_through_resize_heap()
    {
        using var store = new Store(_engine);
        var output = new MemoryStream();
        EmscriptenImports.Configure(store, new EmscriptenImports { StandardOutput = output });
        Hostile guest = Hostile.Instantiate(Linked(store, out _), store, _module, GuestMemoryOptions.Checked);

        Assert.That(guest.Pages(), Is.EqualTo(2));
        Assert.That(guest.Hello(), Is.EqualTo(3));
        Assert.That(Encoding.UTF8.GetString(output.ToArray()), Is.EqualTo("hi\n"));
        Assert.That(guest.Grow(5 << 16), Is.EqualTo(1));
        Assert.That(guest.Pages(), Is.GreaterThanOrEqualTo(5));
        Assert.That(guest.Grow(11 << 16), Is.EqualTo(0), "beyond the import's maximum of 10 pages");
        Assert.That(guest.LocaltimeYear(), Is.EqualTo(71).Or.EqualTo(70), "1971 in UTC (1970 west of it)");
    }

    [Test]
    public void A_host_import_reads_the_imported_memory()
    {
        using var store = new Store(_engine);
        Hostile guest = Hostile.Instantiate(Linked(store, out List<string> logged), store, _module, GuestMemoryOptions.Checked);

        guest.LogHello();

        Assert.That(logged, Is.EqualTo(new[] { "hello from the guest" }));
    }

    [Test]
    public void The_memory_the_user_gives_is_the_one_the_instance_uses()
    {
        using var store = new Store(_engine);
        var memory = new Memory(store, 3, 10);
        Linker linker = Linked(store, out _);
        linker.Define("env", "memory", memory);

        Hostile guest = Hostile.Instantiate(linker, store, _module);

        Assert.That(guest.Pages(), Is.EqualTo(3));
        Assert.That(guest.Grow(4 << 16), Is.EqualTo(1));
        Assert.That(memory.GetSize(), Is.GreaterThanOrEqualTo(4));
    }

    [TestCase(1L, 10L, "at least 2 pages")]
    [TestCase(2L, null, "no maximum")]
    [TestCase(2L, 20L, "a maximum of 20")]
    public void A_memory_of_the_wrong_limits_is_refused_naming_the_import(long pages, long? maximum, string problem)
    {
        using var store = new Store(_engine);
        Linker linker = Linked(store, out _);
        linker.Define("env", "memory", new Memory(store, pages, maximum));

        var e = Assert.Throws<ImportedMemoryException>(() => Hostile.Instantiate(linker, store, _module))!;

        Assert.That(e.Import, Is.EqualTo("'env'.'memory'"));
        Assert.That(e.Message, Does.Contain(problem).And.Contain("IHostile"));
    }

    [Test]
    public void Out_of_bounds_pointers_to_emscripten_imports_are_typed_exceptions_naming_the_import()
    {
        using var store = new Store(_engine);
        EmscriptenImports.Configure(store, new EmscriptenImports { StandardOutput = null });
        Hostile guest = Hostile.Instantiate(Linked(store, out _), store, _module, GuestMemoryOptions.Checked);

        var vectors = Assert.Throws<GuestPointerOutOfBoundsException>(() => guest.WriteVectorsOutOfBounds())!;
        Assert.That(vectors.Operation, Is.EqualTo("emscripten import 'wasi_snapshot_preview1'.'fd_write'"));
        Assert.That(vectors.Address, Is.EqualTo(0xFFFFFFF0u));

        var buffer = Assert.Throws<GuestPointerOutOfBoundsException>(() => guest.WriteBufferOutOfBounds())!;
        Assert.That(buffer.Address, Is.EqualTo(0x7FFFFFF0u));

        var tm = Assert.Throws<GuestPointerOutOfBoundsException>(() => guest.LocaltimeOutOfBounds())!;
        Assert.That(tm.Operation, Is.EqualTo("emscripten import 'env'.'_localtime_js'"));
        Assert.That(guest.Hello(), Is.EqualTo(3), "the instance is still usable after a refused call");
    }

    [Test]
    public void An_import_nothing_provides_throws_when_called_and_abort_is_typed()
    {
        using var store = new Store(_engine);
        Hostile guest = Hostile.Instantiate(Linked(store, out _), store, _module);

        var missing = Assert.Throws<UnresolvedImportException>(() => guest.CallMystery())!;
        Assert.That(missing.Import, Does.Contain("'env'.'mystery'"));
        Assert.That(missing.Signature, Is.EqualTo("(i32) -> i32"));

        var abort = Assert.Throws<GuestAbortException>(() => guest.Abort())!;
        Assert.That(abort.Import, Is.EqualTo("emscripten import 'env'.'_abort_js'"));
    }

    /// <summary>A linker with the user's one host import; every other import is the runtime's to complete.</summary>
    private Linker Linked(Store store, out List<string> logged)
    {
        var linker = new Linker(_engine);
        var host = new Host();
        logged = host.Logged;
        HostileHost.Define(linker, host);
        return linker;
    }

    private sealed class Host : IHostileHost
    {
        public List<string> Logged { get; } = new();

        public void Log(string message) => Logged.Add(message);
    }
}
