using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Emit stage for a [WasmModule(Abi = WasmAbi.WasmBindgen)] model: a class that instantiates the module with every
/// import the glue defines, and one method per export that lowers and lifts as the glue's wrapper does, with the
/// pre-grow guard: the return area and every argument allocation first, then the copies through a fresh view.
/// </summary>
internal static class WasmBindgenEmitter
{
    public static string Emit(ModuleModel module)
    {
        GlueModel glue = module.WasmBindgen().Bound!;
        IndentedWriter w = IndentedWriter.ForGeneratedFile(module);
        ClassFrame.OpenExportsClass(w, module, "a wasm-bindgen module", $"as its JavaScript glue {CSharpText.DocText(glue.FileName)} does.");
        EmitGlue(w, glue);
        w.Line("private readonly global::Bindgen.Internals.WasmBindgenGuest _guest;");
        foreach (MethodModel method in module.Methods.Concat(Classes(module).SelectMany(c => c.Members)))
        {
            w.Line($"private readonly {ExportDelegates.DelegateType(method)} {method.FieldName};");
        }

        WasmBindgenClassEmitter.EmitFreeFields(w, module);

        w.Line();
        w.Line("/// <summary>Binds to an instance created with the guest state its imports use, resolving and checking every export once.</summary>");
        w.Open($"private {module.ClassName}(global::Wasmtime.Instance instance, global::Bindgen.Internals.WasmBindgenGuest guest)");
        w.Line("Instance = instance;");
        w.Line("_guest = guest;");
        w.Line("var __exports = new global::Bindgen.Internals.ExportResolver(instance, Binding);");
        StoreGateText.Assign(w);
        w.Line("guest.Attach(__exports);");
        WasmBindgenInstanceEmitter.EmitRegistration(w, module);
        WasmBindgenClassEmitter.EmitFreeResolution(w, module);
        foreach (MethodModel method in module.Methods.Concat(Classes(module).SelectMany(c => c.Members)))
        {
            w.Line($"{method.FieldName} = __exports.{ExportDelegates.ResolveCall(method)}({CSharpText.Literal(method.WasmBindgen().Export!.WasmName)}, {CSharpText.Literal(method.Lowered.Text)});");
        }

        w.Line("// wasm-bindgen's start function (externref table set-up, #[wasm_bindgen(start)]) runs once per instance.");
        w.Line($"__exports.Complete({CSharpText.Literal(glue.Start ?? string.Empty)});");
        w.Close();
        w.Line();
        EmitFactories(w, module);
        w.Line("/// <summary>The instance this binding calls.</summary>");
        w.Line("public global::Wasmtime.Instance Instance { get; }");
        w.Line();
        w.Line("/// <summary>The instance's JavaScript values and allocator, as the import shims and the methods share them.</summary>");
        w.Line("public global::Bindgen.Internals.WasmBindgenGuest Guest => _guest;");
        foreach (MethodModel method in module.Methods)
        {
            w.Line();
            WasmBindgenMethodEmitter.Emit(w, module, method);
        }

        WasmBindgenClassEmitter.Emit(w, module);
        WasmBindgenSnippets.EmitInterfaces(w, module);
        JsShapeEmitter.EmitHelpers(w, module);
        w.Close();
        return w.ToString();
    }

    private static System.Collections.Generic.IEnumerable<WasmBindgenClass> Classes(ModuleModel module) => module.WasmBindgen().Classes;

    private static void EmitGlue(IndentedWriter w, GlueModel glue)
    {
        w.Line($"/// <summary>What the generator read from {CSharpText.DocText(glue.FileName)}.</summary>");
        w.Line("public static readonly global::Bindgen.Internals.WasmBindgenGlue Glue = new(");
        w.Line($"    malloc: {Literal(glue.Malloc)}, free: {Literal(glue.Free)}, stackPointer: {Literal(glue.StackPointer)},");
        w.Line($"    heapSize: {glue.HeapSize}, externrefTable: {Literal(glue.ExternrefTable)}, start: {Literal(glue.Start)},");
        w.Line("    imports: new global::Bindgen.Internals.WasmBindgenImport[]");
        w.Line("    {");
        foreach (GlueImport import in glue.Imports.AsSpan())
        {
            w.Line($"        new(\"\", {CSharpText.Literal(import.Name)}, {CSharpText.Literal(import.Operation)}{(import.CatchesErrors ? ", CatchesErrors: true" : string.Empty)}),");
        }

        w.Line(glue.ExceptionStore is null ? "    });" : $"    }}) {{ ExceptionStore = {CSharpText.Literal(glue.ExceptionStore)} }};");
    }

    private static void EmitFactories(IndentedWriter w, ModuleModel module)
    {
        w.Line("/// <summary>");
        w.Line("/// Instantiates <paramref name=\"module\"/> in <paramref name=\"store\"/> with every import its glue defines, implemented by");
        w.Line("/// Bindgen; an import <paramref name=\"imports\"/> defines (a [WasmImports] registration) is taken from there instead.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"engine\">The store's engine.</param>");
        w.Line("/// <param name=\"store\">The store.</param>");
        w.Line("/// <param name=\"module\">The package's <c>.wasm</c>, loaded.</param>");
        w.Line("/// <param name=\"imports\">A linker with the user's own import definitions, or null.</param>");
        w.Line("/// <param name=\"options\">Guest memory options (checked mode); <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.BindingException\">The module lacks exports the binding needs or has other signatures.</exception>");
        w.Line("/// <exception cref=\"global::Bindgen.GuestTrapException\">Instantiation or the start function trapped.</exception>");
        w.Open($"public static {module.ClassName} Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Wasmtime.Module module, global::Wasmtime.Linker? imports = null, global::Bindgen.GuestMemoryOptions? options = null)");
        EmitInstantiateBody(w, module, null);
        w.Close();
        w.Line();
        if (module.WasmBindgen().Snippets.Count > 0)
        {
            WasmBindgenSnippets.EmitInstantiate(w, module);
        }

        w.Line("/// <summary>Instantiates <paramref name=\"module\"/> with the imports <paramref name=\"linker\"/> defines and Bindgen's for the rest (see the other overload).</summary>");
        w.Line("/// <param name=\"linker\">A linker with the user's own import definitions.</param>");
        w.Line("/// <param name=\"engine\">The store's engine.</param>");
        w.Line("/// <param name=\"store\">The store.</param>");
        w.Line("/// <param name=\"module\">The package's <c>.wasm</c>, loaded.</param>");
        w.Line("/// <param name=\"options\">Guest memory options (checked mode); <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Linker linker, global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Wasmtime.Module module, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line("    Instantiate(engine, store, module, linker ?? throw new global::System.ArgumentNullException(nameof(linker)), options);");
        w.Line();
        if (!string.IsNullOrEmpty(module.File))
        {
            WasmBindgenEmbeddedFactories.Emit(w, module);
        }
    }

    /// <summary>An <c>Instantiate</c> body: the guest state, then <paramref name="prepare"/>'s lines (the snippet implementations), the glue's imports, the instance.</summary>
    internal static void EmitInstantiateBody(IndentedWriter w, ModuleModel module, System.Action<IndentedWriter>? prepare)
    {
        w.Line("var __guest = new global::Bindgen.Internals.WasmBindgenGuest(Glue, Binding, options);");
        prepare?.Invoke(w);
        w.Line("var __linker = new global::Wasmtime.Linker(engine);");
        w.Line("global::Bindgen.Internals.WasmBindgenImports.Define(__linker, store, module, __guest, imports);");
        w.Line("global::Wasmtime.Instance __instance;");
        w.Open("try");
        w.Line("__instance = __linker.Instantiate(store, module);");
        w.Close();
        w.Open("catch (global::Wasmtime.WasmtimeException __e)");
        w.Line("throw global::Bindgen.Internals.GuestFailures.FromWasmtime(Binding + \" (instantiation)\", __e);");
        w.Close();
        w.Line("return new " + module.ClassName + "(__instance, __guest);");
    }

    private static string Literal(string? value) => value is null ? "null" : CSharpText.Literal(value);
}
