using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Wasmtime;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Benchmarks;

/// <summary>
/// Components bound from their binaries (<c>BindgenComponent</c> items: canonical.component.wasm and
/// nested.component.wasm) against Wasmtime.Components' dynamic Call on the same components, and against today's
/// hand-declared <c>[WasmModule(Abi = WasmAbi.Canonical)]</c> binding of the same core module (the baseline: what the
/// generated world class adds on top is the re-entrance and poison gate). Interleaved mode only.
/// </summary>
public sealed class ComponentScenarios : IDisposable
{
    private const string Text = "local:demo/text@1.0.0";
    private readonly Engine _engine = new();
    private readonly List<IDisposable> _owned = new();

    public IEnumerable<Interleaved.Scenario> Scenarios()
    {
        Store Store()
        {
            var store = new Store(_engine);
            _owned.Add(store);
            return store;
        }

        Component Load(string file)
        {
            var component = Component.FromBytes(_engine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "components", file)));
            _owned.Add(component);
            return component;
        }

        var linker = new ComponentLinker(_engine);
        _owned.Add(linker);
        ComponentInstance text = linker.Instantiate(Store(), Load("canonical.component.wasm"));
        ComponentInstance nested = linker.Instantiate(Store(), Load("nested.component.wasm"));
        ComponentFunction echoString = text.GetFunction(Text, "echo-string")!, echoBytes = text.GetFunction(Text, "echo-bytes")!;
        ComponentFunction add = nested.GetFunction("local:nested/math@0.1.0", "add")!;
        var module = Module.FromBytes(_engine, "canonical", Resource("canonical.wasm"));
        _owned.Add(module);
        CanonicalBench declared = CanonicalBench.Instantiate(Store(), module, GuestMemoryOptions.Unchecked);
        Components.Text.Canonical generated = Components.Text.Canonical.Instantiate(_engine, Store(), GuestMemoryOptions.Unchecked);
        Components.Nested.Nested math = Components.Nested.Nested.Instantiate(_engine, Store(), GuestMemoryOptions.Unchecked);

        string s16 = new('ü', 16);
        byte[] kib4 = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        Check(math.Math.Add(40, 2) == add.Call(CV.U32(40), CV.U32(2))!.AsU32(), "add");
        Check(generated.Text.EchoString(s16) == echoString.Call(CV.String(s16))!.AsString() && declared.EchoString(s16) == s16, "echo-string");
        Check(generated.Text.EchoBytes(kib4).AsSpan().SequenceEqual(echoBytes.Call(CV.List(kib4.Select(CV.U8).ToArray()))!.AsList().Select(v => v.AsU8()).ToArray()), "echo-bytes");

        // add has no hand-declared counterpart (the nested component's two core modules): the generated binding is its baseline.
        yield return new Interleaved.Scenario("component add(u32, u32)",
            [new Interleaved.Variant("Generated", () => math.Math.Add(40, 2)), new Interleaved.Variant("Components", () => add.Call(CV.U32(40), CV.U32(2)))]);
        yield return new Interleaved.Scenario("component echo(string) 16 chars",
            [new Interleaved.Variant("Declared canonical", () => declared.EchoString(s16)), new Interleaved.Variant("Generated", () => generated.Text.EchoString(s16)),
             new Interleaved.Variant("Components", () => echoString.Call(CV.String(s16)))]);
        yield return new Interleaved.Scenario("component echo-bytes 4 KiB",
            [new Interleaved.Variant("Declared canonical", () => declared.EchoBytes(kib4)), new Interleaved.Variant("Generated", () => generated.Text.EchoBytes(kib4)),
             new Interleaved.Variant("Components", () => echoBytes.Call(CV.List(kib4.Select(CV.U8).ToArray()))!.AsList().Select(v => v.AsU8()).ToArray())]);
    }

    public void Dispose()
    {
        foreach (IDisposable owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        _engine.Dispose();
    }

    private static void Check(bool same, string what)
    {
        if (!same)
        {
            throw new InvalidOperationException($"component {what}: the paths disagree");
        }
    }

    private static byte[] Resource(string name)
    {
        using Stream stream = typeof(ComponentScenarios).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
