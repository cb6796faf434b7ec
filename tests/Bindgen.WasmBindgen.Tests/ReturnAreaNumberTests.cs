using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>shapes/numbers.wat through its glue in wasm-bindgen's shape (shapes/numbers.js): numbers read from a return area.</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "numbers.js")]
public interface INumbers
{
    double? OptF64(double? x);

    float? OptF32(float? x);

    uint? OptU32(uint? x);

    int? OptI32(int? x);

    long? OptI64(long? x);

    ulong? OptU64(ulong? x);

    double? OldOptF64(double? x);

    uint? OldOptU32(uint? x);

    uint ResultU32(int x);

    double ResultF64(double x);

    bool ResultBool(int x);

    int? OptU8Next(int? x);
}

/// <summary>
/// Optional numbers (<c>Option&lt;f64&gt;</c>, <c>Option&lt;u64&gt;</c>...) and fallible ones (<c>Result&lt;u32, JsValue&gt;</c>,
/// <c>Result&lt;f64, JsValue&gt;</c>) that the glue reads from a return area, in the forms of 0.2.9x (a DataView) and
/// 0.2.8x (typed arrays), and <c>Option&lt;u8&gt;</c> passed as an i32: every call compared with Node running the same
/// glue on the same module (shapes/numbers.mjs), under both engine configurations.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ReturnAreaNumberTests
{
    private static readonly (string Function, object? Argument)[] Calls =
    {
        ("opt_f64", null), ("opt_f64", 0d), ("opt_f64", 1.5), ("opt_f64", -1e300), ("opt_f64", double.Epsilon),
        ("opt_f32", null), ("opt_f32", 0f), ("opt_f32", 1f), ("opt_f32", -7.25f),
        ("opt_u32", null), ("opt_u32", 0u), ("opt_u32", 7u), ("opt_u32", uint.MaxValue),
        ("opt_i32", null), ("opt_i32", 0), ("opt_i32", 5), ("opt_i32", int.MinValue),
        ("opt_i64", null), ("opt_i64", 0L), ("opt_i64", 5L), ("opt_i64", long.MinValue / 3),
        ("opt_u64", null), ("opt_u64", 0UL), ("opt_u64", 5UL), ("opt_u64", ulong.MaxValue),
        ("old_opt_f64", null), ("old_opt_f64", 2d), ("old_opt_u32", null), ("old_opt_u32", 1u),
        ("result_u32", 3), ("result_u32", 0), ("result_u32", -1),
        ("result_f64", 2d), ("result_f64", 0d), ("result_f64", -4d),
        ("result_bool", 4), ("result_bool", 7), ("result_bool", -2),
        ("opt_u8_next", null), ("opt_u8_next", 0), ("opt_u8_next", 254), ("opt_u8_next", 255),
    };

    private static readonly Lazy<string[]> Expected = new(() =>
    {
        string shapes = Path.GetFullPath(Path.Combine(ReferenceHost.NpmFolder, "..", "shapes"));
        byte[] wasm = Module.ConvertText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shapes", "numbers.wat")));
        var input = new JsonObject
        {
            ["wasm"] = Convert.ToBase64String(wasm),
            ["calls"] = new JsonArray(Calls.Select(c => (JsonNode)new JsonObject { ["fn"] = c.Function, ["args"] = new JsonArray(ToJson(c.Argument)) }).ToArray()),
        };
        return JsonNode.Parse(Bindgen.TestSupport.NodeProcess.Run(shapes, "numbers.mjs", input.ToJsonString()))!.AsArray().Select(Canonical).ToArray();
    });

    private readonly EngineSetting _setting;

    public ReturnAreaNumberTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void EveryCallGivesWhatNodeGivesRunningTheSameGlue()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        using Module module = Module.FromTextFile(engine, Path.Combine(AppContext.BaseDirectory, "shapes", "numbers.wat"));
        Numbers numbers = Numbers.Instantiate(engine, store, module);
        var actual = Calls.Select(c => Canonical(Call(numbers, c.Function, c.Argument))).ToArray();
        var differences = Enumerable.Range(0, Calls.Length).Where(i => actual[i] != Expected.Value[i])
            .Select(i => $"{Calls[i].Function}({Calls[i].Argument}): Node {Expected.Value[i]}, Bindgen {actual[i]}").ToList();
        Assert.That(differences, Is.Empty);
        Assert.That(Expected.Value.Count(e => e.Contains("\"ok\":null", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(12), "none results are among the compared ones");
        Assert.That(Expected.Value.Count(e => e.Contains("error", StringComparison.Ordinal)), Is.EqualTo(3), "each Result form's error is among them");
    }

    private static JsonNode Call(INumbers n, string function, object? a)
    {
        try
        {
            object? value = function switch
            {
                "opt_f64" => n.OptF64((double?)a),
                "opt_f32" => n.OptF32((float?)a),
                "opt_u32" => n.OptU32((uint?)a),
                "opt_i32" => n.OptI32((int?)a),
                "opt_i64" => n.OptI64((long?)a),
                "opt_u64" => n.OptU64((ulong?)a),
                "old_opt_f64" => n.OldOptF64((double?)a),
                "old_opt_u32" => n.OldOptU32((uint?)a),
                "result_u32" => n.ResultU32((int)a!),
                "result_f64" => n.ResultF64((double)a!),
                "result_bool" => n.ResultBool((int)a!),
                "opt_u8_next" => n.OptU8Next((int?)a),
                _ => throw new ArgumentException(function),
            };
            return new JsonObject { ["ok"] = ToJson(value) };
        }
        catch (JsException e)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    /// <summary>A value as numbers.mjs reads and writes it: numbers, null, 64-bit integers as { big }.</summary>
    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        long or ulong => new JsonObject { ["big"] = Convert.ToString(value, CultureInfo.InvariantCulture) },
        bool b => JsonValue.Create(b),
        float f => JsonValue.Create((double)f),
        _ => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>An answer as text, every number written the same way whichever host printed it (JavaScript writes 1e+300, .NET 1E+300).</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        null => "null",
        _ => node.ToJsonString(),
    };
}
