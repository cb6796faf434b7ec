using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// @dqbd/tiktoken 1.0.22: every bound export (three functions returning or naming an encoding, the Tiktoken class's
/// getter and four methods) called through the generated binding and through the package's own glue in Node
/// (npm/tiktoken.mjs), results and error messages compared as text, under both engine configurations.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class TiktokenTests
{
    private static readonly Lazy<((string Function, JsonArray Args)[] Calls, string[] Expected)> Reference = new(() =>
    {
        (string Function, JsonArray Args)[] calls = Calls().ToArray();
        var input = new JsonArray(calls.Select(c => (JsonNode)new JsonObject { ["fn"] = c.Function, ["args"] = c.Args.DeepClone() }).ToArray());
        return (calls, ReferenceHost.RunNode("tiktoken.mjs", input).Select(r => r!.ToJsonString()).ToArray());
    });

    private readonly EngineSetting _setting;

    public TiktokenTests(EngineSetting setting) => _setting = setting;

    public static IEnumerable<(string Function, JsonArray Args)> Calls()
    {
        static JsonObject S(string s) => new() { ["s"] = s };
        foreach (string name in new[] { "gpt2", "cl100k_base", "o200k_base", "nope", string.Empty })
        {
            yield return ("get_encoding", new JsonArray(S(name)));
        }

        foreach (string model in new[] { "gpt-4", "gpt-4o", "text-davinci-003", "nope" })
        {
            yield return ("encoding_for_model", new JsonArray(S(model)));
            yield return ("get_encoding_name_for_model", new JsonArray(S(model)));
        }

        string long_ = string.Concat(Enumerable.Repeat("Bindgen calls wasm-bindgen classes. 日本語 ✓ ", 3000));
        foreach (string encoding in new[] { "gpt2", "cl100k_base" })
        {
            JsonObject Enc() => new() { ["enc"] = encoding };
            yield return ("Tiktoken.get name", new JsonArray(Enc()));
            foreach (string text in new[] { string.Empty, "hello world", "héllo wörld ✓ 🎉 日本語", "lone \uD800 surrogate", "<|endoftext|> is special", long_ })
            {
                yield return ("Tiktoken.encode_ordinary", new JsonArray(Enc(), S(text)));
            }

            yield return ("Tiktoken.decode", new JsonArray(Enc(), new JsonObject { ["u32"] = new JsonArray(31373, 995, 0, 50256) }));
            yield return ("Tiktoken.decode", new JsonArray(Enc(), new JsonObject { ["u32"] = new JsonArray() }));
            yield return ("Tiktoken.decode_single_token_bytes", new JsonArray(Enc(), 31373));
            yield return ("Tiktoken.decode_single_token_bytes", new JsonArray(Enc(), 999999999));
            yield return ("Tiktoken.encode_single_token", new JsonArray(Enc(), new JsonObject { ["b"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("hello")) }));
            yield return ("Tiktoken.encode_single_token", new JsonArray(Enc(), new JsonObject { ["b"] = "AAAAAAAA" }));
        }
    }

    [Test]
    public void EveryCallMatchesNodeRunningThePackagesOwnGlue()
    {
        ((string Function, JsonArray Args)[] calls, string[] expected) = Reference.Value;
        using Engine engine = Engines.Create(_setting);
        TiktokenModule module = TiktokenModule.Instantiate(engine, new Store(engine), Packages.Load(engine, "@dqbd/tiktoken/tiktoken_bg.wasm"));
        var mismatches = new List<string>();
        for (int i = 0; i < calls.Length; i++)
        {
            string actual = Run(module, calls[i].Function, JsonNode.Parse(calls[i].Args.ToJsonString())!.AsArray());
            if (actual != expected[i])
            {
                mismatches.Add($"{calls[i].Function}:\n  Node:    {expected[i]}\n  Bindgen: {actual}".Substring(0, Math.Min(900, 40 + calls[i].Function.Length + expected[i].Length + actual.Length)));
            }
        }

        Assert.That(mismatches, Is.Empty, $"{mismatches.Count} of {calls.Length} calls differ:\n" + string.Join("\n", mismatches));
        Assert.That(expected.Count(e => e.StartsWith("{\"error\"", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(4), "the calls include errors the module throws");
        Assert.That(calls.Select(c => c.Function).Distinct().Count(), Is.EqualTo(8), "every bound export is called");
    }

    /// <summary>One call as tiktoken.mjs makes it; the answer as it writes it.</summary>
    private static string Run(ITiktokenModule module, string function, JsonArray args)
    {
        var made = new List<IDisposable>();
        JsonObject answer;
        try
        {
            static string S(JsonNode? n) => n!["s"]!.GetValue<string>();
            ITiktokenModule.ITiktoken Enc(JsonNode? n)
            {
                ITiktokenModule.ITiktoken encoding = module.GetEncoding(n!["enc"]!.GetValue<string>(), JsUndefined.Value);
                made.Add(encoding);
                return encoding;
            }

            JsonNode? Wrap(ITiktokenModule.ITiktoken encoding)
            {
                made.Add(encoding);
                return new JsonObject { ["name"] = encoding.Name is { } name ? new JsonObject { ["s"] = name } : null };
            }

            JsonNode? result = function switch
            {
                "get_encoding" => Wrap(module.GetEncoding(S(args[0]), JsUndefined.Value)),
                "encoding_for_model" => Wrap(module.EncodingForModel(S(args[0]), JsUndefined.Value)),
                "get_encoding_name_for_model" => new JsonObject { ["s"] = module.GetEncodingNameForModel(S(args[0])) },
                "Tiktoken.get name" => Enc(args[0]).Name is { } n ? new JsonObject { ["s"] = n } : null,
                "Tiktoken.encode_ordinary" => U32(Enc(args[0]).EncodeOrdinary(S(args[1]))),
                "Tiktoken.decode" => B(Enc(args[0]).Decode(args[1]!["u32"]!.AsArray().Select(t => t!.GetValue<uint>()).ToArray())),
                "Tiktoken.decode_single_token_bytes" => B(Enc(args[0]).DecodeSingleTokenBytes(args[1]!.GetValue<uint>())),
                "Tiktoken.encode_single_token" => JsonValue.Create(Enc(args[0]).EncodeSingleToken(Convert.FromBase64String(args[1]!["b"]!.GetValue<string>()))),
                _ => throw new ArgumentException("no such call: " + function),
            };
            answer = new JsonObject { ["ok"] = result };
        }
        catch (JsException e)
        {
            answer = new JsonObject { ["error"] = e.Message };
        }
        catch (GuestTrapException)
        {
            answer = new JsonObject { ["trap"] = true };
        }

        var freeErrors = new JsonArray();
        foreach (IDisposable instance in made)
        {
            try
            {
                instance.Dispose();
            }
            catch (JsException e)
            {
                freeErrors.Add(e.Message);
            }
        }

        if (freeErrors.Count > 0)
        {
            answer["free"] = freeErrors;
        }

        return answer.ToJsonString();
    }

    private static JsonNode U32(uint[] tokens) => new JsonObject { ["u32"] = new JsonArray(tokens.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()) };

    private static JsonNode B(byte[] bytes) => new JsonObject { ["b"] = Convert.ToBase64String(bytes) };
}
