extern alias tasks;

using System.Linq;
using tasks::Bindgen.Build.Tasks.Components;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// Components that import WASI (docs/components.md, "WASI"): the build chooses the preview-1 bypass for a C program
/// wrapped with the adapter and the fallback for a componentize-js component, describes neither's WASI imports, and the
/// generator gives both the same kind of world class (with a WasiOptions parameter), the fallback with info BG0040.
/// </summary>
public sealed class WasiGeneratorTests
{
    [Test]
    public void The_adapter_layout_is_bypassed_onto_the_main_module_which_runs_initialize()
    {
        ComponentInfo info = ComponentReader.Read(ComponentReaderTests.Guest("wasi_app.component.wasm"));
        Assert.That(info.WasiProblem, Is.Null);
        Assert.That(info.Wasi, Is.Not.Null);
        Assert.That((info.Wasi!.Bypass, info.Wasi.MainInstance, info.Wasi.MainModule, info.Wasi.Initialize), Is.EqualTo((true, 1, 0, true)));
        Assert.That(info.Wasi.Imports, Does.Contain("wasi:cli/environment@0.2.12").And.Contain("wasi:filesystem/preopens@0.2.12"));
        string[] lines = ComponentDescription.Write("wasi_app.component.wasm", ComponentReaderTests.Guest("wasi_app.component.wasm"), info).Split('\n');
        Assert.That(lines.Where(l => l.StartsWith("module\t")).Select(l => l.Split('\t')[2]), Is.EqualTo(new[] { "Bindgen.Modules/wasi_app.component.wasm/0.wasm" }));
        Assert.That(lines.Where(l => l.StartsWith("instantiate\t") || l.StartsWith("with\t") || l.StartsWith("lower\t")), Is.EqualTo(new[] { "instantiate\t1\t0" }));
        Assert.That(lines, Does.Contain("wasi\tbypass\t_initialize"));
        Assert.That(lines.Where(l => l.StartsWith("interface\timport") || l.StartsWith("diagnostic")), Is.Empty);
    }

    [Test]
    public void The_bypass_binding_takes_WasiOptions_and_instantiates_the_main_module_on_preview1()
    {
        GenerationResult result = GeneratorHarness.Run([ComponentGeneratorTests.Description("wasi_app.component.wasm", "App", "WasiApp")], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        IMethodSymbol instantiate = result.Output.GetTypeByMetadataName("App.WasiApp")!.GetMembers("Instantiate").OfType<IMethodSymbol>().Single();
        Assert.That(instantiate.Parameters.Select(p => p.Name + ":" + p.Type.ToDisplayString()), Is.EqualTo(new[]
        {
            "engine:Wasmtime.Engine", "store:Wasmtime.Store", "wasi:Bindgen.WasiOptions?", "options:Bindgen.GuestMemoryOptions?",
        }));
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(source, Does.Contain("__c.InstantiatePreview1(1, 0, wasi, true);"));
        Assert.That(source, Does.Not.Contain("__Lower"));
    }

    [Test]
    public void A_component_that_calls_WASI_0_2_directly_runs_whole_on_the_WASI_host_with_each_lowering_bound_to_it()
    {
        ComponentInfo info = ComponentReader.Read(ComponentReaderTests.Guest("js_text.component.wasm"));
        Assert.That((info.Wasi!.Bypass, info.Wasi.Host, info.Wasi.Reason), Is.EqualTo((false, true, (string?)null)));
        string[] lines = ComponentDescription.Write("js_text.component.wasm", ComponentReaderTests.Guest("js_text.component.wasm"), info).Split('\n');
        Assert.That(lines, Does.Contain("wasi\thost"));
        Assert.That(lines.Count(l => l.StartsWith("module\t")), Is.EqualTo(info.Modules.Count));
        Assert.That(lines.Where(l => l.StartsWith("with\t")).Select(l => l.Split('\t')[5]), Has.Some.EqualTo("wasi-drop wasi:io/poll@0.2.12 pollable"));
        GenerationResult result = GeneratorHarness.Run([ComponentGeneratorTests.Description("js_text.component.wasm", "App", "JsText")], "class Empty { }");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        IPropertySymbol text = result.Output.GetTypeByMetadataName("App.JsText")!.GetMembers("Text").OfType<IPropertySymbol>().Single();
        Assert.That(text.Type.ToDisplayString(), Is.EqualTo("App.IText"));
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(source, Does.Contain("var __wasi = new global::Bindgen.Internals.WasiHost(__c, wasi);")
            .And.Contain("__wasi.Lower(").And.Contain("__wasi.Drop(\"wasi:io/poll@0.2.12\", \"pollable\")").And.Not.Contain("ComponentFallback"));
    }

    [Test]
    public void A_WASI_function_the_host_does_not_implement_sends_the_component_to_the_fallback_saying_which()
    {
        ComponentInfo info = ComponentReader.Read(ComponentReaderTests.Guest("js_text.component.wasm"));
        LowerStep lower = info.Plan.OfType<LowerStep>().First(s => s.Interface!.StartsWith("wasi:filesystem/types", System.StringComparison.Ordinal));
        // exit-with-code is unstable WASI (gated in the WIT), which the host leaves out.
        info.Plan[info.Plan.IndexOf(lower)] = lower with { Interface = "wasi:cli/exit@0.2.12", Function = "exit-with-code" };
        Assert.That(WasiHostTier.WhyNot(info), Does.Contain("does not implement 'exit-with-code'"));
        info.Wasi = WasiTiers.Choose(info, System.Array.Empty<tasks::Bindgen.Build.Tasks.WasmModuleInfo>(), out string? problem);
        Assert.That(problem, Is.Null);
        Assert.That(info.Wasi!.Host, Is.False);
        Assert.That(info.Wasi.Reason, Does.Contain("Bindgen's WASI host does not implement 'exit-with-code'"));
    }

    [Test]
    public void The_build_and_the_runtime_agree_on_what_the_WASI_host_implements()
    {
        Assert.That(WasiHostTier.Functions, Is.EquivalentTo(Bindgen.Internals.WasiHost.Implemented));
        Assert.That(WasiHostTier.Resources, Is.EquivalentTo(Bindgen.Internals.WasiHost.Resources));
    }

    [Test]
    public void Asking_for_the_WASI_host_runs_the_adapter_layout_whole_instead_of_bypassing_it()
    {
        ComponentInfo info = ComponentReader.Read(ComponentReaderTests.Guest("wasi_app.component.wasm"));
        info.Wasi = WasiTiers.RequestedHost(info, out string? problem);
        Assert.That(problem, Is.Null);
        Assert.That(info.Wasi!.Host, Is.True);
        string[] lines = ComponentDescription.Write("wasi_app.component.wasm", ComponentReaderTests.Guest("wasi_app.component.wasm"), info).Split('\n');
        Assert.That(lines.Count(l => l.StartsWith("instantiate\t")), Is.EqualTo(4), "shim, main, adapter, fixup");
        Assert.That(lines.Where(l => l.StartsWith("lower\t")).Select(l => l.Split('\t')[3]), Does.Contain("[method]descriptor.open-at").And.Contain("get-directories"));
    }

    [TestCase("canonical.component.wasm", "Canonical")]
    [TestCase("nested.component.wasm", "Nested")]
    public void Asking_for_the_fallback_converts_every_WIT_type_in_code_that_compiles_warning_free(string file, string worldClass)
    {
        byte[] bytes = ComponentReaderTests.Guest(file);
        ComponentInfo info = ComponentReader.Read(bytes);
        info.Wasi = WasiTiers.Requested(info, out string? problem);
        Assert.That(problem, Is.Null);
        var description = new InMemoryAdditionalText("/obj/bindgen/" + file + ComponentDescription.Extension, ComponentDescription.Write(file, bytes, info) + "namespace\tApp\n");
        GenerationResult result = GeneratorHarness.Run([description], "class Empty { }");
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "BG0040" }));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Assert.That(result.Output.GetTypeByMetadataName("App." + worldClass), Is.Not.Null);
    }

    [Test]
    public void A_component_with_imports_of_its_own_cannot_run_on_the_fallback()
    {
        ComponentInfo info = ComponentReader.Read(ComponentReaderTests.Guest("canonical_imports.component.wasm"));
        Assert.That(WasiTiers.Requested(info, out string? problem), Is.Null);
        Assert.That(problem, Does.Contain("'local:host-demo/host@1.0.0'"));
    }
}
