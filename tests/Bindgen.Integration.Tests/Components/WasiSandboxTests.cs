using System;
using System.Collections.Generic;
using System.IO;
using Bindgen.Internals;
using NUnit.Framework;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// The WASI host's path resolution (WasiSandbox) with hostile paths: nothing resolves outside the preopen, whatever
/// mix of <c>..</c>, absolute paths and symbolic links the guest passes; paths that stay inside resolve as the OS would.
/// </summary>
public sealed class WasiSandboxTests
{
    private string _root = null!;
    private WasiPreopenDirectory _preopen = null!;

    [OneTimeSetUp]
    public void CreateTree()
    {
        _root = Path.Combine(Path.GetTempPath(), "bindgen-sandbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_root, "a", "b"));
        File.WriteAllText(Path.Combine(_root, "a", "b", "file.txt"), "x");
        File.CreateSymbolicLink(Path.Combine(_root, "abs"), "/etc");
        File.CreateSymbolicLink(Path.Combine(_root, "a", "up2"), "../..");
        File.CreateSymbolicLink(Path.Combine(_root, "a", "sibling"), "b/file.txt");
        File.CreateSymbolicLink(Path.Combine(_root, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Combine(_root, "loop2"), "loop1");
        _preopen = WasiPreopenDirectory.From(new List<WasiPreopen> { new(_root, "/data", writable: false) })[0];
    }

    [OneTimeTearDown]
    public void DeleteTree() => Directory.Delete(_root, recursive: true);

    [TestCase("/etc/passwd")]
    [TestCase("..")]
    [TestCase("../etc/passwd")]
    [TestCase("a/../../etc/passwd")]
    [TestCase("a/b/../../..")]
    [TestCase("abs/passwd")]
    [TestCase("abs")]
    [TestCase("a/up2/etc")]
    [TestCase("a/up2")]
    public void Escapes_are_not_permitted(string path)
    {
        var e = Assert.Throws<WasiFilesystemException>(() => WasiSandbox.Resolve(_preopen, Array.Empty<string>(), path, followLast: true));
        Assert.That(e!.Code, Is.EqualTo(WasiErrorCode.NotPermitted));
    }

    [Test]
    public void Escapes_from_a_subdirectory_are_refused_too()
    {
        var e = Assert.Throws<WasiFilesystemException>(() => WasiSandbox.Resolve(_preopen, new[] { "a", "b" }, "../../../x", followLast: true));
        Assert.That(e!.Code, Is.EqualTo(WasiErrorCode.NotPermitted));
    }

    [Test]
    public void A_link_loop_is_loop_and_NUL_is_invalid()
    {
        Assert.That(Assert.Throws<WasiFilesystemException>(() => WasiSandbox.Resolve(_preopen, Array.Empty<string>(), "loop1", followLast: true))!.Code, Is.EqualTo(WasiErrorCode.Loop));
        Assert.That(Assert.Throws<WasiFilesystemException>(() => WasiSandbox.Resolve(_preopen, Array.Empty<string>(), "a\0b", followLast: true))!.Code, Is.EqualTo(WasiErrorCode.Invalid));
    }

    [TestCase("a/b/file.txt", "a/b/file.txt")]
    [TestCase("./a//b/../b/file.txt", "a/b/file.txt")]
    [TestCase("a/sibling", "a/b/file.txt")]
    [TestCase("a/b/..", "a")]
    [TestCase(".", "")]
    public void Paths_inside_resolve_to_the_file_the_OS_finds(string path, string expected)
    {
        List<string> resolved = WasiSandbox.Resolve(_preopen, Array.Empty<string>(), path, followLast: true);
        Assert.That(string.Join("/", resolved), Is.EqualTo(expected));
    }

    [Test]
    public void An_unfollowed_last_link_stays_a_link_inside()
    {
        Assert.That(WasiSandbox.Resolve(_preopen, Array.Empty<string>(), "abs", followLast: false), Is.EqualTo(new[] { "abs" }));
    }
}
