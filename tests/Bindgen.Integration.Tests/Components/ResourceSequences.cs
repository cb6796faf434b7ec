using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bindgen.Integration.Tests.Components.Resources;
using Wasmtime;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// Call sequences on resources.component.wasm, run through the generated binding and through jco's transpiled
/// JavaScript in Node (tests/guests/component/resources-reference.mjs), with the outcomes spelled alike: "ok",
/// "ok value", "disposed" (a dropped or moved resource refused before the guest runs), "trap", "poisoned".
/// </summary>
internal static class ResourceSequences
{
    public static string ToolsFolder => typeof(ResourceSequences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ComponentTools").Value!;

    /// <summary>Runs one sequence on a fresh instance; a trap ends it (every later step is refused as poisoned).</summary>
    public static List<string> Run(Engine engine, Store store, IEnumerable<string> steps)
    {
        ResourcesDemo demo = ResourcesDemo.Instantiate(engine, store, options: GuestMemoryOptions.Checked);
        ICounters counters = demo.Counters;
        var vars = new Dictionary<string, ResourcesDemo.Counter>();
        var outcomes = new List<string>();
        foreach (string step in steps)
        {
            string[] s = step.Split(' ');
            uint N(int i) => uint.Parse(s[i], System.Globalization.CultureInfo.InvariantCulture);
            ResourcesDemo.Counter V(int i) => vars[s[i]];
            Step(outcomes, () =>
            {
                uint? value = null;
                switch (s[0])
                {
                    case "new": vars[s[1]] = new ResourcesDemo.Counter(counters, N(2)); break;
                    case "make": vars[s[1]] = ResourcesDemo.Counter.Make(counters, N(2)); break;
                    case "add": value = V(1).Add(N(2)); break;
                    case "get": value = V(1).Get(); break;
                    case "merge": value = V(1).Merge(V(2)); break;
                    case "peek": value = counters.Peek(V(1)); break;
                    case "consume": value = counters.Consume(V(1)); break;
                    case "dispose": V(1).Dispose(); break;
                    case "double-drop": counters.DoubleDrop(V(1)); break;
                    case "forge": vars[s[1]] = counters.Forge(); break;
                    case "plain": value = counters.PlainAdd(N(1)); break;
                    case "live": value = counters.Live(); break;
                    case "dropped": value = counters.Dropped(); break;
                    case "consume-all": value = counters.ConsumeAll(s[1].Split(',').Select(v => vars[v]).ToArray()); break;
                    case "peek-all": value = counters.PeekAll(s[1].Split(',').Select(v => vars[v]).ToArray()); break;
                    case "peek-maybe": value = unchecked((uint)(counters.PeekMaybe(s[1] == "-" ? null : V(1)) + 1)); break;
                    case "open-labelled": value = counters.OpenLabelled(new ICounters.Labelled(N(1), V(2))); break;
                    case "make-labelled":
                        ICounters.Labelled made = counters.MakeLabelled(N(2), N(3));
                        vars[s[1]] = made.C;
                        value = made.Label;
                        break;
                    case "make-many":
                        ResourcesDemo.Counter[] many = counters.MakeMany(N(2), N(3));
                        for (int i = 0; i < many.Length; i++)
                        {
                            vars[s[1] + i] = many[i];
                        }

                        value = (uint)many.Length;
                        break;
                    default: throw new ArgumentException("unknown step " + step);
                }

                return value;
            });
        }

        return outcomes;
    }

    /// <summary>
    /// Runs one step and records its outcome: "ok" or "ok value"; "disposed" for a resource refused before the guest
    /// runs; "trap" and its explanation for a trap or a refused handle; "poisoned" for a call after a trap.
    /// </summary>
    public static void Step(List<string> outcomes, Func<uint?> step)
    {
        try
        {
            uint? value = step();
            outcomes.Add(value is null ? "ok" : "ok " + value);
        }
        catch (ObjectDisposedException)
        {
            outcomes.Add("disposed");
        }
        catch (ComponentPoisonedException)
        {
            outcomes.Add("poisoned");
        }
        catch (BindgenException e) when (e is ComponentHandleException or GuestTrapException)
        {
            outcomes.Add("trap");
            outcomes.Add($"({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Runs every sequence in one Node process through jco; one outcome list per sequence.</summary>
    public static List<List<string>> Reference(IReadOnlyList<string[]> sequences) => Reference("resources.component", "resources-reference.mjs", sequences);

    /// <summary>Runs every sequence on guest <paramref name="component"/> through reference script <paramref name="script"/> in one Node process.</summary>
    public static List<List<string>> Reference(string component, string script, IReadOnlyList<string[]> sequences)
    {
        var input = new JsonObject
        {
            ["component"] = GuestFiles.PathOf(component),
            ["sequences"] = new JsonArray(sequences.Select(q => (JsonNode)new JsonArray(q.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray())).ToArray()),
        };
        string output = Bindgen.TestSupport.NodeProcess.Run(ToolsFolder, script, input.ToJsonString());
        return JsonSerializer.Deserialize<List<List<string>>>(output)!;
    }

    /// <summary>The outcomes without the explanations of traps (each host words them its own way).</summary>
    public static List<string> Outcomes(IEnumerable<string> outcomes) => outcomes.Where(o => !o.StartsWith('(')).ToList();

    /// <summary>The instance's handle table size (the guest's handles), read from the generated class's runtime state.</summary>
    public static int HandleCount(ResourcesDemo demo) => Runtime(demo).HandleCount;

    public static Bindgen.Internals.ComponentInstance Runtime(ResourcesDemo demo) =>
        (Bindgen.Internals.ComponentInstance)typeof(ResourcesDemo).GetField("_component", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(demo)!;
}
