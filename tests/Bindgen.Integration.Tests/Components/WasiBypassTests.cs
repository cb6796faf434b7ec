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
        Func<uint, uint> RandomDistinct, Func<uint, uint, uint> Add,
        Func<string, string, Result<uint, string>> WriteFile, Func<string, Result<string[], string>> ListDir);

    private AppCalls Instantiate(WasiOptions? options)
    {
        if (_onHost)
        {
            WasiHostDemo.IApp a = WasiHostDemo.WasiAppOnHost.Instantiate(Engine, NewStore(), options, Options).App;
            return new AppCalls(a.Greet, a.Env, () => a.Args().ToArray(), a.ReadFile, d => a.WriteStdout(d), a.Warn, a.WallSeconds, a.MonotonicIncreases, a.RandomDistinct, a.Add,
                a.WriteFile, p => Listed(a.ListDir(p)));
        }

        WasiDemo.IApp b = WasiDemo.WasiApp.Instantiate(Engine, NewStore(), options, Options).App;
        return new AppCalls(b.Greet, b.Env, () => b.Args().ToArray(), b.ReadFile, d => b.WriteStdout(d), b.Warn, b.WallSeconds, b.MonotonicIncreases, b.RandomDistinct, b.Add,
            b.WriteFile, p => Listed(b.ListDir(p)));
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

    private static Result<string[], string> Listed<TList>(Result<TList, string> listed)
        where TList : System.Collections.Generic.IEnumerable<string> =>
        listed.IsOk ? Result<string[], string>.Ok(listed.Value.ToArray()) : Result<string[], string>.Err(listed.Error);

    private static string Text(CV result) => result.IsOk
        ? (result.Payload!.Kind == ComponentValueKind.List ? string.Join("|", result.Payload.AsList().Select(v => v.AsString())) : result.Payload.AsU32().ToString(System.Globalization.CultureInfo.InvariantCulture))
        : "error: " + result.Payload!.AsString();

    private static string Text<T>(Result<T, string> result) => result.IsOk
        ? (result.Value is string[] names ? string.Join("|", names) : Convert.ToString(result.Value, System.Globalization.CultureInfo.InvariantCulture)!)
        : "error: " + result.Error;

    [Test]
    public void WriteFile_and_ListDir_match_the_reference_in_a_writable_and_a_read_only_preopen()
    {
        string mineOut = Path.Combine(_folder, "..", Path.GetFileName(_folder) + "-mine"), theirsOut = Path.Combine(_folder, "..", Path.GetFileName(_folder) + "-theirs");
        Directory.CreateDirectory(mineOut);
        Directory.CreateDirectory(theirsOut);
        try
        {
            WasiSetup mine = Setup(), theirs = Setup();
            mine.WritablePreopens.Add((mineOut, "/out"));
            theirs.WritablePreopens.Add((theirsOut, "/out"));
            AppCalls app = Instantiate(mine.Options());
            using var reference = new WasiReference(Engine, NewStore(), Component.FromBytes(Engine, File.ReadAllBytes(GuestFiles.PathOf("wasi_app.component"))), theirs.Configuration(), App);
            foreach ((string path, string text) in new[] { ("/out/a.txt", "hello"), ("/out/a.txt", "hi"), ("/out/b.txt", ""), ("/out/sub/c.txt", "x"), ("/out/../escape.txt", "x"), ("/data/new.txt", "x"), ("/data/hello.txt", "x"), ("/data", "x") })
            {
                Assert.That(Text(app.WriteFile(path, text)), Is.EqualTo(Text(reference.Call("write-file", CV.String(path), CV.String(text))!)), path);
            }

            Assert.That(File.ReadAllText(Path.Combine(mineOut, "a.txt")), Is.EqualTo("hi"));
            Assert.That(File.ReadAllText(Path.Combine(theirsOut, "a.txt")), Is.EqualTo("hi"));
            Assert.That(File.Exists(Path.Combine(_folder, "new.txt")), Is.False);
            Assert.That(File.ReadAllText(Path.Combine(_folder, "hello.txt")), Is.EqualTo("Grüße from the host\n"));
            foreach (string path in new[] { "/out", "/data", "/data/sub", "/data/../", "/data/hello.txt", "/data/missing", "/data/out", "/" })
            {
                Assert.That(Text(app.ListDir(path)), Is.EqualTo(Text(reference.Call("list-dir", CV.String(path))!)), path);
            }

            Assert.That(Text(app.ListDir("/out")), Is.EqualTo("a.txt|b.txt"));
        }
        finally
        {
            Directory.Delete(mineOut, recursive: true);
            Directory.Delete(theirsOut, recursive: true);
        }
    }

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
