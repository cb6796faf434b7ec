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
public sealed class ComponentScenarios() : ComponentScenarioBase("component")
{
    private const string Text = "local:demo/text@1.0.0";

    public IEnumerable<Interleaved.Scenario> Scenarios()
    {
        var linker = Own(new ComponentLinker(Engine));
        ComponentInstance text = linker.Instantiate(NewStore(), LoadComponent("canonical.component.wasm"));
        ComponentInstance nested = linker.Instantiate(NewStore(), LoadComponent("nested.component.wasm"));
        ComponentFunction echoString = text.GetFunction(Text, "echo-string")!, echoBytes = text.GetFunction(Text, "echo-bytes")!;
        ComponentFunction add = nested.GetFunction("local:nested/math@0.1.0", "add")!;
        var module = Own(Module.FromBytes(Engine, "canonical", Resource("canonical.wasm")));
        CanonicalBench declared = CanonicalBench.Instantiate(NewStore(), module, GuestMemoryOptions.Unchecked);
        Components.Text.Canonical generated = Components.Text.Canonical.Instantiate(Engine, NewStore(), GuestMemoryOptions.Unchecked);
        Components.Nested.Nested math = Components.Nested.Nested.Instantiate(Engine, NewStore(), GuestMemoryOptions.Unchecked);

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

    private static byte[] Resource(string name)
    {
        using Stream stream = typeof(ComponentScenarios).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
