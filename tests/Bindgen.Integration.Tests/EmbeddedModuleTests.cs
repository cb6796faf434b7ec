using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Interfaces bound with [WasmModule(File = ...)] load their module from the assembly, where the project's
/// BindgenModule items embedded it: no .wasm file is read, and each module is compiled once per engine.
/// </summary>
public sealed class EmbeddedModuleTests
{
    [Test]
    public void The_modules_are_embedded_under_their_file_names()
    {
        string[] resources = typeof(ITypesGuest).Assembly.GetManifestResourceNames();
        Assert.That(resources, Is.SupersetOf(new[] { "Bindgen.Modules/types.wasm", "Bindgen.Modules/imports.wasm" }));
    }

    [Test]
    public void Instantiate_with_an_engine_and_a_store_loads_the_embedded_module()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        TypesGuest guest = TypesGuest.Instantiate(engine, store);
        Assert.That(guest.AddI32(40, 2), Is.EqualTo(42));
        Assert.That(guest.ToUpper("embedded"), Is.EqualTo("EMBEDDED"));
    }

    [Test]
    public void The_linker_overload_instantiates_a_module_with_imports()
    {
        using var engine = new Engine();
        using var linker = new Linker(engine);
        using var store = new Store(engine);
        var host = new UpperHost();
        HostFunctions.Define(linker, host);
        ImportsGuest guest = ImportsGuest.Instantiate(linker, engine, store, GuestMemoryOptions.Checked);
        Assert.That(guest.CallUpper("wörld"), Is.EqualTo("WÖRLD"));
        Assert.That(guest.CallAdd(2, 3), Is.EqualTo(5));
        Assert.That(host.Calls, Is.EqualTo(2));
    }

    [Test]
    public void Without_a_linker_a_module_with_imports_names_them()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var e = Assert.Throws<MissingImportsException>(() => ImportsGuest.Instantiate(engine, store))!;
        Assert.That(e.Message, Does.Contain("host.upper"));
    }

    [Test]
    public void Each_module_is_compiled_once_per_engine_and_shared()
    {
        using var engine = new Engine();
        using var other = new Engine();
        Module first = TypesGuest.LoadModule(engine);
        Assert.That(TypesGuest.LoadModule(engine), Is.SameAs(first), "the same engine reuses the compiled module");
        Assert.That(EmbeddedModules.Get(engine, typeof(ITypesGuest).Assembly, "types.wasm"), Is.SameAs(first), "the helper and the generated class share it");
        Assert.That(TypesGuest.LoadModule(other), Is.Not.SameAs(first), "another engine compiles its own");
        Assert.That(ImportsGuest.LoadModule(engine), Is.Not.SameAs(first), "another module is another entry");

        // Two stores of one engine instantiate the one compiled module independently.
        using var storeA = new Store(engine);
        using var storeB = new Store(engine);
        TypesGuest a = TypesGuest.Instantiate(engine, storeA);
        TypesGuest b = TypesGuest.Instantiate(engine, storeB);
        a.Bump();
        a.Bump();
        b.Bump();
        Assert.That((a.BumpCount(), b.BumpCount()), Is.EqualTo((2, 1)));
    }

    [Test]
    public void A_module_the_assembly_does_not_embed_is_an_error_that_says_how_to_embed_it()
    {
        using var engine = new Engine();
        var e = Assert.Throws<InvalidOperationException>(() => EmbeddedModules.Get(engine, typeof(ITypesGuest).Assembly, "absent.wasm"))!;
        Assert.That(e.Message, Does.Contain("absent.wasm").And.Contain("<BindgenModule Include="));
    }

    [Test]
    public void Modules_are_loaded_concurrently_once()
    {
        using var engine = new Engine();
        var modules = new Module[8];
        System.Threading.Tasks.Parallel.For(0, modules.Length, i => modules[i] = ImportsGuest.LoadModule(engine));
        Assert.That(modules.Distinct().Count(), Is.EqualTo(1));
    }

    /// <summary>Implements the guest's imports; only Upper and Add are called here.</summary>
    private sealed class UpperHost : IHostFunctions
    {
        public int Calls { get; private set; }

        public void Log(string message) => Calls++;

        public int Add(int a, int b)
        {
            Calls++;
            return a + b;
        }

        public int Checksum(ReadOnlySpan<byte> data) => ++Calls;

        public void Fill(Span<byte> buffer, int value) => Calls++;

        public string Upper(string text)
        {
            Calls++;
            return text.ToUpperInvariant();
        }

        public byte[] MakeBytes(int length)
        {
            Calls++;
            return new byte[length];
        }

        public int Reenter(int n) => ++Calls;
    }
}
