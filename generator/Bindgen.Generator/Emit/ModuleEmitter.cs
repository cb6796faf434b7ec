using System.Linq;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Emit;

/// <summary>Emit stage: one [WasmModule] model to the source of its binding class.</summary>
internal static class ModuleEmitter
{
    public static string Emit(ModuleModel module)
    {
        IndentedWriter w = IndentedWriter.ForGeneratedFile(module);

        bool needsMemory = module.Methods.Any(NeedsMemory);
        string binding = StubEmitter.Escape(module.InterfaceName);

        w.Line("/// <summary>");
        w.Line($"/// Calls the exports of a WebAssembly module through <see cref=\"{module.InterfaceFullName}\"/>, following Bindgen's C convention.");
        w.Line("/// Every method may grow guest memory; views of guest memory taken before a call are stale after it.");
        w.Line("/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"{GeneratorVersion.Value}\")]");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open($"{module.Accessibility} sealed partial class {module.ClassName} : {module.InterfaceFullName}");
        w.Line($"private const string Binding = \"{binding}\";");
        if (needsMemory)
        {
            w.Line("private readonly global::Bindgen.GuestMemory _memory;");
        }

        foreach (MethodModel method in module.Methods)
        {
            w.Line($"private readonly {StubEmitter.DelegateType(method)} {StubEmitter.DelegateField(method)};");
        }

        w.Line();
        EmitConstructor(w, module, needsMemory);
        EmitFactories(w, module);

        w.Line("/// <summary>The instance this binding calls.</summary>");
        w.Line("public global::Wasmtime.Instance Instance { get; }");
        w.Line();
        w.Line("/// <summary>The guest's memory and allocator, or null when no method of the binding needs them.</summary>");
        w.Line($"public global::Bindgen.GuestMemory? Memory => {(needsMemory ? "_memory" : "null")};");

        foreach (MethodModel method in module.Methods)
        {
            w.Line();
            StubEmitter.Emit(w, module, method);
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitConstructor(IndentedWriter w, ModuleModel module, bool needsMemory)
    {
        w.Line("/// <summary>");
        w.Line("/// Binds to an existing instance, resolving and checking every export once.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"instance\">The guest instance.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.MissingExportException\">The module lacks an export the binding needs.</exception>");
        w.Line("/// <exception cref=\"global::Bindgen.ExportSignatureException\">An export has another signature than the binding expects.</exception>");
        w.Open($"public {module.ClassName}(global::Wasmtime.Instance instance, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line("Instance = instance ?? throw new global::System.ArgumentNullException(nameof(instance));");
        if (needsMemory)
        {
            w.Line("_memory = global::Bindgen.GuestMemory.ForCConvention(instance, Binding, options);");
        }

        foreach (MethodModel method in module.Methods)
        {
            string export = StubEmitter.Escape(method.ExportName);
            string signature = StubEmitter.WasmSignature(method);
            w.Line($"{StubEmitter.DelegateField(method)} = global::Bindgen.WasmExports.RequireFunction(instance, Binding, \"{export}\", \"{signature}\").{StubEmitter.WrapCall(method)}");
            w.Line($"    ?? throw global::Bindgen.WasmExports.TypedLookupFailed(instance, Binding, \"{export}\", \"{signature}\");");
        }

        w.Close();
        w.Line();
    }

    private static void EmitFactories(IndentedWriter w, ModuleModel module)
    {
        w.Line("/// <summary>Instantiates a module that has no imports and binds to it.</summary>");
        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        w.Line("/// <param name=\"module\">The compiled module.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Store store, global::Wasmtime.Module module, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    new {module.ClassName}(new global::Wasmtime.Instance(store, module), options);");
        w.Line();
        w.Line("/// <summary>Instantiates a module through a linker that provides its imports, and binds to it.</summary>");
        w.Line("/// <param name=\"linker\">The linker holding the module's imports.</param>");
        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        w.Line("/// <param name=\"module\">The compiled module.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Linker linker, global::Wasmtime.Store store, global::Wasmtime.Module module, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    new {module.ClassName}((linker ?? throw new global::System.ArgumentNullException(nameof(linker))).Instantiate(store, module), options);");
        w.Line();
    }

    private static bool NeedsMemory(MethodModel method) =>
        TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind)
        || method.Parameters.Any(p => TypeClassifier.IsBuffer(p.Type.Kind));
}
