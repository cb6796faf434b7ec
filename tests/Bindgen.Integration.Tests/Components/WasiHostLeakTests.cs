using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Bindgen.Internals;
using NUnit.Framework;
using Wasmtime;
using Js = Bindgen.Integration.Tests.Components.Js;
using WasiHostDemo = Bindgen.Integration.Tests.Components.WasiHost;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// The WASI 0.2 host's handle table over many calls that make and drop streams, pollables, descriptors and
/// directory-entry streams (wasi_app_host's write-file, list-dir, read-file and stdout writes through the preview-1
/// adapter; js_text's console.log): after a warm-up call of each kind, the table ends as it started (no live handle
/// left behind, no growth). BINDGEN_WASI_CYCLES sets the count (1,000 by default, to keep CI short).
/// </summary>
[TestFixture]
public sealed class WasiHostLeakTests : GuestFixture
{
    private string _folder = null!;

    public WasiHostLeakTests()
        : base(EngineSetting.Default, config => config.WithOptimizationLevel(OptimizationLevel.None))
    {
    }

    private static int Cycles => int.TryParse(Environment.GetEnvironmentVariable("BINDGEN_WASI_CYCLES"), out int n) ? n : 1_000;

    [OneTimeSetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bindgen-wasi-leak-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        Directory.CreateDirectory(Path.Combine(_folder, "out"));
        File.WriteAllText(Path.Combine(_folder, "data", "hello.txt"), "hello\n");
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static (int Live, int Slots) Handles(object world) =>
        ((ComponentInstance)world.GetType().GetField("_component", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(world)!).WasiHost!.Handles;

    private WasiOptions Wasi(string output = "out") => new WasiOptions { StandardOutput = Stream.Null, StandardError = Stream.Null }
        .WithPreopen(Path.Combine(_folder, "data"), "/data")
        .WithPreopen(Path.Combine(_folder, output), "/out", writable: true);

    private static void FileCycle(WasiHostDemo.IApp app, int i)
    {
        Assert.That(app.WriteFile("/out/f" + (i % 4) + ".txt", "cycle " + i).IsOk, Is.True);
        Assert.That(app.ListDir("/out").Value.Count(), Is.GreaterThanOrEqualTo(1));
        Assert.That(app.ReadFile("/data/hello.txt").Value, Is.EqualTo("hello\n"));
        Assert.That(app.ReadFile("/data/missing.txt").IsOk, Is.False, "a failed open makes no handle");
        Assert.That(app.WriteStdout(new byte[] { 1, 2, 3 }), Is.EqualTo(3u));
    }

    [Test]
    public void Files_directories_and_stdout_cycles_leave_the_host_table_as_it_was()
    {
        var world = WasiHostDemo.WasiAppOnHost.Instantiate(Engine, NewStore(), Wasi(), Options);
        FileCycle(world.App, -1);
        (int Live, int Slots) before = Handles(world);
        int cycles = Cycles;
        for (int i = 0; i < cycles; i++)
        {
            FileCycle(world.App, i);
        }

        Assert.That(Handles(world), Is.EqualTo(before), "every stream, descriptor and directory-entry stream made in a cycle was dropped, and its slot reused");
        Assert.That(before.Slots, Is.InRange(1, 31), "the warm-up used the table and left it small");
    }

    [Test]
    public void Console_log_cycles_leave_the_host_table_as_it_was()
    {
        var stdout = new MemoryStream();
        Js.JsText js = Js.JsText.Instantiate(Engine, NewStore(), new WasiOptions { StandardOutput = stdout, StandardError = Stream.Null });
        Assert.That(js.Text.WriteStdout("warm-up"), Is.GreaterThan(0u));
        (int Live, int Slots) before = Handles(js);
        int cycles = Cycles;
        for (int i = 0; i < cycles; i++)
        {
            Assert.That(js.Text.WriteStdout("line " + i), Is.GreaterThan(0u));
        }

        Assert.That(Handles(js), Is.EqualTo(before));
        Assert.That(before.Slots, Is.InRange(1, 31), "the warm-up used the table and left it small");
        Assert.That(System.Text.Encoding.UTF8.GetString(stdout.ToArray()), Does.EndWith("line " + (cycles - 1) + "\n"));
    }

    [Test]
    public void Two_instances_in_one_store_keep_their_own_tables()
    {
        Store store = NewStore();
        Directory.CreateDirectory(Path.Combine(_folder, "out1"));
        Directory.CreateDirectory(Path.Combine(_folder, "out2"));
        var first = WasiHostDemo.WasiAppOnHost.Instantiate(Engine, store, Wasi("out1"), Options);
        var second = WasiHostDemo.WasiAppOnHost.Instantiate(Engine, store, Wasi("out2"), Options);
        FileCycle(first.App, 0);
        FileCycle(second.App, 1);
        (int Live, int Slots) a = Handles(first), b = Handles(second);
        for (int i = 0; i < 50; i++)
        {
            FileCycle(second.App, i);
        }

        Assert.That((Handles(first), Handles(second)), Is.EqualTo((a, b)));
        FileCycle(first.App, 2);
        Assert.That(Handles(first), Is.EqualTo(a));

        // Each instance's calls reached its own host: its own preopens, so its own files.
        Assert.That(Directory.GetFiles(Path.Combine(_folder, "out1")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal), Is.EqualTo(new[] { "f0.txt", "f2.txt" }));
        Assert.That(Directory.GetFiles(Path.Combine(_folder, "out2")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal), Is.EqualTo(new[] { "f0.txt", "f1.txt", "f2.txt", "f3.txt" }));
        Assert.That(File.ReadAllText(Path.Combine(_folder, "out1", "f2.txt")), Is.EqualTo("cycle 2"));
    }
}
