using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>One call of a package function, as both hosts make it.</summary>
/// <param name="Package">snappy, oxipng, sql or jieba.</param>
/// <param name="Function">The glue's JavaScript function name.</param>
/// <param name="Arguments">Strings, byte arrays, numbers, booleans or null.</param>
public sealed record PackageCall(string Package, string Function, params object?[] Arguments)
{
    public override string ToString()
    {
        string Describe(object? a) => a switch
        {
            string s => s.Length > 24 ? $"string[{s.Length}]" : JsonSerializer.Serialize(s),
            byte[] b => $"bytes[{b.Length}]",
            null => "null",
            _ => a.ToString()!,
        };
        return $"{Package}.{Function}({string.Join(", ", Arguments.Select(Describe))})";
    }
}

/// <summary>Node running each package's own glue (npm/reference.mjs): the reference the results must equal.</summary>
public static class ReferenceHost
{
    public static string NpmFolder => typeof(ReferenceHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "FixtureNpm").Value!;

    /// <summary>Runs every call in one Node process; each result encoded as <see cref="Encode"/> encodes.</summary>
    public static string[] Run(IReadOnlyList<PackageCall> calls)
    {
        var input = new JsonArray(calls.Select(c => (JsonNode)new JsonObject
        {
            ["pkg"] = c.Package,
            ["fn"] = c.Function,
            ["args"] = new JsonArray(c.Arguments.Select(ToJson).ToArray()),
        }).ToArray());
        return RunNode("reference.mjs", input).Select(r => r!["error"] is { } e ? "error: " + e.GetValue<string>() : r["trap"] is not null ? "trap" : "ok: " + FromJson(r["ok"])).ToArray();
    }

    /// <summary>Runs <paramref name="script"/> (in the npm folder) in Node on <paramref name="input"/>; its output, parsed.</summary>
    public static JsonArray RunNode(string script, JsonNode input)
    {
        return JsonNode.Parse(Bindgen.TestSupport.NodeProcess.Run(NpmFolder, script, input.ToJsonString()))!.AsArray();
    }

    /// <summary>A result as text: <c>ok: s:...</c>, <c>ok: b:base64</c>, <c>ok: [..]</c> or <c>error: message</c>.</summary>
    public static string Encode(Func<object?> call)
    {
        try
        {
            return "ok: " + Value(call());
        }
        catch (Bindgen.WasmBindgen.JsException e)
        {
            return "error: " + e.Message;
        }
        catch (Bindgen.GuestTrapException)
        {
            return "trap";
        }
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => "s:" + s,
        byte[] b => "b:" + Convert.ToBase64String(b),
        string[] a => "[" + string.Join(",", a.Select(Value)) + "]",
        _ => value.ToString()!,
    };

    private static string FromJson(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray a => "[" + string.Join(",", a.Select(FromJson)) + "]",
        JsonObject o when o["s"] is { } s => "s:" + s.GetValue<string>(),
        JsonObject o when o["b"] is { } b => "b:" + b.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => new JsonObject { ["s"] = s },
        byte[] b => new JsonObject { ["b"] = Convert.ToBase64String(b) },
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        _ => throw new ArgumentException("unsupported argument " + value),
    };
}
