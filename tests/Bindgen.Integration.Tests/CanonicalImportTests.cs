using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using Wasmtime;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Integration.Tests.Canonical;

/// <summary>The host side of host.wit's <c>host</c> interface, under the canonical ABI.</summary>
[WasmImports("local:host-demo/host@1.0.0", Abi = WasmAbi.Canonical, ClassName = "DemoHostBinding")]
public interface IDemoHost
{
    string Greet(string name);

    string[] Split(string text);

    uint Tally(Entry?[] items, string? extra);

    int Add(int a, int b);
}

/// <summary>host.wit's <c>run</c> exports, each forwarding to one import.</summary>
[WasmModule(Abi = WasmAbi.Canonical, Interface = "local:host-demo/run@1.0.0")]
public interface IRunGuest
{
    string CallGreet(string name);

    string[] CallSplit(string text);

    uint CallTally(Entry?[] items, string? extra);

    int CallAdd(int a, int b);
}

/// <summary>A host whose results need one cabi_realloc per element (Split), so lowering them moves memory under relocation.</summary>
public sealed class DemoHost : IDemoHost
{
    public string? LastExtra { get; private set; }

    public string Greet(string name) => "Hello, " + name + "!";

    public string[] Split(string text) => text.Split(' ');

    public uint Tally(Entry?[] items, string? extra)
    {
        LastExtra = extra;
        return (uint)items.Sum(e => e is null ? 1000 : e.Values.Sum(v => (long)v) + e.Name.Length);
    }

    public int Add(int a, int b) => a + b;
}

/// <summary>Canonical-ABI imports: arguments lifted from guest memory, results lowered with the guest's cabi_realloc.</summary>
[TestFixture(EngineSetting.Default, "canonical_imports")]
[TestFixture(EngineSetting.Default, "canonical_imports_growing")]
[TestFixture(EngineSetting.Relocating, "canonical_imports")]
[TestFixture(EngineSetting.Relocating, "canonical_imports_growing")]
public sealed class CanonicalImportTests : GuestFixture
{
    private readonly string _guest;

    public CanonicalImportTests(EngineSetting setting, string guest)
        : base(setting) => _guest = guest;

    private (RunGuest Run, DemoHost Host) Bind()
    {
        var host = new DemoHost();
        using var linker = new Linker(Engine);
        DemoHostBinding.Define(linker, host, Options);
        return (new RunGuest(linker.Instantiate(NewStore(), ModuleOf(_guest)), Options), host);
    }

    [Test]
    public void Strings_in_and_out()
    {
        (RunGuest run, _) = Bind();
        Assert.That(run.CallGreet("Wörld 😀"), Is.EqualTo("Hello, Wörld 😀!"));
        Assert.That(run.CallAdd(40, 2), Is.EqualTo(42));
    }

    [Test]
    public void One_registration_serves_instances_of_one_store_and_of_several_stores_in_turn()
    {
        // The import glue remembers the last caller's memory and cabi_realloc: results lowered for one instance
        // must land in that instance's memory, whichever instance called before.
        var host = new DemoHost();
        using var linker = new Linker(Engine);
        DemoHostBinding.Define(linker, host, Options);
        Store shared = NewStore();
        RunGuest[] runs =
        [
            new RunGuest(linker.Instantiate(shared, ModuleOf(_guest)), Options),
            new RunGuest(linker.Instantiate(shared, ModuleOf(_guest)), Options),
            new RunGuest(linker.Instantiate(NewStore(), ModuleOf(_guest)), Options),
        ];

        for (int round = 0; round < 12; round++)
        {
            int index = (round * 5) % runs.Length;
            string name = $"instance {index}, round {round}: Wörld";
            Assert.That(runs[index].CallGreet(name), Is.EqualTo("Hello, " + name + "!"));
            Assert.That(runs[index].CallSplit(name), Is.EqualTo(name.Split(' ')));
        }
    }

    [Test]
    public void A_list_of_strings_result_is_lowered_with_one_realloc_per_element()
    {
        (RunGuest run, _) = Bind();
        string text = string.Join(' ', Enumerable.Range(0, 40).Select(i => "w" + i + new string('ä', i)));
        Assert.That(run.CallSplit(text), Is.EqualTo(text.Split(' ')));
    }

    [Test]
    public void Nested_arguments_are_lifted()
    {
        (RunGuest run, DemoHost host) = Bind();
        Entry?[] items = { new Entry("ab", new uint[] { 1, 2 }), null, new Entry(string.Empty, Array.Empty<uint>()) };
        Assert.That(run.CallTally(items, "extra ✓"), Is.EqualTo(2u + 3u + 1000u));
        Assert.That(host.LastExtra, Is.EqualTo("extra ✓"));
        Assert.That(run.CallTally(Array.Empty<Entry?>(), null), Is.EqualTo(0u));
        Assert.That(host.LastExtra, Is.Null);
    }

    [Test]
    public void A_failing_implementation_surfaces_as_the_host_exception()
    {
        var linker = new Linker(Engine);
        DemoHostBinding.Define(linker, new ThrowingHost(), Options);
        var run = new RunGuest(linker.Instantiate(NewStore(), ModuleOf(_guest)), Options);
        linker.Dispose();
        var e = Assert.Throws<HostImportException>(() => run.CallGreet("x"))!;
        Assert.That(e.InnerException, Is.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void Results_match_Wasmtime_Components_running_the_same_component()
    {
        (RunGuest run, _) = Bind();
        var host = new DemoHost();
        using Component component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf(_guest + ".component")));
        using var linker = new ComponentLinker(Engine);
        using (ComponentLinkerInstance root = linker.Root())
        using (ComponentLinkerInstance imports = root.AddInstance("local:host-demo/host@1.0.0"))
        {
            imports.DefineFunction("greet", (args, results) => results[0] = CV.String(host.Greet(args[0].AsString())));
            imports.DefineFunction("split", (args, results) => results[0] = CV.List(host.Split(args[0].AsString()).Select(CV.String).ToArray()));
            imports.DefineFunction("tally", (args, results) => results[0] = CV.U32(host.Tally(
                args[0].AsList().Select(v => v.IsSome ? new Entry(v.Payload!.Field("name").AsString(), v.Payload!.Field("values").AsList().Select(x => x.AsU32()).ToArray()) : null).ToArray(),
                args[1].IsSome ? args[1].Payload!.AsString() : null)));
            imports.DefineFunction("add", (args, results) => results[0] = CV.S32(host.Add(args[0].AsS32(), args[1].AsS32())));
        }

        ComponentInstance instance = linker.Instantiate(NewStore(), component);
        ComponentFunction F(string name) => instance.GetFunction("local:host-demo/run@1.0.0", name)!;
        string text = "one two  three ü 😀";
        Assert.That(run.CallGreet("Wörld"), Is.EqualTo(F("call-greet").Call(CV.String("Wörld"))!.AsString()));
        Assert.That(run.CallSplit(text), Is.EqualTo(F("call-split").Call(CV.String(text))!.AsList().Select(v => v.AsString()).ToArray()));
        Entry?[] items = { new Entry("ab", new uint[] { 1, 2 }), null };
        CV list = CV.List(items.Select(e => e is null ? CV.None() : CV.Some(CV.Record(new[]
        {
            new KeyValuePair<string, CV>("name", CV.String(e.Name)),
            new KeyValuePair<string, CV>("values", CV.List(e.Values.Select(CV.U32).ToArray())),
        }))).ToArray());
        Assert.That(run.CallTally(items, "x"), Is.EqualTo(F("call-tally").Call(list, CV.Some(CV.String("x")))!.AsU32()));
        Assert.That(run.CallAdd(-5, 7), Is.EqualTo(F("call-add").Call(CV.S32(-5), CV.S32(7))!.AsS32()));
    }

    private sealed class ThrowingHost : IDemoHost
    {
        public string Greet(string name) => throw new InvalidOperationException("no greeting");

        public string[] Split(string text) => throw new InvalidOperationException();

        public uint Tally(Entry?[] items, string? extra) => throw new InvalidOperationException();

        public int Add(int a, int b) => throw new InvalidOperationException();
    }
}
