extern alias tasks;

using System;
using System.IO;
using System.Linq;
using tasks::Bindgen.Build.Tasks.Components;
using Bindgen.TestSupport;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// The component reader on components made by wit-component (componentNew: one module; shim, main and fixup modules)
/// and by wasm-tools' text parser (nested components, outer aliases, memory shared between core instances, and what
/// Bindgen refuses), each checked against the WIT and the structure its sources give.
/// </summary>
public sealed class ComponentReaderTests
{
    internal static byte[] Guest(string file) => File.ReadAllBytes(RepositoryPaths.Combine("tests", "guests", file));

    private static string[] DescriptionLines(string file) => ComponentDescription.Write(file, Guest(file), ComponentReader.Read(Guest(file))).Split('\n');

    [Test]
    public void One_module_component_gives_the_text_interface_with_every_value_type()
    {
        ComponentInfo info = ComponentReader.Read(Guest("canonical.component.wasm"));
        Assert.That(info.Diagnostics, Is.Empty);
        Assert.That(info.Modules, Has.Count.EqualTo(1));
        Assert.That(info.Plan, Is.EqualTo(new PlanStep[] { new InstantiateStep(0, 0, Array.Empty<(string, string, string, CoreDef)>()) }).Using<PlanStep>(SameStep));
        Assert.That(info.ImportedInterfaces, Is.Empty);
        var text = info.ExportedInterfaces.Single();
        Assert.That((text.Interface.Name, text.Interface.Package, text.Interface.ShortName, text.Interface.Version), Is.EqualTo(("local:demo/text@1.0.0", "local:demo", "text", "1.0.0")));
        Assert.That(text.Interface.Types.Select(t => t.Name), Is.EqualTo(new[] { "point", "entry", "color", "perms", "shape" }));
        Assert.That(text.Interface.Types.Select(t => ((WitDefined)t.Target).Kind), Is.EqualTo(new[] { "record", "record", "enum", "flags", "variant" }));
        Assert.That(text.Functions.Select(f => f.Name), Is.EqualTo(new[]
        {
            "count-words", "post-calls", "echo-string", "reverse-strings", "sum-bytes", "echo-bytes", "echo-entry", "echo-entries", "parse-number",
            "find", "swap", "add-points", "scalars", "sum17", "next-color", "negate", "echo-shape", "echo-nested", "bad-utf8", "bad-discriminant",
            "bad-char", "bad-pointer",
        }));

        LiftedExport echo = text.Functions.Single(f => f.Name == "echo-string");
        Assert.That(echo.Core, Is.EqualTo(new CoreDef("export", 0, "local:demo/text@1.0.0#echo-string", -1)));
        Assert.That(echo.Options, Is.EqualTo(new CanonicalOptions(
            new CoreDef("export", 0, "memory", -1), new CoreDef("export", 0, "cabi_realloc", -1),
            new CoreDef("export", 0, "cabi_post_local:demo/text@1.0.0#echo-string", -1), "utf8")));
        Assert.That(text.Functions.Single(f => f.Name == "negate").Options, Is.EqualTo(new CanonicalOptions(null, null, null, "utf8")));
    }

    [Test]
    public void Types_in_signatures_are_the_named_WIT_types_even_where_the_binary_used_the_structure()
    {
        string[] lines = DescriptionLines("canonical.component.wasm");
        Assert.That(lines, Does.Contain("type\t#9\tvariant\tcircle:f32\trect:#1\tempty"), "the case payload is the named point, #1");
        Assert.That(lines, Does.Contain("type\t#1\tnamed\tlocal:demo/text@1.0.0\tpoint\t#0"));
        Assert.That(lines, Does.Contain("type\t#15\tresult\ts32\tstring"));
        Assert.That(lines, Does.Contain("type\t#17\ttuple\t#8\t#6"), "tuple<perms, color>");
        Assert.That(lines, Does.Contain("function\texport\tlocal:demo/text@1.0.0\tswap\t#17\tc:#6\tp:#8"));
        Assert.That(lines, Does.Contain("function\texport\tlocal:demo/text@1.0.0\techo-nested\t#19\tr:#19"));
        Assert.That(lines, Does.Contain("type\t#19\tresult\t#11\t#10"), "result<list<string>, shape>");
        Assert.That(lines, Does.Contain("type\t#16\toption\tu32"));
    }

    [Test]
    public void Shim_main_and_fixup_layout_is_flattened_in_order_with_host_lowerings()
    {
        ComponentInfo info = ComponentReader.Read(Guest("canonical_imports.component.wasm"));
        Assert.That(info.Diagnostics, Is.Empty);
        Assert.That(info.Modules, Has.Count.EqualTo(3), "main, shim, fixup");
        string[] plan = DescriptionLines("canonical_imports.component.wasm").Where(l => l.StartsWith("instantiate\t") || l.StartsWith("with\t") || l.StartsWith("lower\t")).ToArray();
        Assert.That(plan, Is.EqualTo(new[]
        {
            "instantiate\t0\t1", // the shim: a table of indirect stubs for the imports that need memory
            "lower\t0\tlocal:host-demo/host@1.0.0\tadd\t-\t-\tutf8", // add needs no memory: lowered directly
            "instantiate\t1\t0", // main, importing the stubs and the direct lowering
            "with\t1\tlocal:host-demo/host@1.0.0\tgreet\tfunction\texport 0 0",
            "with\t1\tlocal:host-demo/host@1.0.0\tsplit\tfunction\texport 0 1",
            "with\t1\tlocal:host-demo/host@1.0.0\ttally\tfunction\texport 0 2",
            "with\t1\tlocal:host-demo/host@1.0.0\tadd\tfunction\tlowered 0",
            "lower\t1\tlocal:host-demo/host@1.0.0\tgreet\texport 1 memory\texport 1 cabi_realloc\tutf8", // with main's memory
            "lower\t2\tlocal:host-demo/host@1.0.0\tsplit\texport 1 memory\texport 1 cabi_realloc\tutf8",
            "lower\t3\tlocal:host-demo/host@1.0.0\ttally\texport 1 memory\t-\tutf8",
            "instantiate\t2\t2", // the fixup fills the shim's table with the real lowerings
            "with\t2\tactual\t0\tfunction\tlowered 1",
            "with\t2\tactual\t1\tfunction\tlowered 2",
            "with\t2\tactual\t2\tfunction\tlowered 3",
            "with\t2\tshim\t$imports\ttable\texport 0 $imports",
        }));
    }

    [Test]
    public void A_type_an_exported_interface_uses_from_an_imported_one_stays_the_imported_type()
    {
        ComponentInfo info = ComponentReader.Read(Guest("canonical_imports.component.wasm"));
        WitNamed hostEntry = info.ImportedInterfaces.Single().Interface.Types.Single();
        Assert.That((hostEntry.Name, hostEntry.Owner), Is.EqualTo(("entry", "local:host-demo/host@1.0.0")));
        var run = info.ExportedInterfaces.Single();
        Assert.That(run.Interface.Types.Single(), Is.SameAs(hostEntry), "run's `use host.{entry}`");
        LiftedExport tally = run.Functions.Single(f => f.Name == "call-tally");
        var items = (WitDefined)tally.Type.Parameters[0].Type;
        Assert.That(((WitDefined)items.Types[0]!).Types[0], Is.SameAs(hostEntry), "list<option<entry>>");
        ImportedFunction greet = info.ImportedInterfaces.Single().Functions[0];
        Assert.That((greet.Interface, greet.Name, greet.Type.Parameters.Single().Name), Is.EqualTo(("local:host-demo/host@1.0.0", "greet", "name")));
    }

    [Test]
    public void Host_imports_with_variants_options_and_results_are_lowered_with_the_main_modules_memory()
    {
        ComponentInfo info = ComponentReader.Read(Guest("shapes.component.wasm"));
        Assert.That(info.Diagnostics, Is.Empty);
        var canvas = info.ImportedInterfaces.Single();
        Assert.That(canvas.Interface.Types.Select(t => t.Name + ":" + ((WitDefined)t.Target).Kind), Is.EqualTo(new[] { "point:record", "shape:variant", "layer:enum", "style:flags" }));
        ImportedFunction draw = canvas.Functions.Single(f => f.Name == "draw");
        Assert.That(draw.Type.Parameters.Select(p => p.Type), Is.EqualTo(canvas.Interface.Types.Skip(1)), "shape, layer, style: the named types");
        Assert.That(((WitDefined)draw.Type.Result!).Kind, Is.EqualTo("result"));
        LowerStep[] lowers = info.Plan.OfType<LowerStep>().ToArray();
        Assert.That(lowers.Select(l => l.Function), Is.EquivalentTo(new[] { "draw", "lookup" }));
        Assert.That(lowers.Select(l => l.Options.Memory), Is.All.EqualTo(new CoreDef("export", 1, "memory", -1)), "the main module's memory");
        Assert.That(info.ExportedInterfaces.Single().Interface.Types, Is.EqualTo(canvas.Interface.Types.Skip(1).Take(2)), "scene's `use canvas.{shape, layer}`");
    }

    [Test]
    public void Nested_component_with_outer_aliases_and_a_memory_shared_by_two_core_instances()
    {
        ComponentInfo info = ComponentReader.Read(Guest("nested.component.wasm"));
        Assert.That(info.Diagnostics, Is.Empty);
        string[] lines = DescriptionLines("nested.component.wasm");
        Assert.That(lines.Where(l => l.StartsWith("instantiate\t") || l.StartsWith("with\t") || l.StartsWith("lift\t")), Is.EqualTo(new[]
        {
            "instantiate\t0\t0",
            "instantiate\t1\t1",
            "with\t1\tenv\tmemory\tmemory\texport 0 memory",
            "lift\tlocal:nested/math@0.1.0\tadd\texport 1 add\t-\t-\t-\tutf8",
            "lift\tlocal:nested/math@0.1.0\tlen\texport 1 len\texport 0 memory\texport 0 cabi_realloc\t-\tutf8",
            "lift\tlocal:nested/math@0.1.0\torigin\texport 1 origin\texport 0 memory\t-\t-\tutf8",
        }));
        Assert.That(lines, Does.Contain("function\texport\tlocal:nested/math@0.1.0\torigin\t#1"));
        Assert.That(lines, Does.Contain("type\t#1\tnamed\tlocal:nested/math@0.1.0\tpoint\t#0"), "the outer type, named by the nested export");
    }

    [Test]
    public void World_level_functions_and_a_lowering_into_a_memory_another_core_instance_defines()
    {
        ComponentInfo info = ComponentReader.Read(Guest("world.component.wasm"));
        Assert.That(info.Diagnostics, Is.Empty);
        Assert.That(info.ImportedInterfaces, Is.Empty);
        Assert.That(info.ImportedFunctions.Select(f => (f.Interface, f.Name)), Is.EqualTo(new (string?, string)[] { (null, "log"), (null, "scale") }));
        LiftedExport run = info.ExportedFunctions.Single();
        Assert.That((run.Interface, run.Name, run.Core), Is.EqualTo(((string?)null, "run", new CoreDef("export", 1, "run", -1))));
        string[] plan = DescriptionLines("world.component.wasm").Where(l => l.StartsWith("instantiate\t") || l.StartsWith("with\t") || l.StartsWith("lower\t")).ToArray();
        Assert.That(plan, Is.EqualTo(new[]
        {
            "instantiate\t0\t0",
            "lower\t0\t-\tlog\texport 0 memory\t-\tutf8",
            "lower\t1\t-\tscale\t-\t-\tutf8",
            "instantiate\t1\t1",
            "with\t1\tenv\tmemory\tmemory\texport 0 memory",
            "with\t1\thost\tlog\tfunction\tlowered 0",
            "with\t1\thost\tscale\tfunction\tlowered 1",
        }));
    }

    [Test]
    public void Async_is_a_diagnostic_that_names_what_and_where_and_an_imported_resource_and_a_UTF16_lift_are_not()
    {
        ComponentInfo info = ComponentReader.Read(Guest("unsupported.component.wasm"));
        Assert.That(info.Diagnostics.Select(d => d.What), Is.EqualTo(new[] { "async" }));
        Assert.That(info.Diagnostics.Select(d => d.Where), Has.All.Match(@"^offset \d+ in the component$"));
        Assert.That(DescriptionLines("unsupported.component.wasm"), Has.Some.EqualTo("interface\timport\thost\t-\thost\t-"), "the import that declares the resource 'r' is described: the generator binds imported resources");
        Assert.That(info.ExportedFunctions.Single().Options.Encoding, Is.EqualTo("utf16"));
    }

    [Test]
    public void A_lift_lowered_into_another_inner_component_is_an_adapter_step_with_both_sides_options()
    {
        ComponentInfo info = ComponentReader.Read(Guest("compose_pair.component.wasm"));
        Assert.That(info.Diagnostics, Is.Empty);
        AdapterStep[] adapters = info.Plan.OfType<AdapterStep>().ToArray();
        Assert.That(adapters.Select(a => a.Function), Is.EqualTo(new[] { "echo", "units", "echo-list", "echo-person", "broken" }));
        Assert.That(adapters.Select(a => (a.Caller.Encoding, a.Callee.Encoding)).Distinct(), Is.EqualTo(new[] { ("latin1+utf16", "utf16") }));
        Assert.That(info.Plan.OfType<LowerStep>(), Is.Empty, "nothing is imported from the host");
        // The callee's core instance exists before the adapter, the caller's main instance (which imports it) after.
        int callee = adapters[0].Core.Instance;
        int firstAdapter = info.Plan.IndexOf(adapters[0]);
        Assert.That(info.Plan.Take(firstAdapter).OfType<InstantiateStep>().Select(s => s.Instance), Does.Contain(callee));
        Assert.That(adapters[0].Caller.Memory!.Instance, Is.Not.EqualTo(callee), "the caller's memory is its own");
        string[] lines = DescriptionLines("compose_pair.component.wasm");
        Assert.That(lines, Has.Some.Match(@"^adapter\t0\techo\texport \d+ memory\texport \d+ cabi_realloc\tlatin1\+utf16\texport \d+ echo\texport \d+ memory\texport \d+ cabi_realloc\t-\tutf16\tstring\ts:string$"));
        Assert.That(lines.Where(l => l.StartsWith("with\t", StringComparison.Ordinal) && l.EndsWith("\tlowered 3", StringComparison.Ordinal)), Has.Exactly(1).Items);
    }

    [Test]
    public void A_resource_handle_passed_between_linked_components_is_a_diagnostic_naming_the_function()
    {
        ComponentInfo info = ComponentReader.Read(Guest("compose_handles.component.wasm"));
        ComponentDiagnostic adapter = info.Diagnostics.Single(d => d.What == "adapter");
        Assert.That(adapter.Message, Does.Contain("'make'").And.Contain("resource handle"));
        Assert.That(adapter.Where, Does.Match(@"^offset \d+ in the nested component at offset \d+$"));
        Assert.That(info.Plan.OfType<AdapterStep>(), Is.Empty);
    }

    [Test]
    public void An_exported_resource_is_described_with_its_destructor_handles_and_built_ins()
    {
        string[] lines = DescriptionLines("resources.component.wasm");
        TestContext.Out.WriteLine(string.Join("\n", lines));
        Assert.That(lines.Where(l => l.StartsWith("diagnostic", StringComparison.Ordinal)), Is.Empty);
        string resource = lines.Single(l => l.Contains("\tresource\t", StringComparison.Ordinal));
        Assert.That(resource, Does.Match(@"^type\t#\d+\tresource\tdefined\texport 0 \d+$"), "the destructor is the shim's table entry, filled by the fixup module");
        string id = resource.Split('\t')[1];
        string named = lines.Single(l => l.EndsWith("\tcounter\t" + id, StringComparison.Ordinal));
        Assert.That(named, Does.StartWith("type\t").And.Contain("\tnamed\tlocal:resources/counters@1.0.0\t"));
        string name = named.Split('\t')[1];
        Assert.That(lines, Has.Some.Match($"^type\t#\\d+\town\t{name}$").And.Some.Match($"^type\t#\\d+\tborrow\t{name}$"));
        Assert.That(lines, Has.Some.EqualTo($"interface-type\texport\tlocal:resources/counters@1.0.0\t{name}"));
        foreach (string builtin in new[] { "new", "rep", "drop" })
        {
            Assert.That(lines, Has.Some.Match($"^with\t\\d+\t\\[export\\]local:resources/counters@1.0.0\t\\[resource-{builtin}\\]counter\tfunction\tbuiltin resource.{builtin} {name}$"));
        }

        Assert.That(lines, Has.Some.Match(@"^function\texport\tlocal:resources/counters@1.0.0\t\[constructor\]counter\t#\d+\tstart:u32$"));
        Assert.That(lines, Has.Some.Match(@"^lift\tlocal:resources/counters@1.0.0\t\[method\]counter.merge\texport \d+ local:resources/counters@1.0.0#\[method\]counter.merge\t"));
    }

    [Test]
    public void An_unknown_section_is_a_diagnostic_and_the_rest_is_still_read()
    {
        byte[] bytes = Guest("canonical.component.wasm").Concat(new byte[] { 13, 2, 0xAA, 0xBB }).ToArray();
        ComponentInfo info = ComponentReader.Read(bytes);
        ComponentDiagnostic diagnostic = info.Diagnostics.Single();
        Assert.That((diagnostic.What, diagnostic.Where), Is.EqualTo(("section", $"offset {bytes.Length - 4} in the component")));
        Assert.That(diagnostic.Message, Does.Contain("section id 13"));
        Assert.That(info.ExportedInterfaces.Single().Functions, Has.Count.EqualTo(22));
    }

    [TestCase("canonical.wasm", "core WebAssembly module, not a component")]
    [TestCase("canonical.component.wasm", "unexpected end of data")]
    public void Not_a_component_or_truncated_is_a_typed_error(string file, string message)
    {
        byte[] bytes = Guest(file);
        if (file.EndsWith(".component.wasm"))
        {
            bytes = bytes.Take(bytes.Length / 2).ToArray();
        }

        var e = Assert.Throws<ComponentFormatException>(() => ComponentReader.Read(bytes));
        Assert.That(e!.Message, Does.Contain(message).Or.Contain("past the end"));
    }

    [Test]
    public void A_component_given_as_a_core_module_is_an_error_that_says_it_is_a_component()
    {
        var e = Assert.Throws<tasks::Bindgen.Build.Tasks.WasmFormatException>(() => tasks::Bindgen.Build.Tasks.WasmReader.Read(Guest("canonical.component.wasm")))!;
        Assert.That(e.Message, Does.Contain("it is a component").And.Contain("BindgenComponent"));
    }

    private static bool SameStep(PlanStep a, PlanStep b) =>
        a is InstantiateStep x && b is InstantiateStep y && x.Instance == y.Instance && x.Module == y.Module && x.Imports.SequenceEqual(y.Imports);
}
