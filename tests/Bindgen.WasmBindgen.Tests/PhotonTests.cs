using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// @silvia-odwyer/photon-node 0.3.4, an image library whose API is exported classes: every bound free function
/// (twice, with two sets of arguments) and every bound member of PhotonImage, Rgb and Rgba, called through the
/// generated binding and through the package's own glue in Node (npm/photon.mjs), results, the pixels each call
/// leaves in its image arguments, error messages and panics compared as text, under both engine configurations.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class PhotonTests
{
    private static readonly Lazy<((string Function, JsonArray Args)[] Calls, string[] Expected)> Reference = new(() =>
    {
        (string Function, JsonArray Args)[] calls = Calls().ToArray();
        var input = new JsonArray(calls.Select(c => (JsonNode)new JsonObject { ["fn"] = c.Function, ["args"] = c.Args.DeepClone() }).ToArray());
        return (calls, ReferenceHost.RunNode("photon.mjs", input).Select(r => r!.ToJsonString()).ToArray());
    });

    private readonly EngineSetting _setting;

    public PhotonTests(EngineSetting setting) => _setting = setting;

    public static IEnumerable<(string Function, JsonArray Args)> Calls()
    {
        foreach ((string Function, JsonArray Args) call in PhotonCalls.FreeFunctionCalls())
        {
            yield return call;
        }

        JsonNode image = PhotonCalls.Image(8, 6, 3);
        string png = Convert.ToBase64String(PackageTests.SamplePng(5));
        yield return ("PhotonImage.constructor", new JsonArray(new JsonObject { ["b"] = "AQIDBAUGBwg=" }, 2, 1));
        yield return ("PhotonImage.constructor", new JsonArray(new JsonObject { ["b"] = "AQID" }, 2, 1));
        yield return ("PhotonImage.new_from_byteslice", new JsonArray(new JsonObject { ["b"] = png }));
        yield return ("PhotonImage.new_from_byteslice", new JsonArray(new JsonObject { ["b"] = "AQID" }));
        yield return ("PhotonImage.new_from_base64", new JsonArray(new JsonObject { ["s"] = png }));
        yield return ("PhotonImage.new_from_base64", new JsonArray(new JsonObject { ["s"] = "not base64!" }));
        foreach (string method in new[] { "get_width", "get_height", "get_raw_pixels", "get_base64", "get_bytes", "get_bytes_webp" })
        {
            yield return ("PhotonImage." + method, new JsonArray(image.DeepClone()));
        }

        yield return ("PhotonImage.get_bytes_jpeg", new JsonArray(image.DeepClone(), 80));
        yield return ("Rgb.constructor", new JsonArray(1, 2, 300));
        yield return ("Rgba.constructor", new JsonArray(1, 2, 3, 4));
        foreach (string cls in new[] { "Rgb", "Rgba" })
        {
            JsonObject Color() => cls == "Rgb" ? new JsonObject { ["rgb"] = new JsonArray(9, 8, 7) } : new JsonObject { ["rgba"] = new JsonArray(9, 8, 7, 6) };
            foreach (string channel in cls == "Rgb" ? new[] { "red", "green", "blue" } : new[] { "red", "green", "blue", "alpha" })
            {
                yield return ($"{cls}.get_{channel}", new JsonArray(Color()));
                yield return ($"{cls}.set_{channel}", new JsonArray(Color(), 77));
            }
        }
    }

    [Test]
    public void EveryCallMatchesNodeRunningThePackagesOwnGlue()
    {
        ((string Function, JsonArray Args)[] calls, string[] expected) = Reference.Value;
        using Engine engine = Engines.Create(_setting);
        Photon photon = Instantiate(engine);
        var mismatches = new List<string>();
        for (int i = 0; i < calls.Length; i++)
        {
            string actual = PhotonCalls.Run(photon, calls[i].Function, calls[i].Args);
            if (actual != expected[i])
            {
                mismatches.Add($"{calls[i].Function}({Shorten(calls[i].Args.ToJsonString())}):\n  Node:    {Shorten(expected[i])}\n  Bindgen: {Shorten(actual)}");
            }
        }

        TestContext.Out.WriteLine($"{calls.Length} calls of {calls.Select(c => c.Function).Distinct().Count()} exports: {expected.Count(e => e.StartsWith("{\"ok\"", StringComparison.Ordinal))} ok, "
            + $"{expected.Count(e => e.StartsWith("{\"error\"", StringComparison.Ordinal))} errors, {expected.Count(e => e.StartsWith("{\"trap\"", StringComparison.Ordinal))} panics, {expected.Count(e => e.Contains("\"free\":", StringComparison.Ordinal))} with a failing free; {calls.Length - mismatches.Count} identical to Node");
        Assert.That(mismatches, Is.Empty, $"{mismatches.Count} of {calls.Length} calls differ:\n" + string.Join("\n", mismatches));
        Assert.That(calls.Select(c => c.Function).Distinct().Count(), Is.EqualTo(141 + 3 + 2 + 7 + 6 + 8), "every bound export is called");
        Assert.That(expected.Count(e => e.StartsWith("{\"ok\"", StringComparison.Ordinal)), Is.GreaterThan(calls.Length / 2), "most calls succeed");
        Assert.That(expected, Does.Contain("{\"trap\":true}"), "the calls include a panic");
    }

    internal static Photon Instantiate(Engine engine) =>
        Photon.Instantiate(engine, new Store(engine), Packages.Load(engine, "@silvia-odwyer/photon-node/photon_rs_bg.wasm"));

    private static string Shorten(string text) => text.Length > 300 ? text.Substring(0, 300) + $"... ({text.Length} chars)" : text;
}
