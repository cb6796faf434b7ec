using System.Linq;
using Bindgen.Generator.Abi.WasmBindgen;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// A number, boolean or u32 that a multi-value build returns beside an error (<c>Result&lt;bool, JsValue&gt;</c>:
/// <c>if (ret[2]) throw takeFromExternrefTable0(ret[1]); return ret[0] !== 0;</c>, as @biomejs/wasm-nodejs 2.5.14's
/// <c>fileExists</c>). Read as the value's slot, never as <c>undefined</c>: the result is the call's answer.
/// </summary>
internal sealed class WasmBindgenMultiValueResultTests
{
    private static string Glue(string lift, string name = "exists") =>
        "let wasm;\n"
        + $"module.exports.{name} = function(path) {{\n"
        + $"    const ret = wasm.{name}(path);\n"
        + "    if (ret[2]) {\n        throw takeFromExternrefTable0(ret[1]);\n    }\n"
        + $"    {lift}\n}};\n";

    [TestCase("return ret[0] !== 0;", GlueResultKind.Bool)]
    [TestCase("return ret[0] >>> 0;", GlueResultKind.Unsigned)]
    [TestCase("return ret[0];", GlueResultKind.Number)]
    public void The_value_beside_the_error_is_the_result(string lift, GlueResultKind kind)
    {
        GlueExport export = GlueReader.Read("ws.js", Glue(lift)).Exports.AsSpan().ToArray().Single();
        Assert.That((export.Result, export.ResultSlot, export.ErrorSlot, export.ErrorFlagSlot, export.Problem), Is.EqualTo((kind, 0, 1, 2, (string?)null)));
        Assert.That(export.Transport, Is.EqualTo(GlueTransport.MultiValue));
    }

    [Test]
    public void A_boolean_result_beside_an_error_compiles_and_reads_its_slot()
    {
        GenerationResult result = GeneratorHarness.Run(
            new[] { new InMemoryAdditionalText("/pkg/ws.js", Glue("return ret[0] !== 0;") + Glue("return ret[0];", "ratio")) },
            """
            using Bindgen;
            [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "ws.js")]
            public interface IWs { bool Exists(int path); double Ratio(int path); }
            """);
        Assert.That(result.Diagnostics.Where(d => d.Id != "BG0022").Select(d => d.ToString()), Is.Empty);
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Assert.That(source, Does.Contain("\"exists\", \"(i32) -> (i32, i32, i32)\""));
        Assert.That(source, Does.Contain("\"ratio\", \"(i32) -> (f64, i32, i32)\""));
        Assert.That(source, Does.Contain(".Item1 != 0;"));
    }
}
