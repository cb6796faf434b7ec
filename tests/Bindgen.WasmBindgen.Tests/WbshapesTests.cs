using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Bindgen.Integration.Tests;
using Bindgen.WasmBindgen.Tests.FromPackage;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// What no pinned npm package has, on shapes/wbshapes (a package in wasm-bindgen's shape, bound through
/// &lt;BindgenPackage&gt;): JavaScript function parameters typed by the .d.ts as typed delegates (<c>Action&lt;string,
/// double&gt;</c>, <c>Func&lt;double, double&gt;</c>, <c>Func&lt;Task&lt;double&gt;&gt;</c>), a <c>Map</c> argument
/// walked through <c>entries()</c>, and a string enum as a C# enum. Every result is compared with Node running the
/// package's own glue (npm/wbshapes.mjs), under both engine configurations (every malloc of the module grows memory).
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class WbshapesTests
{
    private static readonly JsonObject Input = new()
    {
        ["text"] = "h\u00e9 \u65e5\u672c",
        ["times"] = 3,
        ["map"] = new JsonArray(new JsonArray("ab", 1d), new JsonArray("\u00e9", 2d), new JsonArray("\u65e5\u672c", 0.5)),
        ["keys"] = new JsonArray("\u00e9", "zz"),
        ["modes"] = new JsonArray("fast", "slow", "exact"),
        ["x"] = 2.5,
    };

    private static readonly Lazy<string> Node = new(() => ReferenceHost.RunNode("wbshapes.mjs", Input.DeepClone())[0]!.ToJsonString());

    private readonly EngineSetting _setting;

    public WbshapesTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void TypedCallbacksMapsAndStringEnumsGiveWhatNodeGives()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Wbshapes w = WbshapesPackage.Instantiate(engine, store);
        double x = Input["x"]!.GetValue<double>();

        var seen = new JsonArray();
        w.Repeat(Input["text"]!.GetValue<string>(), Input["times"]!.GetValue<int>(), (text, index) => seen.Add(new JsonArray(text, index)));
        var entries = Input["map"]!.AsArray().Select(e => new KeyValuePair<string, double>(e![0]!.GetValue<string>(), e[1]!.GetValue<double>())).ToList();
        JsMap map = JsMap.From(entries);
        string[] modes = Input["modes"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
        var result = new JsonObject
        {
            ["repeat"] = seen,
            ["apply"] = new JsonArray(Num(w.Apply(x, v => v * 10)), Num(w.Apply(7, v => v - 7.25))),
            ["applyThrows"] = Attempt(() => Num(w.Apply(1, _ => throw new InvalidOperationException("refused")))),
            ["forward"] = new JsonArray(Settle(w.Forward(() => Task.FromResult(41d))), Settle(w.Forward(() => Task.FromException<double>(new InvalidOperationException("no"))))),
            ["weigh"] = Num(w.Weigh(map)),
            ["lookup"] = new JsonArray(Input["keys"]!.AsArray().Select(k => Num(w.Lookup(map, k!.GetValue<string>()))).ToArray()),
            ["pick"] = new JsonArray(modes.Select(m => Num(w.Pick(ModeOf(m), x))).ToArray()),
            // A value outside the enum is what the glue makes of a string it does not know: the index past the last.
            ["pickInvalid"] = Num(w.Pick((IWbshapes.Mode)7, x)),
            ["nextMode"] = new JsonArray(modes.Select(m => (JsonNode)w.NextMode(ModeOf(m)).ToString().ToLowerInvariant()).ToArray()),
        };
        Assert.That(seen.Count, Is.EqualTo(3), "the callback ran once per repetition");
        Assert.That(result.ToJsonString(), Is.EqualTo(Node.Value));
    }

    [Test]
    public void ACallbackTaskStillRunningIsThePendingPromiseError()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Wbshapes w = WbshapesPackage.Instantiate(engine, store);
        var never = new TaskCompletionSource<double>();
        var e = Assert.Throws<JsPromisePendingException>(() => w.Forward(() => never.Task).GetAwaiter().GetResult())!;
        Assert.That(e.Message, Does.Contain("still running"));
        // The instance goes on: the next call settles.
        Assert.That(w.Forward(() => Task.FromResult(2d)).Result, Is.EqualTo(2d));
    }

    [Test]
    public void AnAsyncDelegatesValueAndACanceledTaskBecomeTheModulesPromise()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Wbshapes w = WbshapesPackage.Instantiate(engine, store);
#pragma warning disable CS1998 // an async lambda that awaits nothing completes synchronously: its task is the state machine's
        Assert.That(w.Forward(async () => 3.5).Result, Is.EqualTo(3.5));
#pragma warning restore CS1998
        Task<double> canceled = w.Forward(() => Task.FromCanceled<double>(new System.Threading.CancellationToken(canceled: true)));
        Assert.That(canceled.IsFaulted, Is.True);
        Assert.That(canceled.Exception!.InnerException, Is.TypeOf<JsException>().With.Message.EqualTo(new TaskCanceledException().Message));
    }

    [Test]
    public void AMapFromADictionaryConvertsItsValuesAndAMissingKeyIsUndefined()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Wbshapes w = WbshapesPackage.Instantiate(engine, store);
        Assert.That(w.Lookup(JsMap.From(new Dictionary<string, int> { ["a"] = 3 }), "a"), Is.EqualTo(3d));
        Assert.That(double.IsNaN(w.Lookup(new JsMap(), "a")), Is.True, "Map.get of a missing key is undefined, which is no number");
    }

    private static IWbshapes.Mode ModeOf(string mode) => Enum.Parse<IWbshapes.Mode>(mode, ignoreCase: true);

    private static JsonNode Num(double value) => double.IsNaN(value) ? JsonValue.Create("NaN") : JsonValue.Create(value);

    private static JsonNode Attempt(Func<JsonNode> call)
    {
        try
        {
            return call();
        }
        catch (JsException e)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    private static JsonNode Settle(Task<double> task)
    {
        Assert.That(task.IsCompleted, Is.True, "the promise settled before the call returned");
        return task.IsFaulted && task.Exception!.InnerException is JsException e ? new JsonObject { ["error"] = e.Message } : Num(task.Result);
    }
}
