using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bindgen.Internals;
using Wasmtime;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Benchmarks;

/// <summary>
/// Components that import WASI, against Wasmtime.Components with AddWasiPreview2 on the same component (the baseline):
/// wasi_app.component.wasm (C for WASI preview 1 with the adapter) through the preview-1 bypass, and
/// js_text.component.wasm (componentize-js) and the same C component whole (wasi_app_host) through Bindgen's WASI 0.2
/// host. One call, a 4 KiB stdout write, and an
/// instantiation (a new store each time). Interleaved mode only.
/// </summary>
public sealed class WasiScenarios() : ComponentScenarioBase("wasi")
{
    private const string App = "local:wasi-demo/app@1.0.0";
    private const string Text = "local:js-demo/text@1.0.0";

    public IEnumerable<Interleaved.Scenario> Scenarios()
    {
        Store Store(bool owned = true) => owned ? NewStore() : new Store(Engine);

        static WasiConfiguration Quiet() => new WasiConfiguration().WithStandardOutputCallback(_ => { }).WithStandardErrorCallback(_ => { });
        var wasi = new WasiOptions { StandardOutput = Stream.Null, StandardError = Stream.Null };
        Component app = LoadComponent("wasi_app.component.wasm");
        Component js = LoadComponent("js_text.component.wasm");
        var linker = Own(new ComponentLinker(Engine));
        linker.AddWasiPreview2();
        Wasmtime.Components.ComponentInstance Reference(Component component, Store store)
        {
            store.SetWasiConfiguration(Quiet());
            return linker.Instantiate(store, component);
        }

        Components.Wasi.WasiApp bypass = Components.Wasi.WasiApp.Instantiate(Engine, Store(), wasi, GuestMemoryOptions.Unchecked);
        Wasmtime.Components.ComponentInstance appReference = Reference(app, Store());
        ComponentFunction add = appReference.GetFunction(App, "add")!, write = appReference.GetFunction(App, "write-stdout")!;
        Components.Js.JsText fallback = Components.Js.JsText.Instantiate(Engine, Store(), wasi);
        Components.WasiHost.WasiAppOnHost onHost = Components.WasiHost.WasiAppOnHost.Instantiate(Engine, Store(), wasi, GuestMemoryOptions.Unchecked);
        Wasmtime.Components.ComponentInstance jsReference = Reference(js, Store());
        ComponentFunction jsAdd = jsReference.GetFunction(Text, "add")!, jsWrite = jsReference.GetFunction(Text, "write-stdout")!;

        byte[] kib4 = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        string text4k = new('x', 4095);
        Check(bypass.App.Add(40, 2) == add.Call(CV.U32(40), CV.U32(2))!.AsU32() && fallback.Text.Add(40, 2) == jsAdd.Call(CV.U32(40), CV.U32(2))!.AsU32(), "add");
        Check(bypass.App.WriteStdout(kib4) == write.Call(CV.List(kib4.Select(CV.U8).ToArray()))!.AsU32(), "write-stdout");
        Check(fallback.Text.WriteStdout(text4k) == jsWrite.Call(CV.String(text4k))!.AsU32(), "js write-stdout");
        Check(onHost.App.WriteStdout(kib4) == 4096 && onHost.App.Add(40, 2) == 42, "host write-stdout");

        yield return new Interleaved.Scenario("wasi bypass add(u32, u32)",
            [new Interleaved.Variant("Components+WASI", () => add.Call(CV.U32(40), CV.U32(2))), new Interleaved.Variant("Bypass", () => bypass.App.Add(40, 2))]);
        yield return new Interleaved.Scenario("wasi bypass stdout write 4 KiB",
            [new Interleaved.Variant("Components+WASI", () => write.Call(CV.List(kib4.Select(CV.U8).ToArray()))), new Interleaved.Variant("Bypass", () => bypass.App.WriteStdout(kib4))]);
        yield return new Interleaved.Scenario("wasi bypass instantiate",
            [new Interleaved.Variant("Components+WASI", () => { using Store s = Store(owned: false); Reference(app, s); }),
             new Interleaved.Variant("Bypass", () => { using Store s = Store(owned: false); Components.Wasi.WasiApp.Instantiate(Engine, s, wasi, GuestMemoryOptions.Unchecked); })]);
        yield return new Interleaved.Scenario("wasi host stdout write 4 KiB (C, adapter included)",
            [new Interleaved.Variant("Components+WASI", () => write.Call(CV.List(kib4.Select(CV.U8).ToArray()))), new Interleaved.Variant("WasiHost", () => onHost.App.WriteStdout(kib4))]);
        yield return new Interleaved.Scenario("wasi host add(u32, u32) (JS)",
            [new Interleaved.Variant("Components+WASI", () => jsAdd.Call(CV.U32(40), CV.U32(2))), new Interleaved.Variant("WasiHost", () => fallback.Text.Add(40, 2))]);
        yield return new Interleaved.Scenario("wasi host stdout write 4 KiB (JS)",
            [new Interleaved.Variant("Components+WASI", () => jsWrite.Call(CV.String(text4k))), new Interleaved.Variant("WasiHost", () => fallback.Text.WriteStdout(text4k))]);
        yield return new Interleaved.Scenario("wasi host instantiate (JS)",
            [new Interleaved.Variant("Components+WASI", () => { using Store s = Store(owned: false); Reference(js, s); }),
             new Interleaved.Variant("WasiHost", () => { using Store s = Store(owned: false); Components.Js.JsText.Instantiate(Engine, s, wasi); })]);
    }
}
