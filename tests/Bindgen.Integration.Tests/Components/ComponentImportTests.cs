using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using Wasmtime.Components;
using Imports = Bindgen.Integration.Tests.Components.Imports;
using Nested = Bindgen.Integration.Tests.Components.Nested;
using WorldLevel = Bindgen.Integration.Tests.Components.World;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// canonical_imports.component.wasm (wit-component's layout for a module with imports: a shim module whose table the
/// fixup module fills with the lowered imports once the main module's memory exists) and nested.component.wasm (a
/// nested component reaching its modules through outer aliases; two core instances sharing one memory), bound from the
/// binaries alone, compared with Wasmtime.Components; imports call the user's C# implementation, re-entrance is refused.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ComponentImportTests : GuestFixture
{
    public ComponentImportTests(EngineSetting setting)
        : base(setting)
    {
    }

    /// <summary>The generated IHost, implemented by the user; Split's result needs one cabi_realloc per element.</summary>
    private sealed class Host : Imports.IHost
    {
        public Func<int, int, int>? OnAdd { get; set; }

        public string? LastExtra { get; private set; }

        public string Greet(string name) => "Hello, " + name + "!";

        public string[] Split(string text) => text.Split(' ');

        public uint Tally(Imports.IHost.Entry?[] items, string? extra)
        {
            LastExtra = extra;
            return (uint)items.Sum(e => e is null ? 1000 : e.Values.Sum(v => (long)v) + e.Name.Length);
        }

        public int Add(int a, int b) => OnAdd is { } add ? add(a, b) : a + b;
    }

    private ComponentInstance Reference(string file, Host host, out ComponentLinker linker, out Component component)
    {
        component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf(file)));
        linker = new ComponentLinker(Engine);
        using (ComponentLinkerInstance root = linker.Root())
        using (ComponentLinkerInstance imports = root.AddInstance("local:host-demo/host@1.0.0"))
        {
            imports.DefineFunction("greet", (args, results) => results[0] = CV.String(host.Greet(args[0].AsString())));
            imports.DefineFunction("split", (args, results) => results[0] = CV.List(host.Split(args[0].AsString()).Select(CV.String).ToArray()));
            imports.DefineFunction("tally", (args, results) => results[0] = CV.U32(host.Tally(
                args[0].AsList().Select(v => v.IsSome ? new Imports.IHost.Entry(v.Payload!.Field("name").AsString(), v.Payload!.Field("values").AsList().Select(x => x.AsU32()).ToArray()) : null).ToArray(),
                args[1].IsSome ? args[1].Payload!.AsString() : null)));
            imports.DefineFunction("add", (args, results) => results[0] = CV.S32(host.Add(args[0].AsS32(), args[1].AsS32())));
        }

        return linker.Instantiate(NewStore(), component);
    }

    [Test]
    public void Imports_lowered_through_the_shim_and_fixup_give_what_Wasmtime_Components_gives()
    {
        var host = new Host();
        Imports.CanonicalImports generated = Imports.CanonicalImports.Instantiate(Engine, NewStore(), host, Options);
        ComponentInstance reference = Reference("canonical_imports.component", new Host(), out ComponentLinker linker, out Component component);
        using (linker)
        using (component)
        {
            ComponentFunction F(string name) => reference.GetFunction("local:host-demo/run@1.0.0", name)!;
            foreach (string text in new[] { "Wörld", string.Empty, "one two  three ü 😀", new string('x', 3000) + " y" })
            {
                Assert.That(generated.Run.CallGreet(text), Is.EqualTo(F("call-greet").Call(CV.String(text))!.AsString()));
                Assert.That(generated.Run.CallSplit(text), Is.EqualTo(F("call-split").Call(CV.String(text))!.AsList().Select(v => v.AsString()).ToArray()));
            }

            Imports.IHost.Entry?[] items = { new("ab", new uint[] { 1, 2 }), null, new(string.Empty, Array.Empty<uint>()) };
            CV list = CV.List(items.Select(e => e is null ? CV.None() : CV.Some(CV.Record(new[]
            {
                new KeyValuePair<string, CV>("name", CV.String(e.Name)),
                new KeyValuePair<string, CV>("values", CV.List(e.Values.Select(CV.U32).ToArray())),
            }))).ToArray());
            Assert.That(generated.Run.CallTally(items, "x"), Is.EqualTo(F("call-tally").Call(list, CV.Some(CV.String("x")))!.AsU32()));
            Assert.That(host.LastExtra, Is.EqualTo("x"));
            Assert.That(generated.Run.CallTally(items, null), Is.EqualTo(F("call-tally").Call(list, CV.None())!.AsU32()));
            Assert.That(host.LastExtra, Is.Null);
            Assert.That(generated.Run.CallAdd(-5, 7), Is.EqualTo(F("call-add").Call(CV.S32(-5), CV.S32(7))!.AsS32()));
            Assert.That(generated.Run.CallAdd(int.MaxValue, 1), Is.EqualTo(F("call-add").Call(CV.S32(int.MaxValue), CV.S32(1))!.AsS32()));
        }
    }

    [Test]
    public void An_import_that_calls_back_into_the_instance_is_refused_and_poisons_it()
    {
        var host = new Host();
        Imports.CanonicalImports generated = Imports.CanonicalImports.Instantiate(Engine, NewStore(), host, Options);
        host.OnAdd = (a, b) => generated.Run.CallAdd(a, b);
        // The refusal inside the import becomes a trap in the guest, which surfaces in the outer call as itself.
        var e = Assert.Throws<ComponentReentranceException>(() => generated.Run.CallAdd(1, 2))!;
        Assert.That((e.Operation, e.Running), Is.EqualTo(("IRun.CallAdd", "IRun.CallAdd")));
        Assert.That(e.Message, Does.Contain("re-entrant"));
        host.OnAdd = null;
        Assert.Throws<ComponentPoisonedException>(() => generated.Run.CallAdd(1, 2));

        // Wasmtime refuses the same re-entrance.
        var referenceHost = new Host();
        ComponentInstance reference = Reference("canonical_imports.component", referenceHost, out ComponentLinker linker, out Component component);
        using (linker)
        using (component)
        {
            ComponentFunction add = reference.GetFunction("local:host-demo/run@1.0.0", "call-add")!;
            referenceHost.OnAdd = (a, b) => add.Call(CV.S32(a), CV.S32(b))!.AsS32();
            Assert.Catch(() => add.Call(CV.S32(1), CV.S32(2)));
        }
    }

    [Test]
    public void An_import_that_throws_surfaces_in_the_export_and_poisons_the_instance()
    {
        var host = new Host { OnAdd = (_, _) => throw new InvalidOperationException("no adding today") };
        Imports.CanonicalImports generated = Imports.CanonicalImports.Instantiate(Engine, NewStore(), host, Options);
        Assert.That(generated.Run.CallGreet("x"), Is.EqualTo("Hello, x!"));
        var e = Assert.Throws<HostImportException>(() => generated.Run.CallAdd(1, 2))!;
        Assert.That(e.InnerException!.Message, Is.EqualTo("no adding today"));
        Assert.Throws<ComponentPoisonedException>(() => generated.Run.CallGreet("x"));
    }

    [Test]
    public void A_nested_component_with_a_memory_shared_by_two_core_instances_gives_what_Wasmtime_Components_gives()
    {
        Nested.NestedMath generated = Nested.NestedMath.Instantiate(Engine, NewStore(), Options);
        using Component component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("nested.component")));
        using var linker = new ComponentLinker(Engine);
        ComponentInstance reference = linker.Instantiate(NewStore(), component);
        ComponentFunction F(string name) => reference.GetFunction("local:nested/math@0.1.0", name)!;
        Assert.That(generated.Math.Add(40, 2), Is.EqualTo(F("add").Call(CV.U32(40), CV.U32(2))!.AsU32()));
        Assert.That(generated.Math.Add(uint.MaxValue, 2), Is.EqualTo(F("add").Call(CV.U32(uint.MaxValue), CV.U32(2))!.AsU32()));
        foreach (string s in new[] { string.Empty, "ü😀", new string('z', 10_000) })
        {
            // The string is written with the first instance's realloc into the memory both instances share.
            Assert.That(generated.Math.Len(s), Is.EqualTo(F("len").Call(CV.String(s))!.AsU32()));
        }

        CV origin = F("origin").Call()!;
        Nested.IMath.Point point = generated.Math.Origin();
        Assert.That((point.X, point.Y), Is.EqualTo((origin.Field("x").AsS32(), origin.Field("y").AsS32())));
        Assert.That(point, Is.EqualTo(new Nested.IMath.Point(-3, 7)));
    }

    private sealed class WorldHost : WorldLevel.IWorldImports
    {
        public List<string> Logged { get; } = new();

        public void Log(string msg) => Logged.Add(msg);

        public uint Scale(uint x) => unchecked(x * 3);
    }

    [Test]
    public void World_level_imports_and_exports_are_an_imports_interface_and_methods_of_the_world_class()
    {
        var host = new WorldHost();
        WorldLevel.World generated = WorldLevel.World.Instantiate(Engine, NewStore(), host, Options);
        var referenceHost = new WorldHost();
        using Component component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("world.component")));
        using var linker = new ComponentLinker(Engine);
        using (ComponentLinkerInstance root = linker.Root())
        {
            root.DefineFunction("log", (args, _) => referenceHost.Log(args[0].AsString()));
            root.DefineFunction("scale", (args, results) => results[0] = CV.U32(referenceHost.Scale(args[0].AsU32())));
        }

        ComponentFunction run = linker.Instantiate(NewStore(), component).GetFunction("run")!;
        foreach (uint x in new[] { 0u, 14u, uint.MaxValue })
        {
            Assert.That(generated.Run(x), Is.EqualTo(run.Call(CV.U32(x))!.AsU32()));
        }

        Assert.That(host.Logged, Is.EqualTo(referenceHost.Logged));
        Assert.That(host.Logged, Is.EqualTo(new[] { "run called", "run called", "run called" }));
        Assert.That(generated, Is.InstanceOf<WorldLevel.IWorldExports>());
    }
}
