extern alias tasks;

using System.IO;
using System.Linq;
using NUnit.Framework;
using tasks::Bindgen.Build.Tasks.Packages;

namespace Bindgen.Generator.Tests;

/// <summary>The pieces of the BindgenPackage build step: the .d.ts reader, .NET names, and finding a package's files.</summary>
public sealed class PackageBindingTests
{
    private const string Declarations = """
        /* tslint:disable */
        /**
        * @param {Uint8Array} input
        */
        export function compress(input: Uint8Array, options?: Options): Uint8Array;
        export function hash64_with_seed(input: Uint8Array,
          seed: bigint): bigint;
        export class Stream {
          free(): void;
          constructor(quality?: number);
          static with_level(level: number): Stream;
          compress(input_opt: Uint8Array | undefined, output_size: number): Result;
          readonly name: string;
          get width(): number;
          set width(value: number);
        }
        export class Result {
          free(): void;

          buf: Uint8Array;
        }
        """;

    [Test]
    public void The_declarations_reader_keys_functions_and_class_members_as_the_glue_reader_names_them()
    {
        var read = TypeScriptDeclarations.Read(Declarations);
        Assert.That(read.Keys, Is.SupersetOf(new[]
        {
            "compress", "hash64_with_seed", "Stream.constructor", "Stream.with_level", "Stream.compress", "Stream.get name",
            "Stream.get width", "Stream.set width", "Result.get buf", "Result.set buf",
        }));
        Assert.That(read.Keys, Has.No.Member("Stream.set name"), "a readonly field has no setter");
        Assert.That(read["compress"].Parameters.Select(p => (p.Name, p.Type, p.Optional)), Is.EqualTo(new[] { ("input", "Uint8Array", false), ("options", "Options", true) }));
        Assert.That(read["hash64_with_seed"].Parameters[1].Type, Is.EqualTo("bigint"), "a declaration over two lines");
        Assert.That(read["hash64_with_seed"].Result, Is.EqualTo("bigint"));
        Assert.That(read["Stream.compress"].Parameters[0].Type, Is.EqualTo("Uint8Array | undefined"));
        Assert.That(read["Stream.compress"].Line, Is.EqualTo(12));
        Assert.That(read["Result.get buf"].Line, Is.EqualTo(20), "a member's line is its name's, not a blank line before it");
    }

    [TestCase("new_from_base64", "NewFromBase64")]
    [TestCase("newFromBase64", "NewFromBase64")]
    [TestCase("putImageData", "PutImageData")]
    [TestCase("__private", "Private")]
    [TestCase("3d_view", "_3dView")]
    [TestCase("a$b", "AB")]
    public void Members_are_PascalCase(string js, string expected) =>
        Assert.That(DotNetNames.Pascal(js), Is.EqualTo(expected));

    [TestCase("raw_pixels", "rawPixels")]
    [TestCase("in", "@in")]
    [TestCase("string", "@string")]
    public void Parameters_are_camelCase_with_keywords_escaped(string js, string expected) =>
        Assert.That(DotNetNames.Parameter(js), Is.EqualTo(expected));

    [Test]
    public void A_name_already_taken_gets_the_next_number_in_order()
    {
        var scope = new DotNetNames.Scope(DotNetNames.Reserved);
        Assert.That(new[] { scope.Take("Compress"), scope.Take("Compress"), scope.Take("Compress"), scope.Take("Dispose") }, Is.EqualTo(new[] { "Compress", "Compress2", "Compress3", "Dispose2" }));
        Assert.That(DotNetNames.Parameters(new[] { "a_b", "aB" }), Is.EqualTo(new[] { "aB", "aB2" }));
    }

    [Test]
    public void A_property_name_must_map_back_to_its_getter()
    {
        Assert.That(DotNetNames.MapsBack("InputOffset", "input_offset"), Is.True);
        Assert.That(DotNetNames.MapsBack("InputOffset", "inputOffset"), Is.True);
        Assert.That(DotNetNames.MapsBack("Buf2x", "buf_2x"), Is.False);
    }

    [Test]
    public void A_package_folder_is_bound_from_its_node_build_and_a_missing_one_says_so()
    {
        string root = Path.Combine(Path.GetTempPath(), "bindgen-package-" + Path.GetRandomFileName());
        try
        {
            foreach (string build in new[] { "web", "node" })
            {
                Directory.CreateDirectory(Path.Combine(root, build));
                File.WriteAllBytes(Path.Combine(root, build, "lib_bg.wasm"), new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0 });
                File.WriteAllText(Path.Combine(root, build, "lib.js"), "module.exports.f = function() { wasm.f(); };\nmodule.exports.__wbindgen_throw = function() {};");
                File.WriteAllText(Path.Combine(root, build, "lib.d.ts"), "export function f(): void;");
            }

            (PackageFiles? files, string? problem) = PackageLocator.Locate(root);
            Assert.That(problem, Is.Null);
            Assert.That(files!.Glue, Is.EqualTo(Path.Combine(root, "node", "lib.js")));
            Assert.That(files.Declarations, Is.EqualTo(Path.Combine(root, "node", "lib.d.ts")));
            Assert.That(PackageLocator.Locate(Path.Combine(root, "web", "lib.js")).Files!.Wasm, Is.EqualTo(Path.Combine(root, "web", "lib_bg.wasm")), "the glue named directly");
            Assert.That(PackageLocator.Locate(Path.Combine(root, "missing")).Problem, Does.Contain("npm install"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_package_of_which_nothing_is_bound_is_explained()
    {
        // A bundled glue (esbuild's class expressions, exports renamed to a hand-written subclass), as @resvg/resvg-wasm ships.
        const string bundled = """
            var Resvg = class {
              free() { const ptr = this.__destroy_into_raw(); wasm.__wbg_resvg_free(ptr); }
              get width() { const ret = wasm.resvg_width(this.__wbg_ptr); return ret; }
            };
            var Resvg2 = class extends Resvg { constructor(svg, options) { super(svg, JSON.stringify(options)); } };
            export { Resvg2 as Resvg };
            """;
        const string plain = "module.exports.f = function() { wasm.f(); };\n";
        var functions = new System.Collections.Generic.Dictionary<string, string> { ["f"] = "() -> ()", ["resvg_width"] = "(i32) -> f32" };
        var declarations = new System.Collections.Generic.Dictionary<string, TsDeclaration>();
        PackageBinding Bind(string glue) => PackageBinder.Bind("ILib", tasks::Bindgen.Generator.Abi.WasmBindgen.GlueReader.Read("index.js", glue), functions, declarations);

        Assert.That(EmptyBinding.Explain(Bind(bundled), "index.js"), Does.Contain("glue 'index.js' exports no function or class that calls the module").And.Contain("bundler"));
        Assert.That(EmptyBinding.Explain(Bind(plain), "index.js"), Is.Null, "a package with a bound export");
    }
}
