using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// JavaScript objects both ways, against Node running each package's own glue (npm/objects.mjs), under both engine
/// configurations: sql_fmt's config walked by serde-wasm-bindgen (as a record, as a dictionary, as a JsObject),
/// tiktoken's special-token dictionary and "all"-or-array arguments (JSON.stringify of objects), and its structured
/// results (JSON.parse). Results compared as JSON values, errors as text.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ObjectTests
{
    private const string Query = "select a, b, count(*) as n from t inner join u on t.id = u.id where x = 1 and y in (1, 2, 3) group by a, b order by a; select 1";
    private const string Bpe = "YQ== 0\nYg== 1\nYw== 2\nYWI= 3\nIA== 4\n4pyT 5";
    private const string Pattern = @"\w+|\s+|.";

    private static readonly Lazy<(JsonObject[] Calls, string[] Expected)> Reference = new(() =>
    {
        JsonObject[] calls = Calls().ToArray();
        var input = new JsonArray(calls.Select(c => (JsonNode)c.DeepClone()).ToArray());
        return (calls, ReferenceHost.RunNode("objects.mjs", input).Select(Text).ToArray());
    });

    private readonly EngineSetting _setting;

    public ObjectTests(EngineSetting setting) => _setting = setting;

    /// <summary>sql_fmt configs: valid ones, and ones serde rejects (wrong types, unknown variants, negative widths).</summary>
    public static IEnumerable<JsonNode?> SqlConfigs() => new[]
    {
        null, "{}", """{"uppercase":true,"indent_width":4}""", """{"indent_style":"tab"}""",
        """{"lines_between_queries":3,"inline":false,"max_inline_block":10,"dialect":"postgresql"}""",
        """{"ignore_case_convert":["select","from"],"uppercase":true}""", """{"max_inline_arguments":20,"joins_as_top_level":true}""",
        """{"inline":true,"max_inline_top_level":80,"dialect":"sqlserver"}""", """{"unknown_field":1,"uppercase":false}""",
        """{"uppercase":"yes"}""", """{"indent_width":-1}""", """{"indent_width":2.5}""", """{"dialect":"nope"}""",
        """{"indent_style":5}""", """{"ignore_case_convert":"select"}""", """{"ignore_case_convert":[1,2]}""", """{"uppercase":null}""",
        "[1,2]", "\"text\"", "7",
    }.Select(t => t is null ? null : JsonNode.Parse(t));

    private static IEnumerable<JsonObject> Calls()
    {
        foreach (JsonNode? config in SqlConfigs())
        {
            yield return new JsonObject { ["pkg"] = "sql", ["fn"] = "format", ["args"] = new JsonArray(Query, config?.DeepClone()) };
        }

        // One module instance serves every tiktoken call in both hosts, in this order: completions come out of a Rust
        // HashSet, whose order depends on how many hash maps the instance made before.
        var special = new JsonObject { ["<|end|>"] = 100, ["<|x|>"] = 101 };
        JsonArray Make(JsonNode? specials = null) => new(Bpe, (specials ?? special).DeepClone(), Pattern);

        foreach (string text in new[] { "ab c<|end|>", "ab ✓ a<|x|>b", string.Empty })
        {
            foreach ((string allowed, string disallowed) in new[] { ("\"all\"", "null"), ("[]", "\"all\""), ("[\"<|end|>\"]", "[]"), ("[]", "[\"<|x|>\"]"), ("5", "null"), ("{\"a\":1}", "null"), ("[\"<|end|>\",\"<|x|>\"]", "\"all\"") })
            {
                yield return new JsonObject { ["pkg"] = "tiktoken", ["fn"] = "encode", ["make"] = Make(), ["args"] = new JsonArray(text, JsonNode.Parse(allowed), JsonNode.Parse(disallowed)) };
            }

            yield return new JsonObject { ["pkg"] = "tiktoken", ["fn"] = "encode_with_unstable", ["make"] = Make(), ["args"] = new JsonArray(text, "all", null) };
        }

        yield return new JsonObject { ["pkg"] = "tiktoken", ["fn"] = "encode_with_unstable", ["make"] = Make(), ["args"] = new JsonArray("ab a", new JsonArray(), "all") };
        yield return new JsonObject { ["pkg"] = "tiktoken", ["fn"] = "token_byte_values", ["make"] = Make(), ["args"] = new JsonArray() };
        yield return new JsonObject { ["pkg"] = "tiktoken", ["fn"] = "new", ["make"] = Make(), ["args"] = new JsonArray() };
        foreach (string bad in new[] { """{"a":1,"b":1}""", """{"<|end|>":"x"}""", """{"<|end|>":1.5}""", "[]" })
        {
            yield return new JsonObject { ["pkg"] = "tiktoken", ["fn"] = "new", ["make"] = Make(JsonNode.Parse(bad)), ["args"] = new JsonArray() };
        }
    }

    [Test]
    public void EveryCallMatchesNodeRunningThePackagesOwnGlue()
    {
        (JsonObject[] calls, string[] expected) = Reference.Value;
        using Engine engine = Engines.Create(_setting);
        var hosts = new Hosts(engine);
        var mismatches = new List<string>();
        for (int i = 0; i < calls.Length; i++)
        {
            string actual;
            try
            {
                actual = "ok: " + Run(hosts, calls[i]);
            }
            catch (JsException e)
            {
                actual = "error: " + e.Message;
            }

            if (actual != expected[i])
            {
                mismatches.Add($"{calls[i].ToJsonString()}:\n  Node:    {expected[i]}\n  Bindgen: {actual}");
            }
        }

        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches));
        Assert.That(expected.Count(e => e.StartsWith("error: ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(8), "the calls include objects serde rejects");
        Assert.That(expected.Distinct().Count(), Is.GreaterThan(calls.Length / 2), "configs change the results");
    }

    /// <summary>
    /// The binding a <c>&lt;BindgenPackage&gt;</c> generates passes sql_fmt's optional config through its overload taking
    /// it (and undefined through the one without it): the same results and errors as Node, every config.
    /// </summary>
    [Test]
    public void The_package_binding_passes_an_options_object_through_its_overload()
    {
        (JsonObject[] calls, string[] expected) = Reference.Value;
        using Engine engine = Engines.Create(_setting);
        FromPackage.SqlFmt sql = FromPackage.SqlFmtPackage.Instantiate(engine, new Store(engine));
        int compared = 0;
        for (int i = 0; i < calls.Length; i++)
        {
            if ((string)calls[i]["pkg"]! != "sql")
            {
                continue;
            }

            JsonArray args = calls[i]["args"]!.AsArray();
            string actual;
            try
            {
                actual = "ok: " + JsonValue.Create(sql.Format((string)args[0]!, Dotnet(args[1])))!.ToJsonString();
            }
            catch (JsException e)
            {
                actual = "error: " + e.Message;
            }

            Assert.That(actual, Is.EqualTo(expected[i]), calls[i].ToJsonString());
            compared++;
        }

        Assert.That(compared, Is.EqualTo(SqlConfigs().Count()));
        Assert.That("ok: " + JsonValue.Create(sql.Format(Query))!.ToJsonString(), Is.EqualTo(expected[0]), "the overload without the config passes undefined");
    }

    /// <summary>Every valid config passed as a record gives what the same config as a dictionary gives, in both hosts.</summary>
    [Test]
    public void A_record_config_is_the_object_with_its_mapped_names()
    {
        using Engine engine = Engines.Create(_setting);
        SqlFormatterWithConfig sql = SqlFormatterWithConfig.Instantiate(engine, new Store(engine), Packages.Load(engine, "@wasm-fmt/sql_fmt/sql_fmt_bg.wasm"));
        (SqlConfig Record, string Json)[] cases =
        {
            (new SqlConfig { Uppercase = true, IndentWidth = 4 }, """{"uppercase":true,"indent_width":4}"""),
            (new SqlConfig { IndentStyle = "tab" }, """{"indent_style":"tab"}"""),
            (new SqlConfig { LinesBetweenQueries = 3, Inline = false, MaxInlineBlock = 10, Dialect = "postgresql" }, """{"lines_between_queries":3,"inline":false,"max_inline_block":10,"dialect":"postgresql"}"""),
            (new SqlConfig { IgnoreCaseConvert = new[] { "select", "from" }, Uppercase = true }, """{"ignore_case_convert":["select","from"],"uppercase":true}"""),
            (new SqlConfig { MaxInlineArguments = 20, JoinsAsTopLevel = true }, """{"max_inline_arguments":20,"joins_as_top_level":true}"""),
            (new SqlConfig(), "{}"),
        };
        string[] expected = ReferenceHost.RunNode("objects.mjs", new JsonArray(cases.Select(c => (JsonNode)new JsonObject { ["pkg"] = "sql", ["fn"] = "format", ["args"] = new JsonArray(Query, JsonNode.Parse(c.Json)) }).ToArray())).Select(Text).ToArray();
        for (int i = 0; i < cases.Length; i++)
        {
            Assert.That("ok: " + JsonValue.Create(sql.FormatWith(Query, cases[i].Record))!.ToJsonString(), Is.EqualTo(expected[i]), cases[i].Json);
        }

        Assert.That(expected.Distinct().Count(), Is.EqualTo(cases.Length), "each config formats differently");
    }

    /// <summary>One instance of each binding per engine, as Node loads each package once.</summary>
    private sealed class Hosts
    {
        private readonly Engine _engine;
        private SqlFormatterWithObject? _sql;
        private TiktokenObjects? _tiktoken;
        private TiktokenFromAnyValue? _any;

        public Hosts(Engine engine) => _engine = engine;

        public SqlFormatterWithObject Sql => _sql ??= SqlFormatterWithObject.Instantiate(_engine, new Store(_engine), Packages.Load(_engine, "@wasm-fmt/sql_fmt/sql_fmt_bg.wasm"));

        public TiktokenObjects Tiktoken => _tiktoken ??= TiktokenObjects.Instantiate(_engine, new Store(_engine), Packages.Load(_engine, "@dqbd/tiktoken/tiktoken_bg.wasm"));

        public TiktokenFromAnyValue Any => _any ??= TiktokenFromAnyValue.Instantiate(_engine, new Store(_engine), Packages.Load(_engine, "@dqbd/tiktoken/tiktoken_bg.wasm"));
    }

    private static string Run(Hosts hosts, JsonObject call)
    {
        JsonArray args = call["args"]!.AsArray();
        if ((string)call["pkg"]! == "sql")
        {
            // A config as a dictionary of .NET values (numbers, strings, arrays), converted by JsConvert as the binding passes it.
            return JsonValue.Create(hosts.Sql.Format((string)args[0]!, Dotnet(args[1])))!.ToJsonString();
        }

        JsonArray make = call["make"]!.AsArray();
        object? specials = Dotnet(make[1]);
        if (specials is not Dictionary<string, object?> map || !map.Values.All(v => v is double d && d == Math.Floor(d)))
        {
            using ITiktokenFromAnyValue.ITiktoken made = hosts.Any.NewTiktoken((string)make[0]!, specials!, (string)make[2]!);
            return Json(made.Name);
        }

        using ITiktokenObjects.ITiktoken encoder = hosts.Tiktoken.NewTiktoken((string)make[0]!, map.ToDictionary(p => p.Key, p => (int)(double)p.Value!), (string)make[2]!);
        object? Arg(int i) => i < args.Count ? Dotnet(args[i]) : JsUndefined.Value;
        return (string)call["fn"]! switch
        {
            "new" => "null",
            "encode" => Json(encoder.Encode((string)args[0]!, Arg(1), Arg(2)).Select(t => (object?)(double)t).ToList()),
            "encode_with_unstable" => Json(encoder.EncodeWithUnstable((string)args[0]!, Arg(1), Arg(2))),
            "token_byte_values" => Json(encoder.TokenByteValues().Select(b => (object?)b.Select(x => (object?)(double)x).ToList()).ToList()),
            string fn => throw new ArgumentException(fn),
        };
    }

    /// <summary>A JSON value as .NET values: dictionaries, lists, doubles, strings, booleans, null.</summary>
    private static object? Dotnet(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => Dotnet(p.Value)),
        JsonArray a => a.Select(Dotnet).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v => double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(node.ToJsonString()),
    };

    /// <summary>A JavaScript value the binding returned, as JSON (the form Node's result is compared in).</summary>
    private static string Json(object? value) => ToNode(value)?.ToJsonString() ?? "null";

    private static JsonNode? ToNode(object? value) => value switch
    {
        null or JsUndefined => null,
        bool b => JsonValue.Create(b),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        List<object?> list => new JsonArray(list.Select(ToNode).ToArray()),
        JsObject o => new JsonObject(o.Properties.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, ToNode(p.Value)))),
        _ => throw new ArgumentException("not a JSON value: " + value.GetType()),
    };

    private static string Text(JsonNode? result) =>
        result!["error"] is { } e ? "error: " + e.GetValue<string>() : result["trap"] is not null ? "trap" : "ok: " + (result["ok"]?.ToJsonString() ?? "null");
}
