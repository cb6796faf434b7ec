using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>Emit stage for a [WasmModule(Abi = WasmAbi.Canonical)] model: the binding class and its type helpers.</summary>
internal static class CanonicalEmitter
{
    public static string Emit(ModuleModel module)
    {
        IndentedWriter w = IndentedWriter.ForGeneratedFile(module);
        var codec = new CanonicalCodec();
        bool needsMemory = module.Methods.Any(m => CanonicalStageDriver.UsesMemory(m.Canonical()));
        bool needsRealloc = module.Methods.Any(m => CanonicalStageDriver.AllocatesArguments(m.Canonical()));

        ClassFrame.OpenExportsClass(w, module, "a WebAssembly module", "following the component model's canonical ABI.");
        w.Line("private readonly global::Bindgen.Internals.CanonicalGuest _guest;");
        foreach (MethodModel method in module.Methods)
        {
            w.Line($"private readonly {ExportDelegates.DelegateType(method)} {method.FieldName};");
            w.Line($"private readonly {PostDelegateType(method)}? _post_{method.FieldName};");
        }

        w.Line();
        w.Line("/// <summary>Binds to an existing instance, resolving and checking every export once.</summary>");
        w.Line("/// <param name=\"instance\">The guest instance.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.BindingException\">The module lacks exports the binding needs or has other signatures: every problem, at once.</exception>");
        w.Line("/// <exception cref=\"global::Bindgen.GuestTrapException\">The module's initializer trapped.</exception>");
        w.Open($"public {module.ClassName}(global::Wasmtime.Instance instance, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line("Instance = instance ?? throw new global::System.ArgumentNullException(\"instance\");");
        w.Line("var __exports = new global::Bindgen.Internals.ExportResolver(instance, Binding);");
        w.Line($"_guest = new global::Bindgen.Internals.CanonicalGuest(__exports, {Bool(needsMemory)}, {Bool(needsRealloc)}, options);");
        foreach (MethodModel method in module.Methods)
        {
            w.Line($"{method.FieldName} = __exports.{ExportDelegates.ResolveCall(method)}({CSharpText.Literal(method.ExportName)}, {CSharpText.Literal(method.Lowered.Text)});");
            w.Line($"// Called after the results are copied out, whenever the module exports it (CanonicalABI.md, post-return).");
            w.Line($"_post_{method.FieldName} = global::Bindgen.Internals.CanonicalGuest.OptionalFunction(__exports, {CSharpText.Literal("cabi_post_" + method.ExportName)}, {CSharpText.Literal(PostSignature(method))}, static __f => __f.{PostWrap(method)});");
        }

        w.Line(module.Initialize is null ? "__exports.Complete();" : $"__exports.Complete({CSharpText.Literal(module.Initialize)});");
        w.Close();
        w.Line();
        w.Line("/// <summary>Binds to an existing instance of <paramref name=\"store\"/>, as the factories do.</summary>");
        w.Line("/// <param name=\"store\">The instance's store.</param>");
        w.Line("/// <param name=\"instance\">The guest instance.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line($"public {module.ClassName}(global::Wasmtime.Store store, global::Wasmtime.Instance instance, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line("    : this(instance, options)");
        w.Line("{");
        w.Line("}");
        w.Line();
        ClassFrame.EmitFactories(w, module);
        w.Line("/// <summary>The instance this binding calls.</summary>");
        w.Line("public global::Wasmtime.Instance Instance { get; }");

        foreach (MethodModel method in module.Methods)
        {
            w.Line();
            CanonicalStageDriver.EmitMethod(w, codec, module, method);
        }

        foreach (MemberStub stub in module.Stubs)
        {
            w.Line();
            ClassFrame.EmitUnsupported(w, stub);
        }

        codec.EmitHelpers(w);
        w.Close();
        return w.ToString();
    }

    /// <summary><c>cabi_post_*</c> takes the export's flat results and returns nothing.</summary>
    private static string PostSignature(MethodModel method) =>
        "(" + string.Join(", ", method.Lowered.Results.Select(LoweredSignature.Name)) + ") -> ()";

    private static string PostDelegateType(MethodModel method) =>
        method.Lowered.ResultClrType is { } r ? $"global::System.Action<{r}>" : "global::System.Action";

    private static string PostWrap(MethodModel method) =>
        method.Lowered.ResultClrType is { } r ? $"WrapAction<{r}>()" : "WrapAction()";

    private static string Bool(bool value) => value ? "true" : "false";
}
