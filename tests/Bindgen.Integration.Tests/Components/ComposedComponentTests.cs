using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using Wasmtime.Components;
using Compose = Bindgen.Integration.Tests.Components.Compose;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// compose.component.wasm (component/make-compose-wat.mjs): a composition of inner components, one per string
/// encoding as callee and one per encoding as caller, each caller linked to each callee, so Bindgen's fused adapters
/// transcode between every pair of encodings (and the callees' exports are lifted with utf16 and latin1+utf16 at the
/// host boundary). Each call is compared with Wasmtime.Components (which generates its own fused adapters) on the
/// same component: values, and which calls it refuses.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ComposedComponentTests : GuestFixture
{
    private static readonly string[] Encodings = { "utf8", "utf16", "latin1" };

    private static readonly string[] Texts =
    {
        string.Empty, "a", "ascii text", "Wörld, ÿ and ©", "Ωμέγα — €", "😀 astral 𝄞", "mixed ÿ then Ω then 😀",
        new string('q', 70_000), new string('\u00ff', 40_000), string.Concat(Enumerable.Repeat("Ω😀", 20_000)),
    };

    public ComposedComponentTests(EngineSetting setting)
        : base(setting)
    {
    }

    /// <summary>The three callees directly, then each caller-to-callee pair.</summary>
    public static IEnumerable<string> Interfaces() =>
        Encodings.Select(e => "text-" + e).Concat(Encodings.SelectMany(from => Encodings.Select(to => from + "-to-" + to)));

    [TestCaseSource(nameof(Interfaces))]
    public void Strings_lists_and_records_cross_the_composition_as_Wasmtime_Components_passes_them(string name)
    {
        Surface ours = Surface.Of(Compose.Composed.Instantiate(Engine, NewStore(), Options), name);
        using var reference = new Reference(Engine, NewStore());
        string wit = $"local:compose/{name}@0.1.0";
        foreach (string text in Texts)
        {
            Assert.That(ours.Echo(text), Is.EqualTo(reference.Call(wit, "echo", CV.String(text)).AsString()), $"echo of {text.Length} chars");
            Assert.That(ours.Echo(text), Is.EqualTo(text));
            Assert.That(ours.Units(text), Is.EqualTo(reference.Call(wit, "units", CV.String(text)).AsU32()), $"units of {Describe(text)}");
        }

        string[][] lists = { Array.Empty<string>(), new[] { string.Empty }, Texts.Take(7).ToArray(), Texts };
        foreach (string[] list in lists)
        {
            string[] expected = reference.Call(wit, "echo-list", CV.List(list.Select(CV.String).ToArray())).AsList().ToArray().Select(v => v.AsString()).ToArray();
            Assert.That(ours.EchoList(list), Is.EqualTo(expected));
            Assert.That(expected, Is.EqualTo(list));
        }

        foreach ((string person, string[] tags, uint age) in new[] { ("Zoë", new[] { "ÿ", "Ω", "😀" }, 41u), (string.Empty, Array.Empty<string>(), 0u), (Texts[9], Texts, uint.MaxValue) })
        {
            CV record = reference.Call(wit, "echo-person", CV.Record(new[]
            {
                new KeyValuePair<string, CV>("name", CV.String(person)),
                new KeyValuePair<string, CV>("tags", CV.List(tags.Select(CV.String).ToArray())),
                new KeyValuePair<string, CV>("age", CV.U32(age)),
            }));
            var expected = (record.Field("name").AsString(), record.Field("tags").AsList().ToArray().Select(v => v.AsString()).ToArray(), record.Field("age").AsU32());
            (string Name, string[] Tags, uint Age) actual = ours.EchoPerson(person, tags, age);
            Assert.That(actual.Name, Is.EqualTo(expected.Item1));
            Assert.That(actual.Tags, Is.EqualTo(expected.Item2));
            Assert.That(actual.Age, Is.EqualTo(expected.Item3));
            Assert.That(actual.Name, Is.EqualTo(person));
        }
    }

    /// <summary>Malformed strings from the callee (unpaired surrogates, out of bounds, misaligned, too long): refused by both, as a trap.</summary>
    [TestCaseSource(nameof(Interfaces))]
    public void Malformed_strings_are_refused_where_Wasmtime_Components_refuses_them(string name)
    {
        string wit = $"local:compose/{name}@0.1.0";
        for (uint kind = 0; kind < 6; kind++)
        {
            // Each call gets fresh instances: a trap leaves both unusable.
            Compose.Composed generated = Compose.Composed.Instantiate(Engine, NewStore(), Options);
            Surface ours = Surface.Of(generated, name);
            using var reference = new Reference(Engine, NewStore());
            string? expected = null;
            Exception? referenceError = null;
            try
            {
                expected = reference.Call(wit, "broken", CV.U32(kind)).AsString();
            }
            catch (Exception e)
            {
                referenceError = e;
            }

            // What the specification traps on, by the callee's encoding (see the script's data segment).
            bool refused = name.EndsWith("utf16", StringComparison.Ordinal) || (name.EndsWith("utf8", StringComparison.Ordinal) ? kind != 0 : kind >= 2);
            Assert.That(referenceError is not null, Is.EqualTo(refused), $"kind {kind}: Wasmtime.Components {(referenceError is null ? "gave a string" : "refused it")}");
            if (referenceError is null)
            {
                Assert.That(ours.Broken(kind), Is.EqualTo(expected), $"kind {kind}: Wasmtime.Components gave a string");
                continue;
            }

            BindgenException? error = Assert.Throws(Is.InstanceOf<BindgenException>(), () => ours.Broken(kind), $"kind {kind}: Wasmtime.Components refused it: {referenceError.Message}") as BindgenException;
            Assert.That(error!.Message, Does.Contain("broken"), "the exception names the call");
            Assert.Throws<ComponentPoisonedException>(() => ours.Echo("x"));
        }
    }

    [Test]
    public void A_host_string_with_an_unpaired_surrogate_is_refused_before_the_guest_runs_and_the_instance_stays_usable()
    {
        foreach (string name in Interfaces())
        {
            Surface ours = Surface.Of(Compose.Composed.Instantiate(Engine, NewStore(), Options), name);
            Assert.Throws<ArgumentException>(() => ours.Echo("bad \ud800 here"), name);
            Assert.That(ours.Echo("fine"), Is.EqualTo("fine"), name);
        }
    }

    /// <summary>The composition Bindgen refuses at build time (a handle moving between components) is a valid one: Wasmtime runs it.</summary>
    [Test]
    public void The_composition_passing_a_handle_that_Bindgen_refuses_is_valid_for_Wasmtime()
    {
        using Component component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("compose_handles.component")));
        using var linker = new ComponentLinker(Engine);
        ComponentInstance instance = linker.Instantiate(NewStore(), component);
        Assert.That(instance.GetFunction("run")!.Call()!.AsU32(), Is.EqualTo(1u), "the caller's first handle");
    }

    private static string Describe(string text) => text.Length > 40 ? $"{text.Length} chars starting '{text.Substring(0, 10)}'" : $"'{text}'";

    /// <summary>The same component on Wasmtime.Components.</summary>
    private sealed class Reference : IDisposable
    {
        private readonly Component _component;
        private readonly ComponentLinker _linker;
        private readonly ComponentInstance _instance;

        public Reference(Wasmtime.Engine engine, Wasmtime.Store store)
        {
            _component = Component.FromBytes(engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("compose.component")));
            _linker = new ComponentLinker(engine);
            _instance = _linker.Instantiate(store, _component);
        }

        public CV Call(string wit, string function, params CV[] arguments) => _instance.GetFunction(wit, function)!.Call(arguments)!;

        public void Dispose()
        {
            _linker.Dispose();
            _component.Dispose();
        }
    }

    /// <summary>
    /// One exported interface of the generated class, called through its C# interface (each has its own type, and
    /// its own person record, so the tests reach them by name).
    /// </summary>
    private sealed class Surface
    {
        private readonly object _target;
        private readonly Type _interface;

        private Surface(object target, Type type)
        {
            _target = target;
            _interface = type;
        }

        public static Surface Of(Compose.Composed composed, string name)
        {
            string property = string.Concat(name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
            PropertyInfo info = typeof(Compose.Composed).GetProperty(property) ?? throw new InvalidOperationException("no property " + property);
            return new Surface(info.GetValue(composed)!, info.PropertyType);
        }

        public string Echo(string text) => (string)Invoke("Echo", text);

        public uint Units(string text) => (uint)Invoke("Units", text);

        public string[] EchoList(string[] items) => (string[])Invoke("EchoList", new object[] { items });

        public string Broken(uint kind) => (string)Invoke("Broken", kind);

        public (string Name, string[] Tags, uint Age) EchoPerson(string name, string[] tags, uint age)
        {
            MethodInfo method = _interface.GetMethod("EchoPerson")!;
            Type person = method.ReturnType;
            object argument = Activator.CreateInstance(person, name, tags, age)!;
            object result = Invoke("EchoPerson", argument);
            return ((string)person.GetProperty("Name")!.GetValue(result)!, (string[])person.GetProperty("Tags")!.GetValue(result)!, (uint)person.GetProperty("Age")!.GetValue(result)!);
        }

        private object Invoke(string method, params object[] arguments)
        {
            try
            {
                return _interface.GetMethod(method)!.Invoke(_target, arguments)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
