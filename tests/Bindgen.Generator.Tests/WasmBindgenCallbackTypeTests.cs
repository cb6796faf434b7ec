extern alias tasks;

using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.WasmBindgen;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using NUnit.Framework;
using tasks::Bindgen.Build.Tasks.Packages;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Typed delegates from .d.ts function types, string enums read from the glue, and the Map iterator import: the pieces
/// WbshapesTests (in the wasm-bindgen suite) runs end to end against Node.
/// </summary>
public sealed class WasmBindgenCallbackTypeTests
{
    [TestCase("(update: Uint8Array, origin: any) => void", "global::System.Action<byte[], object?>")]
    [TestCase("(text: string, index: number) => void", "global::System.Action<string, double>")]
    [TestCase("() => void", "global::System.Action")]
    [TestCase("(x: number) => number", "global::System.Func<double, double>")]
    [TestCase("(s: string) => boolean", "global::System.Func<string, bool>")]
    [TestCase("() => Promise<number>", "global::System.Func<global::System.Threading.Tasks.Task<double>>")]
    [TestCase("(e: Event) => Promise<void>", "global::System.Func<object?, global::System.Threading.Tasks.Task>")]
    [TestCase("(m: Map<string, number>, f: (x: number) => void) => any", "global::System.Func<object?, object?, object?>")]
    [TestCase("(x?: number) => void", CallbackTypes.Untyped)]
    [TestCase("(...args: any[]) => void", CallbackTypes.Untyped)]
    public void A_function_type_is_the_delegate_whose_arguments_the_runtime_converts(string ts, string expected)
    {
        Assert.That(CallbackTypes.IsFunction(ts), Is.True);
        Assert.That(CallbackTypes.Delegate(ts), Is.EqualTo(expected));
    }

    [TestCase("Function", true)]
    [TestCase("any", false)]
    [TestCase("Map<string, number>", false)]
    public void Only_function_types_and_Function_are_functions(string ts, bool expected) =>
        Assert.That(CallbackTypes.IsFunction(ts), Is.EqualTo(expected));

    [Test]
    public void A_function_typed_parameter_does_not_swallow_the_parameters_after_it()
    {
        var read = TypeScriptDeclarations.Read("export function on(f: (a: number, b: string) => void, times: number): Map<string, number>;\n");
        Assert.That(read["on"].Parameters.Select(p => (p.Name, p.Type)), Is.EqualTo(new[] { ("f", "(a: number, b: string) => void"), ("times", "number") }));
        Assert.That(read["on"].Result, Is.EqualTo("Map<string, number>"));
    }

    [Test]
    public void The_glues_string_enums_are_CSharp_enums_valued_by_index()
    {
        const string Glue = "const __wbindgen_enum_Mode = [\"fast\", \"slow-ish\", \"\", \"fast\"];\nconst __wbindgen_enum_Empty = [];\n";
        Assert.That(GlueStringEnums.Read(Glue)["Mode"], Is.EqualTo(new[] { "fast", "slow-ish", string.Empty, "fast" }));
        var enums = new Dictionary<string, TsEnum>();
        TypeScriptEnums.AddStringEnums(enums, Glue);
        Assert.That(enums.Keys, Is.EqualTo(new[] { "Mode" }), "an enum without strings has no C# form");
        Assert.That(enums["Mode"].Members, Is.EqualTo(new[] { ("Fast", 0L), ("SlowIsh", 1L), ("Empty", 2L), ("Fast2", 3L) }));
        Assert.That(enums["Mode"].Strings, Is.EqualTo(new[] { "fast", "slow-ish", string.Empty, "fast" }));
    }

    [Test]
    public void A_string_enum_argument_and_result_cross_as_the_index()
    {
        const string Glue = """
            const __wbindgen_enum_Mode = ["fast", "slow", "exact"];
            module.exports.next_mode = function(mode) {
                const ret = wasm.next_mode((__wbindgen_enum_Mode.indexOf(mode) + 1 || 4) - 1);
                return __wbindgen_enum_Mode[ret];
            };
            """;
        GlueExport export = GlueReader.Read("probe.js", Glue).Exports.AsSpan().ToArray().Single();
        Assert.That(export.Problem, Is.Null);
        Assert.That(export.Parameters.AsSpan().ToArray().Select(p => (p.Name, p.Kind, p.Element)), Is.EqualTo(new[] { ("mode", GlueParameterKind.Number, (string?)"enum:Mode") }));
        Assert.That((export.Result, export.ResultElement), Is.EqualTo((GlueResultKind.Number, (string?)"enum:Mode")));
    }

    [Test]
    public void Map_entries_is_classified()
    {
        const string Glue = """
            module.exports.__wbg_entries_b1 = function(arg0) {
                const ret = getObject(arg0).entries();
                return addHeapObject(ret);
            };
            """;
        Assert.That(GlueReader.Read("probe.js", Glue).Imports.AsSpan().ToArray().Single().Operation, Is.EqualTo("entries_iterator"));
    }

    private const string ModeGlue = """
        const __wbindgen_enum_Mode = ["fast", "slow-ish", "exact"];
        module.exports.next_mode = function(mode) {
            const ret = wasm.next_mode((__wbindgen_enum_Mode.indexOf(mode) + 1 || 4) - 1);
            return __wbindgen_enum_Mode[ret];
        };
        module.exports.pick = function(mode, x) {
            const ret = wasm.pick((__wbindgen_enum_Mode.indexOf(mode) + 1 || 4) - 1, x);
            return ret;
        };
        """;

    [TestCase("public enum Mode { Fast, SlowIsh, Exact }", new string[0])]
    [TestCase("public enum Mode { Exact, Fast, SlowIsh }", new[] { "parameter 1 is a C# enum with members Exact, Fast, SlowIsh, and the glue's string enum 'Mode' is \"fast\", \"slow-ish\", \"exact\"" })]
    [TestCase("public enum Mode { Fast, SlowIsh }", new[] { "parameter 1 is a C# enum with members Fast, SlowIsh," })]
    [TestCase("public enum Mode { Fast = 1, SlowIsh, Exact }", new[] { "parameter 1 is a C# enum with members Fast=1, SlowIsh=2, Exact=3," })]
    [TestCase("public enum Mode { Fast = -1, SlowIsh, Exact }", new[] { "members Fast=-1, SlowIsh=0, Exact=1," })]
    public void A_hand_written_enum_must_be_the_string_enums_strings_in_order(string declaration, string[] messages)
    {
        GenerationResult result = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/pkg/modes.js", ModeGlue) }, "using System; using Bindgen;\n" + declaration + """

            [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "modes.js")]
            public interface IModes
            {
                Mode NextMode(Mode mode);
                double Pick(Mode mode, double x);
            }
            """);
        Diagnostic[] mismatches = result.Diagnostics.Where(d => d.Id == "BG0024").ToArray();
        Assert.That(mismatches.Length, Is.EqualTo(messages.Length == 0 ? 0 : 2), string.Join("\n", result.Diagnostics));
        foreach (string message in messages)
        {
            Assert.That(mismatches.Select(d => d.GetMessage()), Has.All.Contains(message));
        }
    }
}
