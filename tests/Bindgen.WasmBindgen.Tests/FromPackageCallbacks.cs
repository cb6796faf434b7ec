using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// The members of class instances read inside callbacks (ywasm's events: { cls, get, zero } in an answer's
/// "callbacks"), counted as calls of those members in the report: identical when Bindgen's read, at the same place in
/// the answer, is Node's.
/// </summary>
internal static class FromPackageCallbacks
{
    public static void Credit(string package, string expected, string actual, Dictionary<(string, string), (int Calls, int Identical)> outcome)
    {
        Dictionary<string, (string Key, string Value)> node = Reads(JsonNode.Parse(expected)?["callbacks"], "callbacks");
        Dictionary<string, (string Key, string Value)> bindgen = Reads(JsonNode.Parse(actual)?["callbacks"], "callbacks");
        foreach ((string path, (string key, string value)) in node)
        {
            bool same = bindgen.TryGetValue(path, out var other) && other.Key == key && other.Value == value;
            (int c, int s) = outcome.TryGetValue((package, key), out var o) ? o : (0, 0);
            outcome[(package, key)] = (c + 1, s + (same ? 1 : 0));
        }
    }

    /// <summary>Every member read in a callback's arguments (events at the top or in an array, not the instances their values read back), by its place.</summary>
    private static Dictionary<string, (string Key, string Value)> Reads(JsonNode? callbacks, string path)
    {
        var reads = new Dictionary<string, (string, string)>();
        void Walk(JsonNode? n, string at, int depth)
        {
            if (n is JsonArray array && depth < 4)
            {
                for (int i = 0; i < array.Count; i++)
                {
                    Walk(array[i], at + "/" + i, depth + 1);
                }
            }
            else if (n is JsonObject { } o && o["cls"]?.GetValue<string>() is { } cls && cls.EndsWith("Event", System.StringComparison.Ordinal))
            {
                foreach ((string name, JsonNode? value) in (o["get"] as JsonObject ?? new JsonObject()).Select(p => (p.Key, p.Value)))
                {
                    reads[at + "/get/" + name] = (cls + ".get " + name, value?.ToJsonString() ?? "null");
                }

                foreach ((string name, JsonNode? value) in (o["zero"] as JsonObject ?? new JsonObject()).Select(p => (p.Key, p.Value)))
                {
                    reads[at + "/zero/" + name] = (cls + "." + name, value?.ToJsonString() ?? "null");
                }
            }
        }

        Walk(callbacks, path, 0);
        return reads;
    }
}
