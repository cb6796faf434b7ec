using System;
using System.Globalization;
using System.Linq;
using NUnit.Framework;
using Wasmtime;
using Wasmtime.Components;
using Js = Bindgen.Integration.Tests.Components.Js;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// js_text.component.wasm: JavaScript made a WASI 0.2 component by componentize-js (a JavaScript engine whose main
/// module calls WASI 0.2 directly, so the adapter cannot be bypassed). It runs whole on core Wasmtime with Bindgen's
/// WASI 0.2 host behind the generated typed API, and is compared with the same component called through
/// Wasmtime.Components with AddWasiPreview2 by hand. One engine for the fixture, compiling without optimisation: the
/// component is 12 MB.
/// </summary>
[TestFixture]
public sealed class WasiHostJsTests : GuestFixture
{
    private const string Text = "local:js-demo/text@1.0.0";
    private Component _component = null!;

    public WasiHostJsTests()
        : base(EngineSetting.Default, config => config.WithOptimizationLevel(OptimizationLevel.None))
    {
    }

    [OneTimeSetUp]
    public void Compile() => _component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("js_text.component")));

    private (Js.JsText Bindgen, WasiSetup BindgenIo, WasiReference Reference, WasiSetup ReferenceIo) Both(string? preopen = null, string? referencePreopen = null)
    {
        WasiSetup mine = new(), theirs = new();
        if (preopen is not null)
        {
            // A second folder for the reference means both may change their own; one folder is shared read-only.
            (referencePreopen is null ? mine.Preopens : mine.WritablePreopens).Add((preopen, "/data"));
            (referencePreopen is null ? theirs.Preopens : theirs.WritablePreopens).Add((referencePreopen ?? preopen, "/data"));
        }

        Js.JsText js = Js.JsText.Instantiate(Engine, NewStore(), mine.Options());
        return (js, mine, new WasiReference(Engine, NewStore(), _component, theirs.Configuration(), Text), theirs);
    }

    [Test]
    public void Greet_FormatsAndPrints_AsTheReference()
    {
        var (js, io, reference, referenceIo) = Both();
        using (reference)
        {
            Assert.That(js.Text.Greet("Wörld", 7), Is.EqualTo("Hello, Wörld! (007, 2.33)"));
            Assert.That(reference.Call("greet", CV.String("Wörld"), CV.U32(7))!.AsString(), Is.EqualTo("Hello, Wörld! (007, 2.33)"));
            Assert.That(js.Text.WriteStdout("line two"), Is.EqualTo(8u));
            Assert.That(reference.Call("write-stdout", CV.String("line two"))!.AsU32(), Is.EqualTo(8u));
            Assert.That(io.StdoutText, Is.EqualTo("Hello, Wörld! (007, 2.33)\nline two\n"));
            Assert.That(referenceIo.StdoutText, Is.EqualTo(io.StdoutText));
            Assert.That(js.Text.Add(uint.MaxValue, 2), Is.EqualTo(reference.Call("add", CV.U32(uint.MaxValue), CV.U32(2))!.AsU32()));
        }
    }

    [Test]
    public void ClocksAndRandom_ComeFromTheHost()
    {
        var (js, _, reference, _) = Both();
        using (reference)
        {
            ulong now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Assert.That(js.Text.NowMillis(), Is.InRange(now - 5000, now + 5000));
            Assert.That(reference.Call("now-millis")!.AsU64(), Is.InRange(now - 5000, now + 5000));
            string[] first = js.Text.RandomLine(8).Split(','), second = js.Text.RandomLine(8).Split(',');
            Assert.That(first, Has.Length.EqualTo(8));
            Assert.That(first.Concat(second).Select(v => double.Parse(v, CultureInfo.InvariantCulture)), Is.All.InRange(0.0, 1.0));
            Assert.That(first, Is.Not.EqualTo(second));
            Assert.That(reference.Call("random-line", CV.U32(8))!.AsString().Split(','), Has.Length.EqualTo(8));
        }
    }

    [Test]
    public void NullArgument_IsRefused_AndTheInstanceStaysUsable()
    {
        var (js, _, reference, _) = Both();
        using (reference)
        {
            Assert.Throws<ArgumentNullException>(() => js.Text.WriteStdout(null!));
            Assert.That(js.Text.Add(1, 2), Is.EqualTo(3u));
        }
    }

    [TestCase("note.txt")]
    [TestCase("sub/inner.txt")]
    [TestCase("sub/../note.txt")]
    [TestCase("missing.txt")]
    [TestCase("../etc/passwd")]
    [TestCase("sub/../../etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("out/passwd")]
    [TestCase("up/passwd")]
    [TestCase("sub")]
    public void ReadFile_OfThePreopen_IsSandboxedLikeTheReference(string path)
    {
        string root = Folder();
        try
        {
            var (js, _, reference, _) = Both(root);
            using (reference)
            {
                CV r = reference.Call("read-file", CV.String(path))!;
                Result<string, string> mine = js.Text.ReadFile(path);
                Assert.That(mine.IsOk, Is.EqualTo(r.IsOk), $"{path}: {mine} vs {r}");
                Assert.That(mine.IsOk ? mine.Value : mine.Error, Is.EqualTo(r.Payload!.AsString()), path);
                if (path == "note.txt")
                {
                    Assert.That(mine.Value, Is.EqualTo("Grüße aus der Datei\n"));
                }

                if (path.Contains("etc", StringComparison.Ordinal))
                {
                    Assert.That(mine.IsOk, Is.False, "nothing outside the preopen is read");
                }
            }
        }
        finally
        {
            System.IO.Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("note.txt", "ln", true)]
    [TestCase("note.txt", "hard", false)]
    [TestCase("sub/inner.txt", "sub/ln", true)]
    [TestCase("/etc/passwd", "abs", true)]
    [TestCase("../outside.txt", "esc", true)]
    [TestCase("../outside.txt", "esc", false)]
    [TestCase("note.txt", "../escaped", true)]
    [TestCase("note.txt", "sub", true)]
    [TestCase("note.txt", "sub", false)]
    [TestCase("missing.txt", "hard", false)]
    [TestCase("sub", "hard", false)]
    public void Links_MadeByTheGuest_StayInsideThePreopen_AsInTheReference(string from, string to, bool symbolic)
    {
        string mineRoot = Folder(), theirsRoot = Folder();
        try
        {
            var (js, _, reference, _) = Both(mineRoot, theirsRoot);
            using (reference)
            {
                CV r = reference.Call("link-and-read", CV.String(from), CV.String(to), CV.Bool(symbolic))!;
                Result<string, string> mine = js.Text.LinkAndRead(from, to, symbolic);
                Assert.That(mine.IsOk, Is.EqualTo(r.IsOk), $"{from} -> {to}: {mine} vs {r}");
                Assert.That(mine.IsOk ? mine.Value : mine.Error, Is.EqualTo(r.Payload!.AsString()));
                Assert.That(System.IO.File.Exists(System.IO.Path.Combine(mineRoot, "..", "escaped")), Is.False);
            }
        }
        finally
        {
            System.IO.Directory.Delete(mineRoot, recursive: true);
            System.IO.Directory.Delete(theirsRoot, recursive: true);
        }
    }

    [TestCase("note.txt", 1_000_000_000UL)]
    [TestCase("sub", 86_400UL)]
    [TestCase("missing.txt", 5UL)]
    [TestCase("../note.txt", 5UL)]
    public void SetTimes_ChangesTheModificationTime_AsInTheReference(string path, ulong seconds)
    {
        string mineRoot = Folder(), theirsRoot = Folder();
        try
        {
            var (js, _, reference, _) = Both(mineRoot, theirsRoot);
            using (reference)
            {
                CV r = reference.Call("set-mtime", CV.String(path), CV.U64(seconds))!;
                Result<ulong, string> mine = js.Text.SetMtime(path, seconds);
                Assert.That(mine.IsOk, Is.EqualTo(r.IsOk), $"{path}: {mine} vs {r}");
                Assert.That(mine.IsOk ? mine.Value.ToString(CultureInfo.InvariantCulture) : mine.Error, Is.EqualTo(r.IsOk ? r.Payload!.AsU64().ToString(CultureInfo.InvariantCulture) : r.Payload!.AsString()));
                if (path == "note.txt")
                {
                    Assert.That(System.IO.File.GetLastWriteTimeUtc(System.IO.Path.Combine(mineRoot, path)), Is.EqualTo(DateTime.UnixEpoch.AddSeconds(seconds)));
                }
            }
        }
        finally
        {
            System.IO.Directory.Delete(mineRoot, recursive: true);
            System.IO.Directory.Delete(theirsRoot, recursive: true);
        }
    }

    /// <summary>A new preopen folder: two files, a subfolder, and links out of it (to /etc and to its parent).</summary>
    private static string Folder()
    {
        string root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bindgen-js-files-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(root, "sub"));
        System.IO.File.WriteAllText(System.IO.Path.Combine(root, "note.txt"), "Grüße aus der Datei\n");
        System.IO.File.WriteAllText(System.IO.Path.Combine(root, "sub", "inner.txt"), "inner 🙂");
        System.IO.File.CreateSymbolicLink(System.IO.Path.Combine(root, "out"), "/etc");
        System.IO.File.CreateSymbolicLink(System.IO.Path.Combine(root, "up"), "..");
        return root;
    }
}
