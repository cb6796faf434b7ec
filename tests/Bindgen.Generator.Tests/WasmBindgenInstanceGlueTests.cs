using System.Linq;
using Bindgen.Generator.Abi.WasmBindgen;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// How the glue reader reads the shapes of class instances and arrays of values that wasm-bindgen emits: arrays of
/// JavaScript values (<c>passArrayJsValueToWasm0</c>, required and optional), optional instances moved or lent (the
/// <c>if (!isLikeNone(x))</c> block, and inline), and an optional instance result.
/// </summary>
internal sealed class WasmBindgenInstanceGlueTests
{
    private static GlueExport Read(string member)
    {
        string glue = "class Doc {\n  static __wrap(ptr) { const obj = Object.create(Doc.prototype); obj.__wbg_ptr = ptr; return obj; }\n"
            + "  free() { const ptr = this.__destroy_into_raw(); wasm.__wbg_doc_free(ptr, 0); }\n" + member + "\n}\nmodule.exports.Doc = Doc;\n";
        return GlueReader.Read("doc.js", glue).Exports.AsSpan().ToArray().Single();
    }

    [TestCase("const ptr0 = passArrayJsValueToWasm0(items, wasm.__wbindgen_malloc);\n const len0 = WASM_VECTOR_LEN;", "ValueArray")]
    [TestCase("var ptr0 = isLikeNone(items) ? 0 : passArrayJsValueToWasm0(items, wasm.__wbindgen_malloc);\n var len0 = WASM_VECTOR_LEN;", "OptionalValueArray")]
    public void An_array_of_values_is_a_pointer_and_a_length(string lowering, string kind)
    {
        GlueExport export = Read("push(items) {\n " + lowering + "\n wasm.doc_push(this.__wbg_ptr, ptr0, len0);\n }");
        Assert.That(export.Problem, Is.Null);
        Assert.That(export.Parameters.AsSpan().ToArray().Select(p => (p.Name, p.Kind.ToString())), Is.EqualTo(new[] { ("items", kind) }));
    }

    [TestCase("let ptr0 = 0;\n if (!isLikeNone(snapshot)) {\n _assertClass(snapshot, Snap);\n ptr0 = snapshot.__destroy_into_raw();\n }\n wasm.doc_diff(this.__wbg_ptr, ptr0);", "OptionalOwnedInstance")]
    [TestCase("let ptr0 = 0;\n if (!isLikeNone(snapshot)) {\n _assertClass(snapshot, Snap);\n ptr0 = snapshot.__wbg_ptr;\n }\n wasm.doc_diff(this.__wbg_ptr, ptr0);", "OptionalBorrowedInstance")]
    [TestCase("if (!isLikeNone(snapshot)) {\n _assertClass(snapshot, Snap);\n }\n wasm.doc_diff(this.__wbg_ptr, isLikeNone(snapshot) ? 0 : snapshot.__destroy_into_raw());", "OptionalOwnedInstance")]
    public void An_optional_instance_names_its_class(string body, string kind)
    {
        GlueExport export = Read("diff(snapshot) {\n " + body + "\n }");
        Assert.That(export.Problem, Is.Null);
        GlueParameter parameter = export.Parameters.AsSpan().ToArray().Single();
        Assert.That((parameter.Name, parameter.Kind.ToString(), parameter.Element), Is.EqualTo(("snapshot", kind, "Snap")));
    }

    [Test]
    public void An_optional_instance_without_its_class_asserted_is_not_read_as_one()
    {
        GlueExport export = Read("diff(snapshot) {\n wasm.doc_diff(this.__wbg_ptr, isLikeNone(snapshot) ? 0 : snapshot.__wbg_ptr);\n }");
        Assert.That(export.Parameters.AsSpan().ToArray().Single().Kind, Is.EqualTo(GlueParameterKind.Other));
    }

    [Test]
    public void An_optional_instance_result_is_its_class_or_none()
    {
        GlueExport export = Read("get parent() {\n const ret = wasm.doc_parent(this.__wbg_ptr);\n return ret === 0 ? undefined : Doc.__wrap(ret);\n }");
        Assert.That((export.Result, export.ResultElement, export.Problem), Is.EqualTo((GlueResultKind.OptionalInstance, "Doc", (string?)null)));
    }

    // Glue before 0.2.8x declares the result with var (html-rewriter-wasm 0.4.1's getters and hasAttribute).
    [TestCase("var ret = wasm.doc_removed(this.ptr);\n return ret !== 0;", GlueResultKind.Bool)]
    [TestCase("var ret = wasm.doc_removed(this.ptr);\n return ret >>> 0;", GlueResultKind.Unsigned)]
    [TestCase("const ret = wasm.doc_removed(this.__wbg_ptr);\n return ret !== 0;", GlueResultKind.Bool)]
    public void A_result_declared_with_var_is_read_as_with_const(string body, GlueResultKind kind)
    {
        GlueExport export = Read("get removed() {\n " + body + "\n }");
        Assert.That((export.Result, export.Problem), Is.EqualTo((kind, (string?)null)));
    }
}
