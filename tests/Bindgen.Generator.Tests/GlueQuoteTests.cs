using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>A BG0024 that quotes the glue quotes a short excerpt, not kilobytes of it.</summary>
public sealed class GlueQuoteTests
{
    [Test]
    public void BG0024_quotes_a_long_glue_expression_shortened()
    {
        string huge = "(" + string.Join(" + ", Enumerable.Repeat("a * 2", 1000)) + ")";
        string glue = "export function f(a) {\n    const ret = wasm.f(" + huge + ");\n    return ret;\n}\n";

        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/pkg/big.js", glue)],
            "using Bindgen;\n[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"big.js\")] public interface IBig { int F(int a); }");

        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0024");
        string message = d.GetMessage();
        Assert.That(message.Length, Is.LessThan(400), message.Substring(0, System.Math.Min(600, message.Length)));
        Assert.That(message, Does.Contain("(a * 2 + a * 2").And.Contain("…"), message);
    }
}
