using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Result forms of loro-crdt's glue (wasm-bindgen 0.2.10x): an optional <c>Uint8Array</c>, a <c>char</c> (from the return
/// area and direct), an <c>Option&lt;u32&gt;</c> as an f64 beside an error, and an f64 beside an error in a 32-byte
/// return area. What each binds to, the code compiles, and a declared type that cannot hold the value is BG0024 (the
/// calls themselves are compared with Node in Bindgen.WasmBindgen.Tests' FromPackageTests).
/// </summary>
public sealed class WasmBindgenResultFormTests
{
    private const string Glue = """
        export function pending() {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                wasm.pending(retptr);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
                var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
                var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
                if (r3) {
                    throw takeObject(r2);
                }
                let v1;
                if (r0 !== 0) {
                    v1 = getArrayU8FromWasm0(r0, r1).slice();
                    wasm.__wbindgen_free(r0, r1 * 1, 1);
                }
                return v1;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }
        export function char_at(pos) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                wasm.char_at(retptr, pos);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
                var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
                if (r2) {
                    throw takeObject(r1);
                }
                return String.fromCodePoint(r0);
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }
        export function first_char() {
            const ret = wasm.first_char();
            return String.fromCodePoint(ret);
        }
        export function index() {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                wasm.index(retptr);
                var r0 = getDataViewMemory0().getFloat64(retptr + 8 * 0, true);
                var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
                var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
                if (r3) {
                    throw takeObject(r2);
                }
                return r0 === 0x100000001 ? undefined : r0;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }
        export function timestamp(peer) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-32);
                wasm.timestamp(retptr, peer);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r2 = getDataViewMemory0().getFloat64(retptr + 8 * 1, true);
                var r4 = getDataViewMemory0().getInt32(retptr + 4 * 4, true);
                var r5 = getDataViewMemory0().getInt32(retptr + 4 * 5, true);
                if (r5) {
                    throw takeObject(r4);
                }
                return r0 === 0 ? undefined : r2;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(32);
            }
        }
        export function odd_area() {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-24);
                wasm.odd_area(retptr);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                return r0;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(24);
            }
        }
        """;

    private static GenerationResult Run(string members) => GeneratorHarness.Run(
        new[] { new InMemoryAdditionalText("/pkg/results.js", Glue) },
        "using System; using Bindgen;\n[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"results.js\")] public interface IResults { " + members + " }");

    [Test]
    public void Each_form_binds_reads_its_words_and_compiles()
    {
        GenerationResult result = Run("byte[]? Pending(); string CharAt(int pos); string FirstChar(); double? Index(); double? Timestamp(int peer);");
        Assert.That(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        string source = result.Sources.Single().SourceText.ToString();

        // Option<Vec<u8>>: a null pointer is undefined.
        Assert.That(source, Does.Contain("return __words.R0 == 0 ? null : __g.TakeArray<byte>(__words.R0, __words.R1, 1, __op);"));

        // char: one scalar value, from the return area or direct; anything else is a typed error, not a wrong string.
        Assert.That(source, Does.Contain("return global::System.Text.Rune.TryCreate(__words.R0, out global::System.Text.Rune __rune) ? __rune.ToString()"));
        Assert.That(source, Does.Contain("__exports.Func<int>(\"first_char\", \"() -> i32\")"));
        Assert.That(source, Does.Contain("global::System.Text.Rune.TryCreate(__ret, out global::System.Text.Rune __rune)"));

        // Option<u32> beside an error: the f64 of words 0 and 1, none when it is 2^32 + 1.
        Assert.That(source, Does.Contain("global::System.BitConverter.Int64BitsToDouble(((long)__words.R1 << 32) | (uint)__words.R0) == 4294967297d ? null"));

        // 32 bytes reserved and released, read in two blocks: the flag and the f64 in the first, the error in the second.
        Assert.That(source, Does.Contain("__g.StackReserve(32, __op)"));
        Assert.That(source, Does.Contain("__g.StackRelease(32, __op)"));
        Assert.That(source, Does.Contain("global::Bindgen.Internals.ReturnWords __words1 = __g.ReadReturnArea(__area + 16, __op);"));
        Assert.That(source, Does.Contain("if (__words1.R1 != 0) throw __g.Error(__words1.R0, __op);"));
        Assert.That(source, Does.Contain("__words.R0 == 0 ? null : unchecked((double)global::System.BitConverter.Int64BitsToDouble(((long)__words.R3 << 32) | (uint)__words.R2))"));
    }

    [TestCase("byte[] Pending();", null)]
    [TestCase("string? Pending();", "a Uint8Array or undefined")]
    [TestCase("int CharAt(int pos);", "a char, one code point as a string")]
    [TestCase("int? Index();", null)]
    [TestCase("float? Index();", "it returns float?")]
    [TestCase("long? Timestamp(int peer);", "it returns long?")]
    [TestCase("int OddArea();", "reserves a 24-byte return area")]
    public void A_declared_type_that_cannot_hold_the_value_is_BG0024(string member, string? message)
    {
        Diagnostic[] found = Run(member).Diagnostics.Where(x => x.Id is "BG0024" or "BG0023").ToArray();
        if (message is null)
        {
            Assert.That(found, Is.Empty, string.Join("\n", found.Select(d => d.GetMessage())));
            return;
        }

        Assert.That(found.Select(d => d.GetMessage()), Has.Some.Contains(message));
    }
}
