extern alias tasks;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using tasks::Bindgen.Build.Tasks;
using Bindgen.TestSupport;
using NUnit.Framework;
using GeneratorDescription = Bindgen.Generator.Check.ModuleDescription;

namespace Bindgen.Generator.Tests;

/// <summary>
/// The build task's module reader and description writer (docs/module-description.md), and the generator's
/// reading of what they write: the two ends of the format, on real guests and on hand-built modules.
/// </summary>
public sealed class ModuleDescriptionTests
{
    [Test]
    public void The_Quickstart_guest_is_described_line_by_line()
    {
        byte[] wasm = File.ReadAllBytes(RepositoryPaths.Combine("examples", "Quickstart", "guest", "text_tools.wasm"));
        string[] lines = ModuleDescription.Write("text_tools.wasm", wasm).Split('\n');
        Assert.That(lines[0], Is.EqualTo("bindgen-module-description\t1"));
        Assert.That(lines[1], Is.EqualTo("file\ttext_tools.wasm"));
        Assert.That(lines[2], Does.Match("^sha256\t[0-9a-f]{64}$"));
        Assert.That(lines.Skip(3), Is.EqualTo(new[]
        {
            "export\tmemory\tmemory\t2 -",
            "export\tfunction\tmalloc\t(i32) -> i32",
            "export\tfunction\tfree\t(i32) -> ()",
            "export\tfunction\tword_count\t(i32, i32) -> i32",
            "export\tfunction\tgreet\t(i32, i32, i32) -> ()",
            "export\tfunction\tchecksum\t(i32, i32) -> i32",
            "memory\t2 -",
            string.Empty,
        }));
    }

    [Test]
    public void Imports_of_a_WASI_reactor_are_described_in_order_with_their_types()
    {
        byte[] wasm = File.ReadAllBytes(RepositoryPaths.Combine("tests", "guests", "reactor.wasm"));
        GeneratorDescription parsed = GeneratorDescription.Parse("reactor.wasm.bindgen", ModuleDescription.Write("reactor.wasm", wasm));
        Assert.That(parsed.Error, Is.Null);
        Assert.That(parsed.Imports.Select(i => i.Module).Distinct(), Is.EqualTo(new[] { "wasi_snapshot_preview1" }));
        Assert.That(parsed.Imports.Select(i => i.Kind), Is.All.EqualTo("function"));
        Assert.That(parsed.Exports.Select(e => e.Name), Does.Contain("_initialize"));
    }

    [Test]
    public void Every_section_the_format_names_is_read_from_a_hand_built_module()
    {
        // (module $demo (import "env" "mem" (memory 1 4)) (import "host" "log\tx" (func (param i32)))
        //   (func (export "add") (param i64 f32) (result f64 i32) ...) + name and producers sections)
        var types = Section(1, Vec(
            Concat([0x60], Vec([0x7F]), Vec()),
            Concat([0x60], Vec([0x7E], [0x7D]), Vec([0x7C], [0x7F]))));
        var imports = Section(2, Vec(
            Concat(Name("env"), Name("mem"), [0x02, 0x01, 0x01, 0x04]),
            Concat(Name("host"), Name("log\tx"), [0x00, 0x00])));
        var functions = Section(3, Vec([0x01]));
        var memories = Section(5, Vec([0x00, 0x02]));
        var exports = Section(7, Vec(Concat(Name("add"), [0x00, 0x01]), Concat(Name("own"), [0x02, 0x01]), Concat(Name("env_mem"), [0x02, 0x00])));
        var code = Section(10, Vec(Concat([0x04, 0x00, 0x42, 0x00, 0x0B]))); // skipped by size
        var name = Section(0, Concat(Name("name"), [0x00], Vec0(Name("demo"))));
        var producers = Section(0, Concat(Name("producers"), Vec(Concat(Name("language"), Vec(Concat(Name("C11"), Name("")))))));
        byte[] wasm = Concat([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00], types, imports, functions, memories, exports, code, name, producers);

        string[] lines = ModuleDescription.Write("demo.wasm", wasm).Split('\n').Where(l => !l.StartsWith("sha256", StringComparison.Ordinal)).ToArray();
        Assert.That(lines, Is.EqualTo(new[]
        {
            "bindgen-module-description\t1",
            "file\tdemo.wasm",
            "name\tdemo",
            "producer\tlanguage\tC11\t",
            "import\tmemory\tenv\tmem\t1 4",
            "import\tfunction\thost\tlog\\tx\t(i32) -> ()",
            "export\tfunction\tadd\t(i64, f32) -> (f64, i32)",
            "export\tmemory\town\t2 -",
            "export\tmemory\tenv_mem\t1 4",
            "memory\t2 -",
            string.Empty,
        }));

        GeneratorDescription parsed = GeneratorDescription.Parse("x/demo.wasm.bindgen", string.Join("\n", lines));
        Assert.That(parsed.Imports.Select(i => (i.Module, i.Name)), Is.EqualTo(new[] { ((string?)"env", "mem"), ("host", "log\tx") }), "names are unescaped");
    }

    [Test]
    public void Escaping_round_trips()
    {
        const string original = "a\\b \t \n \r \u0001 é \\t";
        string escaped = ModuleDescription.Escape(original);

        // Ordinal: a culture-aware search treats U+0001 as ignorable and finds it everywhere.
        Assert.That(escaped.IndexOfAny(['\t', '\n', '\r', '\u0001']), Is.EqualTo(-1), escaped);
        Assert.That(GeneratorDescription.Unescape(escaped), Is.EqualTo(original));
    }

    [TestCase(new byte[] { 1, 2, 3 }, "magic number")]
    [TestCase(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00 }, "binary format version is 65549")]
    [TestCase(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x7F }, "past the end of the file")]
    [TestCase(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x03, 0x01, 0x60, 0x01 }, "unexpected end of data")]
    [TestCase(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x02, 0x01, 0x4E }, "GC-proposal type")]
    public void Malformed_modules_are_format_errors_that_say_why(byte[] wasm, string reason)
    {
        var e = Assert.Throws<WasmFormatException>(() => ModuleDescription.Write("bad.wasm", wasm))!;
        Assert.That(e.Message, Does.Contain(reason));
    }

    [Test]
    public void Truncating_a_real_module_anywhere_never_throws_anything_but_a_format_error()
    {
        byte[] wasm = File.ReadAllBytes(RepositoryPaths.Combine("tests", "guests", "imports.wasm"));
        for (int length = 0; length < wasm.Length; length += 7)
        {
            try
            {
                ModuleDescription.Write("cut.wasm", wasm.Take(length).ToArray());
            }
            catch (WasmFormatException)
            {
                // Expected for most cuts; a cut at a section boundary is a valid, smaller module.
            }
        }

        Assert.That(ModuleDescription.Write("whole.wasm", wasm), Does.Contain("import\tfunction\thost\tupper\t"));
    }

    private static byte[] Section(byte id, byte[] content) => Concat([id], Leb((uint)content.Length), content);

    private static byte[] Vec(params byte[][] items) => Concat([Leb((uint)items.Length), .. items]);

    private static byte[] Vec0(byte[] subsectionContent) => Concat(Leb((uint)subsectionContent.Length), subsectionContent);

    private static byte[] Name(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        return Concat(Leb((uint)utf8.Length), utf8);
    }

    private static byte[] Leb(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return bytes.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
