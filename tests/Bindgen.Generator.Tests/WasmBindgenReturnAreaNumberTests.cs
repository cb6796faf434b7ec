using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Numbers a wrapper reads from its return area (<c>Option&lt;f64&gt;</c>, <c>Option&lt;u64&gt;</c>, <c>Result&lt;u32, E&gt;</c>)
/// and <c>Option&lt;u8&gt;</c> arguments: what each form binds to, the code compiles, and a declared type that cannot
/// hold the value is BG0024 (the calls themselves are compared with Node in Bindgen.WasmBindgen.Tests' ReturnAreaNumberTests).
/// </summary>
public sealed class WasmBindgenReturnAreaNumberTests
{
    private const string Glue = """
        export function opt_f64(x) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                wasm.opt_f64(retptr, !isLikeNone(x), isLikeNone(x) ? 0 : x);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r2 = getDataViewMemory0().getFloat64(retptr + 8 * 1, true);
                return r0 === 0 ? undefined : r2;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }
        export function old_opt_u64(x) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                wasm.old_opt_u64(retptr, x);
                var r0 = getInt32Memory0()[retptr / 4 + 0];
                var r2 = getBigInt64Memory0()[retptr / 8 + 1];
                return r0 === 0 ? void 0 : BigInt.asUintN(64, r2);
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }
        export function length(x) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                wasm.length(retptr, x);
                var r0 = getInt32Memory0()[retptr / 4 + 0];
                var r1 = getInt32Memory0()[retptr / 4 + 1];
                var r2 = getInt32Memory0()[retptr / 4 + 2];
                if (r2) {
                    throw takeObject(r1);
                }
                return r0 >>> 0;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }
        export function next_byte(x) {
            const ret = wasm.next_byte(isLikeNone(x) ? 0xFFFFFF : x);
            return ret === 0xFFFFFF ? undefined : ret;
        }
        """;

    private static GenerationResult Run(string members) => GeneratorHarness.Run(
        new[] { new InMemoryAdditionalText("/pkg/numbers.js", Glue) },
        "using System; using Bindgen;\n[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"numbers.js\")] public interface INumbers { " + members + " }");

    [Test]
    public void Each_form_binds_reads_the_return_area_words_and_compiles()
    {
        GenerationResult result = Run("double? OptF64(double? x); ulong? OldOptU64(int x); uint Length(int x); int? NextByte(int? x);");
        Assert.That(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(source, Does.Contain("__exports.Action<int, int, double>(\"opt_f64\", \"(i32, i32, f64) -> ()\")"));
        Assert.That(source, Does.Contain("__words.R0 == 0 ? null : unchecked((double)global::System.BitConverter.Int64BitsToDouble(((long)__words.R3 << 32) | (uint)__words.R2))"));
        Assert.That(source, Does.Contain("unchecked((ulong)unchecked((ulong)(((long)__words.R3 << 32) | (uint)__words.R2)))"));
        Assert.That(source, Does.Contain("return unchecked((uint)unchecked((uint)__words.R0));"));
        Assert.That(source, Does.Contain("__exports.Func<int, int>(\"next_byte\", \"(i32) -> i32\")"));
        Assert.That(source, Does.Contain("x is null ? 0xFFFFFF : unchecked((int)x.Value)"));
    }

    [TestCase("int? OptF64(double? x);", "it returns int?")]
    [TestCase("long? OldOptU64(int x);", "it returns long?")]
    [TestCase("uint? Length(int x);", "it returns uint?")]
    [TestCase("double? NextByte(double? x);", "parameter 1 is declared double?")]
    public void A_declared_type_that_cannot_hold_the_value_is_BG0024(string member, string message)
    {
        Diagnostic d = Run(member).Diagnostics.Single(x => x.Id == "BG0024");
        Assert.That(d.GetMessage(), Does.Contain(message));
    }
}
