using System.Linq;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Structured values (records, classes, structs, dictionaries, sequences) where the glue passes or returns a
/// JavaScript value: the mappings compile, in both directions, for every shape of record, and types that have no
/// JavaScript form are refused at the declaration.
/// </summary>
public sealed class WasmBindgenJsShapeTests
{
    private const string Glue = """
        const heap = new Array(128).fill(undefined);
        export function configure(input, config) {
            const ret = wasm.configure(addHeapObject(input), isLikeNone(config) ? 0 : addHeapObject(config));
            return takeObject(ret);
        }
        export function __wbg_entries_0123(arg0) {
            const ret = Object.entries(getObject(arg0));
            return addHeapObject(ret);
        }
        export function __wbg_get_4567() { return handleError(function (arg0, arg1) {
            const ret = Reflect.get(getObject(arg0), getObject(arg1));
            return addHeapObject(ret);
        }, arguments); }
        export function __wbg_instanceof_Map_89ab(arg0) {
            let result;
            try {
                result = getObject(arg0) instanceof Map;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        }
        function handleError(f, args) {
            try {
                return f.apply(this, args);
            } catch (e) {
                wasm.__wbindgen_export3(addHeapObject(e));
            }
        }
        """;

    private const string Types = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        public sealed record Point(double X, double Y);
        public sealed record Shape(string Name, List<Point> Points, IReadOnlyDictionary<string, int>? Tags)
        {
            [JsonPropertyName("fill_color")] public string? FillColor { get; init; }
            public Shape? Child { get; init; }
        }
        public struct Size { public int Width { get; set; } public int Height { get; set; } }
        public class Options { public bool Verbose { get; set; } public Size Size { get; set; } public long[]? Seeds { get; set; } public int? Limit { get; set; } }
        """;

    private static GenerationResult Run(string declaration) =>
        GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/pkg/shapes.js", Glue) }, "using System; using Bindgen;\n" + Types + declaration);

    [TestCase("Shape Configure(Shape input, Options? config);")]
    [TestCase("Options Configure(Options input, IDictionary<string, object?>? config);")]
    [TestCase("Dictionary<string, Point[]> Configure(List<Shape> input, object? config);")]
    [TestCase("object? Configure(Size input);")]
    [TestCase("IReadOnlyList<Size>? Configure(Bindgen.WasmBindgen.JsObject input, Shape config);")]
    public void Records_dictionaries_and_sequences_compile_both_ways(string method)
    {
        GenerationResult result = Run("[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"shapes.js\")] public interface IShapes { " + method + " }");
        Assert.That(result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error), Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        string text = result.Sources.Single().SourceText.ToString();
        Assert.That(text, Does.Contain("ExceptionStore = \"__wbindgen_export3\""), "handleError's numbered export");
    }

    [Test]
    public void A_record_maps_its_properties_by_their_javascript_names()
    {
        string text = Run("[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"shapes.js\")] public interface IShapes { Shape Configure(Shape input, Options? config); }")
            .Sources.Single().SourceText.ToString();
        Assert.That(text, Does.Contain("__object[\"fill_color\"]"), "[JsonPropertyName]");
        Assert.That(text, Does.Contain("__object[\"points\"]"), "camelCase");
        Assert.That(text, Does.Contain("new global::Shape(").And.Contain("FillColor = "), "the constructor, then the settable rest");
    }

    [Test]
    public void An_enum_is_the_number_it_is_so_a_javascript_object_parameter_refuses_it()
    {
        // A TypeScript enum crosses as a number (the glue passes it as it is); where the glue takes an object it does not fit.
        GenerationResult result = Run("[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"shapes.js\")] public interface IShapes { void Configure(System.DayOfWeek input); }");
        Assert.That(result.Diagnostics.Where(d => d.Id == "BG0024").Select(d => d.GetMessage()), Has.Some.Contains("declared int"));
        Assert.That(result.CompileProblems.Select(d => d.Id), Is.All.EqualTo("CS0535"), "only the refused member is missing, as for any refused method");
    }

    [TestCase("void Configure(System.IO.Stream input);")]
    public void Types_without_a_javascript_form_are_refused_at_the_parameter(string method)
    {
        GenerationResult result = Run("[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"shapes.js\")] public interface IShapes { " + method + " }");
        Assert.That(result.Diagnostics.Select(d => d.Id), Does.Contain("BG0001"));
        Assert.That(result.CompileProblems.Select(d => d.Id), Is.All.EqualTo("CS0535"), "only the refused member is missing, as for any refused method");
    }
}
