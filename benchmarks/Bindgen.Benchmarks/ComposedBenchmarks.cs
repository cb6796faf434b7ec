using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Wasmtime;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Benchmarks;

/// <summary>
/// A composed component (tests/guests/compose.component.wasm): a string call from the host into a UTF-8 caller
/// component, through its import into a UTF-16 callee component and back, on Bindgen's fused adapters and on
/// Wasmtime.Components' (the baseline) on the same component; and the same call straight into the UTF-16 callee.
/// Short strings only: the guests' bump allocators never free. Interleaved mode only.
/// </summary>
public sealed class ComposedScenarios() : ComponentScenarioBase("composed")
{

    public IEnumerable<Interleaved.Scenario> Scenarios()
    {
        Component component = LoadComponent("compose.component.wasm");
        var linker = Own(new ComponentLinker(Engine));
        ComponentInstance reference = linker.Instantiate(NewStore(), component);
        Components.Compose.Composed generated = Components.Compose.Composed.Instantiate(Engine, NewStore(), GuestMemoryOptions.Unchecked);
        ComponentFunction composed = reference.GetFunction("local:compose/utf8-to-utf16@0.1.0", "echo")!;
        ComponentFunction direct = reference.GetFunction("local:compose/text-utf16@0.1.0", "echo")!;
        foreach (string text in new[] { "sixteen ascii ch", "sechzehn Zeichen ü Ω 😀" })
        {
            Check(generated.Utf8ToUtf16.Echo(text) == composed.Call(CV.String(text))!.AsString() && generated.TextUtf16.Echo(text) == direct.Call(CV.String(text))!.AsString(), "echo");
            string label = text.All(c => c < 128) ? "16 ASCII chars" : "non-ASCII and astral";
            yield return new Interleaved.Scenario($"composed echo utf8->utf16, {label}",
                [new Interleaved.Variant("Components", () => composed.Call(CV.String(text))), new Interleaved.Variant("Generated", () => generated.Utf8ToUtf16.Echo(text))]);
            yield return new Interleaved.Scenario($"composed direct utf16 echo, {label}",
                [new Interleaved.Variant("Components", () => direct.Call(CV.String(text))), new Interleaved.Variant("Generated", () => generated.TextUtf16.Echo(text))]);
        }
    }
}
