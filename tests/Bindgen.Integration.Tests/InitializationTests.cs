using System;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>WASI reactors and named initializers: run once, before any export; missing imports explained.</summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class InitializationTests : GuestFixture
{
    public InitializationTests(EngineSetting setting)
        : base(setting)
    {
    }

    [Test]
    public void A_reactor_is_initialized_before_its_first_export()
    {
        ReactorGuest reactor = NewReactor();
        Assert.That(reactor.Constructions(), Is.EqualTo(1));
        Assert.That(reactor.SquareOf(7), Is.EqualTo(49));
        int liveBefore = reactor.LiveAllocations();
        Assert.That(reactor.Greeting(), Is.EqualTo("Hello, reactor"));
        Assert.That(reactor.LiveAllocations(), Is.EqualTo(liveBefore));
    }

    [Test]
    public void A_second_binding_to_the_same_instance_does_not_initialize_again()
    {
        ReactorGuest first = NewReactor();
        var second = new ReactorGuest(first.Instance, Options);
        Assert.That(second.Constructions(), Is.EqualTo(1));
        Assert.That(second.SquareOf(3), Is.EqualTo(9));
    }

    [Test]
    public void A_named_initializer_runs_once_and_the_default_one_does_not()
    {
        Instance instance = Instantiate("custom_init");
        var guest = new CustomInitGuest(instance, Options);
        Assert.That(guest.Answer(), Is.EqualTo(42), "setup ran; _initialize (which sets -1) did not");
        Assert.That(guest.InitCount(), Is.EqualTo(1));
        Assert.That(new CustomInitGuest(instance, Options).InitCount(), Is.EqualTo(1));
    }

    [Test]
    public void Without_a_name_an_exported_initialize_runs()
    {
        var guest = new DefaultInitGuest(Instantiate("custom_init"), Options);
        Assert.That(guest.Answer(), Is.EqualTo(-1));
        Assert.That(guest.InitCount(), Is.Zero);
    }

    [Test]
    public void An_empty_name_turns_initialization_off()
    {
        var guest = new UninitializedGuest(Instantiate("custom_init"), Options);
        Assert.That(guest.Answer(), Is.Zero);
    }

    [Test]
    public void Modules_without_an_initializer_bind_as_before()
    {
        var types = new TypesGuest(Instantiate("types"), Options);
        Assert.That(types.AddI32(2, 3), Is.EqualTo(5));
    }

    [Test]
    public void A_named_initializer_that_is_missing_is_a_binding_error_with_a_suggestion()
    {
        var e = Assert.Throws<MissingExportException>(() => new MisnamedInitGuest(Instantiate("custom_init"), Options))!;
        Assert.That(e.ExportName, Is.EqualTo("set_up"));
        Assert.That(e.Suggestions, Does.Contain("setup"));
        Assert.That(e.Message, Does.Contain("did you mean 'setup'"));
    }

    [Test]
    public void A_trapping_initializer_is_a_typed_error_naming_it()
    {
        var e = Assert.Throws<GuestTrapException>(() => new TrappingInitGuest(Instantiate("custom_init"), Options))!;
        Assert.That(e.Operation, Does.Contain("ITrappingInitGuest").And.Contain("'setup_traps'"));
        Assert.That(e.TrapCode, Is.EqualTo(TrapCode.Unreachable));
    }

    [Test]
    public void A_wasi_module_instantiated_without_a_linker_says_how_to_provide_wasi()
    {
        var e = Assert.Throws<MissingImportsException>(() => ReactorGuest.Instantiate(NewStore(), ModuleOf("reactor"), Options))!;
        Assert.That(e.NeedsWasi, Is.True);
        Assert.That(e.Missing, Does.Contain("wasi_snapshot_preview1.environ_get (function)"));
        Assert.That(e.Message, Does.Contain("linker.DefineWasi()").And.Contain("Instantiate(linker, store, module)"));
        Assert.That(e.Message, Does.Not.Contain("expected 3 imports"));
    }

    [Test]
    public void A_linker_without_wasi_gets_the_same_advice()
    {
        using var linker = new Linker(Engine);
        var e = Assert.Throws<MissingImportsException>(() => ReactorGuest.Instantiate(linker, NewStore(), ModuleOf("reactor"), Options))!;
        Assert.That(e.NeedsWasi, Is.True);
        Assert.That(e.Message, Does.Contain("linker.DefineWasi()"));
    }

    [Test]
    public void Unsatisfied_host_imports_are_listed()
    {
        var e = Assert.Throws<MissingImportsException>(() => ImportsGuest.Instantiate(NewStore(), ModuleOf("imports"), Options))!;
        Assert.That(e.NeedsWasi, Is.False);
        Assert.That(e.Missing, Does.Contain("host.log (function)").And.Contain("host.upper (function)"));

        using var linker = new Linker(Engine);
        linker.DefineFunction("host", "log", (int address, int length) => { });
        var viaLinker = Assert.Throws<MissingImportsException>(() => ImportsGuest.Instantiate(linker, NewStore(), ModuleOf("imports"), Options))!;
        Assert.That(viaLinker.Missing, Does.Not.Contain("host.log (function)").And.Contain("host.upper (function)"));
    }

    private ReactorGuest NewReactor()
    {
        using var linker = new Linker(Engine);
        linker.DefineWasi();
        Store store = NewStore();
        store.SetWasiConfiguration(new WasiConfiguration().WithEnvironmentVariable("BINDGEN_GREETING", "reactor"));
        return ReactorGuest.Instantiate(linker, store, ModuleOf("reactor"), Options);
    }
}
