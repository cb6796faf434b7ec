using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasmtime;
using Wasmtime.Components;
using WasiDemo = Bindgen.Integration.Tests.Components.Wasi;
using WasiHostDemo = Bindgen.Integration.Tests.Components.WasiHost;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// wasi_app.component.wasm: a C program built for WASI preview 1 (wasi-libc) and wrapped with the preview-1 adapter
/// (shim, main, adapter, fixup; WASI 0.2 imports). Bindgen runs its main module on Wasmtime's preview-1 WASI with the
/// adapter left out; every call is compared with the whole component on Wasmtime.Components with AddWasiPreview2,
/// under the same WASI settings: same results, same stdout and stderr. The same tests run the same file bound with
/// Host="Bindgen" (wasi_app_host.component.wasm): the whole component, adapter included, on Bindgen's WASI 0.2 host.
/// </summary>
[TestFixture(EngineSetting.Default, false)]
[TestFixture(EngineSetting.Relocating, false)]
[TestFixture(EngineSetting.Default, true)]
[TestFixture(EngineSetting.Relocating, true)]
public sealed class WasiBypassTests : GuestFixture
{
    private const string App = "local:wasi-demo/app@1.0.0";
    private readonly bool _onHost;
    private string _folder = null!;

    public WasiBypassTests(EngineSetting setting, bool onHost)
        : base(setting)
    {
        _onHost = onHost;
    }

    /// <summary>The exports of either binding, the same calls.</summary>
    private sealed record AppCalls(
        Func<string, string> Greet, Func<string, string?> Env, Func<string[]> Args, Func<string, Result<string, string>> ReadFile,
        Func<byte[], uint> WriteStdout, Action<string> Warn, Func<ulong> WallSeconds, Func<bool> MonotonicIncreases,
        Func<uint, uint> RandomDistinct, Func<uint, uint, uint> Add);

    private AppCalls Instantiate(WasiOptions? options)
    {
        if (_onHost)
        {
            WasiHostDemo.IApp a = WasiHostDemo.WasiAppOnHost.Instantiate(Engine, NewStore(), options, Options).App;
            return new AppCalls(a.Greet, a.Env, () => a.Args().ToArray(), a.ReadFile, d => a.WriteStdout(d), a.Warn, a.WallSeconds, a.MonotonicIncreases, a.RandomDistinct, a.Add);
        }

        WasiDemo.IApp b = WasiDemo.WasiApp.Instantiate(Engine, NewStore(), options, Options).App;
        return new AppCalls(b.Greet, b.Env, () => b.Args().ToArray(), b.ReadFile, d => b.WriteStdout(d), b.Warn, b.WallSeconds, b.MonotonicIncreases, b.RandomDistinct, b.Add);
    }

    [OneTimeSetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bindgen-wasi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        File.WriteAllText(Path.Combine(_folder, "hello.txt"), "Grüße from the host\n");
        File.WriteAllText(Path.Combine(_folder, "sub", "deep.txt"), "deep");
        // Links out of the preopen (absolute, and relative through ..) and one that stays inside.
        File.CreateSymbolicLink(Path.Combine(_folder, "out"), "/etc");
        File.CreateSymbolicLink(Path.Combine(_folder, "up"), "..");
        File.CreateSymbolicLink(Path.Combine(_folder, "sub", "inside"), "../hello.txt");
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private WasiSetup Setup()
    {
        var setup = new WasiSetup();
        setup.Arguments.AddRange(new[] { "wasi-app", "--flag", "two words" });
        setup.Environment.Add(("GREETING", "hej"));
        setup.Environment.Add(("EMPTY", ""));
        setup.Preopens.Add((_folder, "/data"));
        return setup;
    }

    private (AppCalls Bindgen, WasiSetup BindgenIo, WasiReference Reference, WasiSetup ReferenceIo) Both()
    {
        WasiSetup mine = Setup(), theirs = Setup();
        AppCalls app = Instantiate(mine.Options());
        Component component = Component.FromBytes(Engine, File.ReadAllBytes(GuestFiles.PathOf("wasi_app.component")));
        var reference = new WasiReference(Engine, NewStore(), component, theirs.Configuration(), App);
        return (app, mine, reference, theirs);
    }

    [Test]
    public void Greet_PrintsToStdout_AsTheAdapterDoes()
    {
        var (app, io, reference, referenceIo) = Both();
        using (reference)
        {
            Assert.That(app.Greet("Wörld"), Is.EqualTo("Hello, Wörld!"));
            Assert.That(reference.Call("greet", CV.String("Wörld"))!.AsString(), Is.EqualTo("Hello, Wörld!"));
            Assert.That(app.Greet("again"), Is.EqualTo("Hello, again!"));
            reference.Call("greet", CV.String("again"));
            Assert.That(io.StdoutText, Is.EqualTo("Hello, Wörld!\nHello, again!\n"));
            Assert.That(io.StdoutText, Is.EqualTo(referenceIo.StdoutText));
        }
    }

    [Test]
    public void EnvironmentAndArguments_AreTheConfiguredOnes()
    {
        var (app, _, reference, _) = Both();
        using (reference)
        {
            foreach (string name in new[] { "GREETING", "EMPTY", "MISSING", "" })
            {
                CV r = reference.Call("env", CV.String(name))!;
                Assert.That(app.Env(name), Is.EqualTo(r.IsSome ? r.Payload!.AsString() : null), name);
            }

            Assert.That(app.Env("GREETING"), Is.EqualTo("hej"));
            string[] expected = reference.Call("args")!.AsList().Select(v => v.AsString()).ToArray();
            Assert.That(app.Args(), Is.EqualTo(new[] { "wasi-app", "--flag", "two words" }));
            Assert.That(app.Args(), Is.EqualTo(expected));
        }
    }

    [TestCase("/data/hello.txt")]
    [TestCase("/data/sub/deep.txt")]
    [TestCase("/data/sub/../hello.txt")]
    [TestCase("/data/missing.txt")]
    [TestCase("/data/../etc/passwd")]
    [TestCase("/data/sub/../../etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("hello.txt")]
    [TestCase("/data")]
    [TestCase("/data/out/passwd")]
    [TestCase("/data/up/etc/passwd")]
    [TestCase("/data/sub/inside")]
    public void ReadFile_IsSandboxedLikeTheReference(string path)
    {
        var (app, _, reference, _) = Both();
        using (reference)
        {
            CV r = reference.Call("read-file", CV.String(path))!;
            Result<string, string> mine = app.ReadFile(path);
            Assert.That(mine.IsOk, Is.EqualTo(r.IsOk), $"{path}: {mine} vs {r}");
            Assert.That(mine.IsOk ? mine.Value : mine.Error, Is.EqualTo(r.Payload!.AsString()), path);
        }
    }

    [Test]
    public void ReadFile_ReadsThePreopenedFile()
    {
        var (app, _, reference, _) = Both();
        using (reference)
        {
            Assert.That(app.ReadFile("/data/hello.txt").Value, Is.EqualTo("Grüße from the host\n"));
            Assert.That(app.ReadFile("/data/../etc/passwd").IsOk, Is.False);
        }
    }

    [Test]
    public void ClocksAndRandom_Work()
    {
        var (app, _, reference, _) = Both();
        using (reference)
        {
            ulong now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Assert.That(app.WallSeconds(), Is.InRange(now - 5, now + 5));
            Assert.That(reference.Call("wall-seconds")!.AsU64(), Is.InRange(now - 5, now + 5));
            Assert.That(app.MonotonicIncreases(), Is.True);
            Assert.That(reference.Call("monotonic-increases")!.AsBool(), Is.True);
            // 4096 random bytes hold nearly all 256 values (a constant source would give 1).
            Assert.That(app.RandomDistinct(4096), Is.GreaterThan(240));
            Assert.That(reference.Call("random-distinct", CV.U32(4096))!.AsU32(), Is.GreaterThan(240));
        }
    }

    [Test]
    public void WriteStdout_4KiB_ArrivesWhole_AndStderrToo()
    {
        var (app, io, reference, referenceIo) = Both();
        using (reference)
        {
            byte[] data = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
            Assert.That(app.WriteStdout(data), Is.EqualTo(4096u));
            Assert.That(reference.Call("write-stdout", CV.List(data.Select(CV.U8).ToArray()))!.AsU32(), Is.EqualTo(4096u));
            Assert.That(io.Stdout.ToArray(), Is.EqualTo(data));
            Assert.That(referenceIo.Stdout.ToArray(), Is.EqualTo(data));
            app.Warn("careful");
            reference.Call("warn", CV.String("careful"));
            Assert.That(io.StderrText, Is.EqualTo("careful\n"));
            Assert.That(referenceIo.StderrText, Is.EqualTo(io.StderrText));
            Assert.That(app.Add(40, 2), Is.EqualTo(reference.Call("add", CV.U32(40), CV.U32(2))!.AsU32()));
        }
    }

    [Test]
    public void WithoutOptions_TheGuestSeesNothing()
    {
        AppCalls app = Instantiate(null);
        Assert.That(app.Args(), Is.Empty);
        Assert.That(app.Env("PATH"), Is.Null);
        Assert.That(app.ReadFile("/data/hello.txt").IsOk, Is.False);
        Assert.That(app.Greet("quiet"), Is.EqualTo("Hello, quiet!"));
    }
}
