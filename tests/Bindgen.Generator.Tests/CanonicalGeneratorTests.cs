using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// [WasmModule(Abi = WasmAbi.Canonical)]: what it accepts compiles warning-free (a hand-picked interface and
/// seeded random nestings of every WIT type), export names, and the BG diagnostics for what it refuses.
/// </summary>
public sealed class CanonicalGeneratorTests
{
    private const string Types = """
        using System;
        using System.Text;
        using Bindgen;
        namespace N;
        public readonly record struct P(int X, int Y);
        public sealed record R(string Name, uint[] Values, P? Corner);
        public sealed class Settable { public string? Label { get; set; } public double Weight; }
        public readonly record struct One(byte Value);
        public enum Color : long { Red = 5, Green = -1, Blue = 100 }
        [Flags] public enum Perms : ushort { None = 0, Read = 1, Write = 4, All = 5, Exec = 0x100 }
        public abstract record Shape
        {
            public sealed record Circle(float Radius) : Shape;
            public sealed record Rect(P Corner) : Shape;
            public sealed record Named(string Name) : Shape;
            public sealed record Wide(double Value) : Shape;
            public sealed record Big(long Value) : Shape;
            public sealed record Empty() : Shape;
        }
        public abstract record Switch
        {
            public sealed record On() : Switch;
            public sealed record Off() : Switch;
        }
        """;

    [Test]
    public void Every_WIT_type_and_nesting_compiles_without_warnings()
    {
        GenerationResult result = GeneratorHarness.Run(Types + """
            [WasmModule(Abi = WasmAbi.Canonical, Interface = "local:demo/all@1.0.0")]
            public interface IAll
            {
                void Nothing();
                bool Scalars(bool a, sbyte b, byte c, short d, ushort e, int f, uint g, long h, ulong i, float j, double k, Rune l);
                string Text(string? maybe, params string[] rest);
                ulong Sum(ReadOnlySpan<byte> a, ReadOnlySpan<bool> b, ReadOnlySpan<double> c);
                R?[] Records(R?[] items, Settable settable);
                Result<string[], Shape> Nested(Result<string[], Shape> r);
                Result<Unit, string> Check(Result<int, Unit> a, Result<Unit, Unit> b);
                Result<Unit, Unit> Bare();
                (int, string, (P, Color)) Tuples((int, string, (P, Color)) t);
                Color Enum(Color c);
                Perms Flags(Perms p);
                One OneField(One o);
                Switch Toggle(Switch s);
                Shape Shapes(Shape s);
                int? MaybeInt(long? a, Rune? c);
                (bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, Rune, string) Wide((bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, Rune, string) t);
                ulong Many(uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint a8, uint a9, uint a10, uint a11, uint a12, uint a13, uint a14, uint a15, uint a16, string a17);
                int Keywords(int @class, string __op, int __m);
                string[][] Lists(byte[][] a, string?[]? b);
            }
            """);
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(source, Does.Contain("\"local:demo/all@1.0.0#one-field\", \"(i32) -> i32\""));
        Assert.That(source, Does.Contain("\"local:demo/all@1.0.0#many\", \"(i32) -> i64\""), "17 flat parameters spill to one pointer");
        Assert.That(source, Does.Contain("\"local:demo/all@1.0.0#shapes\", \"(i32, i64, i32) -> i32\""), "f32, i32, f64, i64 payloads join to i64; rect's second i32 stays");
        Assert.That(source, Does.Contain("\"cabi_post_local:demo/all@1.0.0#nothing\", \"() -> ()\""));
    }

    [Test]
    public void Parameters_named_like_every_generated_local_and_field_compile()
    {
        // Every local the canonical glue declares (__op, __g, __p, __s, __m, __r, __e, __result, __post, __rs, __rm,
        // __args, flat-lowering temporaries), 'e', and the binding's fields (_guest, _export_F, _post__export_F).
        GenerationResult result = GeneratorHarness.Run(Types + """
            [WasmModule(Abi = WasmAbi.Canonical)]
            public interface IClash
            {
                int F(int e, int _guest, int _export_F, int _post__export_F, int _export_G);
                string G(string __op, string __g, string __p, string __s, string __m, string __r, string __e, string __result, string __post);
                R H(R __rs, P __rm, string?[] __b0, Shape __blk2, int __n1, int __v3, Result<string[], Shape> _guest);
                ulong Many(uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint a8, uint a9, uint a10, uint a11, uint a12, uint a13, uint a14, uint a15, uint a16, string __args);
            }
            [WasmImports("local:demo/host", Abi = WasmAbi.Canonical)]
            public interface IClashHost
            {
                R Take(R __result, string e, string __caller, string[] __a0, P __s, string _guest);
            }
            """);
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
    }

    [Test]
    public void A_scalar_export_is_the_call_and_post_return_with_no_unused_local_cast_or_view()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmModule(Abi = WasmAbi.Canonical)]
            public interface ICalc { int Add(int a, int b); bool IsEven(int n); string Echo(string s); }
            """);
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        string source = result.Sources.Single().SourceText.ToString();
        string MethodText(string declaration)
        {
            int start = source.IndexOf(declaration, StringComparison.Ordinal);
            Assert.That(start, Is.GreaterThanOrEqualTo(0), declaration);
            int end = source.IndexOf("/// <inheritdoc/>", start, StringComparison.Ordinal);
            return source.Substring(start, (end < 0 ? source.Length : end) - start);
        }

        string add = MethodText("public int Add(int a, int b)");
        Assert.That(add, Does.Contain("_export_Add(a, b)"), "an s32 is passed as it is, without a cast");
        Assert.That(add, Does.Not.Contain("__g"), "no guest-memory local where memory is not touched");
        Assert.That(add, Does.Not.Contain("Lift").And.Not.Contain("__result"), "nothing is lifted from an s32");
        // Post-return stays: canon lift calls it for every result when the module exports it (CanonicalABI.md), as
        // Wasmtime.Components does for count-words in the integration tests.
        Assert.That(add, Does.Contain("_post__export_Add is { } __post"));
        Assert.That(MethodText("public bool IsEven(int n)"), Does.Contain("(__r != 0)").And.Not.Contain("fresh view").And.Not.Contain("__g"));
        Assert.That(MethodText("public string Echo(string s)"), Does.Contain("fresh view").And.Contain("_post__export_Echo is { } __post"));
    }

    [Test]
    public void Every_argument_is_measured_and_null_checked_before_the_allocation()
    {
        // Pair and Sw hold no string or list, so nothing of theirs is allocated; their nulls must still be refused
        // before the string's and the list's blocks are (CanonicalTests checks the order against a real guest).
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            public sealed record Pair(int A, int B);
            public abstract record Sw { public sealed record On() : Sw; public sealed record Off() : Sw; }
            [WasmModule(Abi = WasmAbi.Canonical)]
            public interface IOrder { void F(string s, Pair p, Sw w, Pair[] ps, (int, Pair) t); }
            """);
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        string source = result.Sources.Single().SourceText.ToString();
        int start = source.IndexOf("public void F(", StringComparison.Ordinal);
        string f = source.Substring(start, source.IndexOf("private static", start, StringComparison.Ordinal) - start);
        int allocate = f.IndexOf("__g.Allocate(__p, __op);", StringComparison.Ordinal);
        Assert.That(allocate, Is.GreaterThan(0), f);
        foreach (string argument in new[] { "s", "p", "w", "ps", "t" })
        {
            int plan = f.IndexOf($"(__p, {argument}, __op);", StringComparison.Ordinal);
            Assert.That(plan, Is.InRange(0, allocate), $"'{argument}' is measured and checked before the allocation:\n{f}");
        }
    }

    [Test]
    public void An_import_with_more_than_twelve_core_parameters_is_defined_untyped()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmImports("local:demo/host", Abi = WasmAbi.Canonical)]
            public interface IWideHost
            {
                ulong Weigh(uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint a8, uint a9, uint a10, uint a11, ulong a12, double a13, string a14);
            }
            """);
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("UntypedCallbackDelegate").And.Contain("AsDouble()"));
    }

    [Test]
    public void Export_names_are_kebab_case_after_the_interface_or_as_given()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmModule(Abi = WasmAbi.Canonical)]
            public interface IPlain { uint CountWords(string text); [WasmExport("exact-name")] void Other(); }
            """);
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(source, Does.Contain("__exports.Func<int, int, int>(\"count-words\", \"(i32, i32) -> i32\""));
        Assert.That(source, Does.Contain("__exports.Action(\"exact-name\", \"() -> ()\""));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
    }

    [TestCase("[WasmImports(\"env\", Abi = WasmAbi.WasmBindgen)] public interface IW { void F(); }", "the wasm-bindgen ABI for [WasmImports]")]
    [TestCase("[WasmModule(Abi = (WasmAbi)7)] public interface IX { void F(); }", "ABI value 7")]
    public void BG0020_reports_ABIs_not_supported_yet_at_the_argument(string declaration, string what)
    {
        string source = "using Bindgen;\n" + declaration;
        GenerationResult result = GeneratorHarness.Run(source);
        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0020");
        Assert.That(d.GetMessage(), Does.Contain(what));
        Assert.That(source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), Does.StartWith("Abi ="));
        Assert.That(result.Sources, Is.Empty);
    }

    [TestCase("public sealed record Node(string Name, Node[] Children);", "Node Tree(Node n);", "contains itself")]
    [TestCase("", "int? Twice(int?[] a, System.Collections.Generic.List<int> b);", "'global::System.Collections.Generic.List<int>' has no WIT form")]
    [TestCase("", "string Spans(ReadOnlySpan<string> a);", "ReadOnlySpan<T> is a list only")]
    [TestCase("public abstract class Lonely { }", "void F(Lonely l);", "has none")]
    [TestCase("public abstract record V { public sealed record Two(int A, int B) : V; }", "void F(V v);", "at most one value")]
    [TestCase("public sealed class Closed { public Closed(string other) { } public int X { get; } }", "void F(Closed c);", "can be neither constructed")]
    [TestCase("[Flags] public enum NoBits { None = 0 }", "void F(NoBits b);", "WIT flags need 1 to 32")]
    [TestCase("", "Unit F();", "absent payload")]
    [TestCase("public enum Alias { A = 1, B = 1 }", "void F(Alias a);", "'B' is an alias")]
    [TestCase("[Flags] public enum FlagAlias { A = 1, B = 1, C = 2 }", "void F(FlagAlias a);", "'B' is an alias")]
    [TestCase("public sealed class Hidden { public int X { private get; set; } }", "void F(Hidden h);", "no public fields")]
    [TestCase("", "void F(int[,] grid);", "has no WIT form")]
    [TestCase("", "void F(System.Version v);", "can be neither constructed")]
    [TestCase("", "void F(System.Guid g);", "can be neither constructed")]
    public void BG0001_reports_types_with_no_WIT_form_and_generates_the_rest(string declarations, string member, string problem)
    {
        string source = "using System; using Bindgen;\n" + declarations + "\n[WasmModule(Abi = WasmAbi.Canonical)]\npublic interface IBad { " + member + " int Fine(string s); }";
        GenerationResult result = GeneratorHarness.Run(source);
        Diagnostic? d = result.Diagnostics.FirstOrDefault(x => x.Id == "BG0001");
        Assert.That(d, Is.Not.Null, string.Join("\n", result.Diagnostics) + "\n" + string.Join("\n", result.Sources.Select(x => x.SourceText.ToString())));
        Assert.That(d!.GetMessage(), Does.Contain(problem));
        Assert.That(result.Sources, Has.Length.EqualTo(1), "the rest of the binding is generated");
        Assert.That(result.Output.GetDiagnostics().Where(x => x.Severity == DiagnosticSeverity.Error), Is.Empty);
    }

    /// <summary>Seeded random nestings of every WIT type as echo methods: the generator accepts them all and they compile.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Random_nested_types_compile(int seed)
    {
        var random = new Random(seed);
        var declarations = new StringBuilder();
        var methods = new StringBuilder();
        int next = 0;

        string Type(int depth)
        {
            int pick = depth >= 3 ? random.Next(8) : random.Next(17);
            switch (pick)
            {
                case 0: return "bool";
                case 1: return "sbyte";
                case 2: return "ushort";
                case 3: return "uint";
                case 4: return "long";
                case 5: return "double";
                case 6: return "Rune";
                case 7: return "string";
                case 8: return Type(depth + 1) + "[]";
                case 9:
                    string inner = Type(depth + 1);
                    return inner.EndsWith("?", StringComparison.Ordinal) ? inner : inner + "?";
                case 10: return $"Result<{Type(depth + 1)}, {(random.Next(3) == 0 ? "Unit" : Type(depth + 1))}>";
                case 11: return $"({Type(depth + 1)}, {Type(depth + 1)})";
                case 12:
                    string record = "Rec" + next++;
                    string recordText = $"public sealed record {record}({Type(depth + 1)} A, {Type(depth + 1)} B);";
                    declarations.AppendLine(recordText);
                    return record;
                case 13:
                    string variant = "Var" + next++;
                    string variantText = $"public abstract record {variant} {{ public sealed record X({Type(depth + 1)} V) : {variant}; public sealed record Y() : {variant}; public sealed record Z({Type(depth + 1)} V) : {variant}; }}";
                    declarations.AppendLine(variantText);
                    return variant;
                case 14:
                    string e = "En" + next++;
                    declarations.AppendLine($"public enum {e} {{ A, B, C }}");
                    return e;
                case 15:
                    string f = "Fl" + next++;
                    declarations.AppendLine($"[Flags] public enum {f} {{ A = 1, B = 2, C = 4 }}");
                    return f;
                default:
                    string s = "Str" + next++;
                    string structText = $"public record struct {s}({Type(depth + 1)} A);";
                    declarations.AppendLine(structText);
                    return s;
            }
        }

        var imports = new StringBuilder();
        for (int i = 0; i < 40; i++)
        {
            string t = Type(0);
            string method = $"    {t} Echo{i}({t} value, {Type(1)} other);";
            methods.AppendLine(method);
            string import = $"    {t} Take{i}({t} value);";
            imports.AppendLine(import);
        }

        string source = "using System; using System.Text; using Bindgen;\nnamespace R;\n" + declarations
            + "[WasmModule(Abi = WasmAbi.Canonical, Interface = \"local:random/echo\")]\npublic interface IRandom\n{\n" + methods + "}\n"
            + "[WasmImports(\"local:random/host\", Abi = WasmAbi.Canonical)]\npublic interface IRandomHost\n{\n" + imports + "}\n";
        GenerationResult result = GeneratorHarness.Run(source);

        // Everything is accepted: an import with more than 12 core parameters is defined through the untyped callback.
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics) + "\n" + source);
        Assert.That(result.Sources, Has.Length.EqualTo(2));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems.Take(10)) + "\n" + source);
    }
}
