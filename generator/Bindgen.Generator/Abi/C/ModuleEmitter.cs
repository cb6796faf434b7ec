using System.Linq;
using Bindgen.Generator.Model;
using Bindgen.Generator.Emit;

namespace Bindgen.Generator.Abi.C;

/// <summary>Emit stage: one [WasmModule] model to the source of its binding class.</summary>
internal static class ModuleEmitter
{
    public static string Emit(ModuleModel module)
    {
        IndentedWriter w = IndentedWriter.ForGeneratedFile(module);

        bool needsMemory = module.Methods.Any(MarshallerResolver.NeedsMemory);

        ClassFrame.OpenExportsClass(w, module, "a WebAssembly module", "following Bindgen's C convention.");
        if (needsMemory)
        {
            w.Line("private readonly global::Bindgen.GuestMemory _memory;");
        }

        if (module.Cancellable)
        {
            w.Line("private readonly global::Bindgen.CallBounds _bounds;");
        }

        foreach (MethodModel method in module.Methods)
        {
            string fieldType = InlinedCall.Applies(method) ? InlinedCall.FieldType(method)
                : method.Lowered.IsTyped ? ExportDelegates.DelegateType(method) : "global::Bindgen.Internals.UntypedExport";
            w.Line($"private readonly {fieldType} {ExportDelegates.DelegateField(method)};");
        }

        w.Line();
        EmitConstructor(w, module, needsMemory);
        ClassFrame.EmitFactories(w, module, module.ImportNames());
        if (!string.IsNullOrEmpty(module.File))
        {
            EmbeddedFactories.Emit(w, module);
        }

        w.Line("/// <summary>The instance this binding calls.</summary>");
        w.Line("public global::Wasmtime.Instance Instance { get; }");
        w.Line();
        w.Line("/// <summary>The guest's memory and allocator, or null when no method of the binding needs them.</summary>");
        w.Line($"public global::Bindgen.GuestMemory? Memory => {(needsMemory ? "_memory" : "null")};");

        foreach (MethodModel method in module.Methods)
        {
            w.Line();
            ExportMethodEmitter.Emit(w, module, method);
        }

        foreach (MemberStub stub in module.Stubs)
        {
            w.Line();
            ClassFrame.EmitUnsupported(w, stub);
        }

        w.Close();
        return w.ToString();
    }


    private static void EmitConstructor(IndentedWriter w, ModuleModel module, bool needsMemory)
    {
        string options = "global::Bindgen.GuestMemoryOptions? options = null";
        if (module.Cancellable)
        {
            // Wasmtime's Store exposes neither its engine nor an instance's store, and cancellation needs both.
            w.Line("/// <summary>");
            w.Line("/// Binds to an existing instance, resolving and checking every export once, and sets its store up for cancellable calls.");
            w.Line("/// </summary>");
            w.Line(ClassFrame.EngineDoc);
            w.Line("/// <param name=\"store\">The instance's store.</param>");
            w.Line("/// <param name=\"instance\">The guest instance.</param>");
            w.Line(ClassFrame.OptionsDoc);
            w.Line("/// <exception cref=\"global::Bindgen.BindingException\">The module lacks exports the binding needs or has other signatures, or the engine lacks epoch interruption (<see cref=\"global::Bindgen.EngineConfigurationException\"/>): every problem, at once.</exception>");
            w.Line("/// <exception cref=\"global::Bindgen.GuestTrapException\">The module's initializer trapped.</exception>");
            w.Open($"public {module.ClassName}(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Wasmtime.Instance instance, {options})");
            w.Line("if (engine is null) throw new global::System.ArgumentNullException(\"engine\");");
            w.Line("if (store is null) throw new global::System.ArgumentNullException(\"store\");");
        }
        else
        {
            w.Line("/// <summary>");
            w.Line("/// Binds to an existing instance, resolving and checking every export once. Without the store, a call stopped by");
            w.Line("/// exhausted fuel or a passed epoch deadline may leave its temporaries allocated; prefer the overload with the store.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"instance\">The guest instance.</param>");
            w.Line(ClassFrame.OptionsDoc);
            w.Line("/// <exception cref=\"global::Bindgen.BindingException\">The module lacks exports the binding needs or has other signatures: every problem, at once.</exception>");
            w.Line("/// <exception cref=\"global::Bindgen.GuestTrapException\">The module's initializer trapped.</exception>");
            w.Line($"public {module.ClassName}(global::Wasmtime.Instance instance, {options})");
            w.Line("    : this(instance, null, options)");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Binds to an existing instance of <paramref name=\"store\"/>, resolving and checking every export once. With the store,");
            w.Line("/// the frees after a call stopped by exhausted fuel or a passed epoch deadline get the budget they need.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"store\">The instance's store.</param>");
            w.Line("/// <param name=\"instance\">The guest instance.</param>");
            w.Line(ClassFrame.OptionsDoc);
            w.Line("/// <exception cref=\"global::Bindgen.BindingException\">The module lacks exports the binding needs or has other signatures: every problem, at once.</exception>");
            w.Line("/// <exception cref=\"global::Bindgen.GuestTrapException\">The module's initializer trapped.</exception>");
            w.Line($"public {module.ClassName}(global::Wasmtime.Store store, global::Wasmtime.Instance instance, {options})");
            w.Line("    : this(instance, store ?? throw new global::System.ArgumentNullException(\"store\"), options)");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Open($"private {module.ClassName}(global::Wasmtime.Instance instance, global::Wasmtime.Store? store, global::Bindgen.GuestMemoryOptions? options)");
        }

        w.Line("Instance = instance ?? throw new global::System.ArgumentNullException(\"instance\");");
        w.Line("// Every export is looked up before any problem is reported, so one exception names them all.");
        w.Line("var __exports = new global::Bindgen.Internals.ExportResolver(instance, Binding, store);");
        StoreGateText.Assign(w);
        if (needsMemory)
        {
            w.Line(module.Convention() is { } names ? $"_memory = __exports.CConventionMemory(options, {names.Expression});" : "_memory = __exports.CConventionMemory(options);");
        }

        // Structs are copied as bytes: check once that .NET lays each out as wasm32 C does.
        foreach (MemoryLayout layout in module.Methods
            .SelectMany(m => m.Parameters.Select(p => p.Type.Memory).Append(m.ReturnType.Memory))
            .OfType<MemoryLayout>().Where(l => l.IsStruct).Distinct())
        {
            w.Line($"global::Bindgen.Internals.CLayout.Check<{layout.TypeName}>({layout.Size}, Binding);");
        }

        if (module.Cancellable)
        {
            w.Line("_bounds = __exports.Cancellation(engine);");
        }

        foreach (MethodModel method in module.Methods)
        {
            w.Line(InlinedCall.Applies(method) ? $"{ExportDelegates.DelegateField(method)} = __exports.{InlinedCall.Resolve(method)};"
                : method.Lowered.IsTyped
                ? $"{ExportDelegates.DelegateField(method)} = __exports.{ExportDelegates.ResolveCall(method)}({CSharpText.Literal(method.ExportName)}, {CSharpText.Literal(method.Lowered.Text)});"
                // Wasmtime's typed delegates stop at 16 parameters: longer signatures are called untyped (checked here all the same).
                : $"{ExportDelegates.DelegateField(method)} = __exports.Untyped({CSharpText.Literal(method.ExportName)}, {CSharpText.Literal(method.Lowered.Text)})!;");
        }

        w.Line("// Throws the problems found, then runs the module's initializer (a WASI reactor's _initialize) once per instance.");
        w.Line(module.Initialize is null ? "__exports.Complete();" : $"__exports.Complete({CSharpText.Literal(module.Initialize)});");
        w.Close();
        w.Line();
    }
}
