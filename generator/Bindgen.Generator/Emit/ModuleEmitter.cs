using System.Linq;
using Bindgen.Generator.Model;
using Bindgen.Generator.Marshalling;

namespace Bindgen.Generator.Emit;

/// <summary>Emit stage: one [WasmModule] model to the source of its binding class.</summary>
internal static class ModuleEmitter
{
    public static string Emit(ModuleModel module)
    {
        IndentedWriter w = IndentedWriter.ForGeneratedFile(module);

        bool needsMemory = module.Methods.Any(MarshallerResolver.NeedsMemory);

        w.Line("/// <summary>");
        w.Line($"/// Calls the exports of a WebAssembly module through <see cref=\"{module.InterfaceFullName}\"/>, following Bindgen's C convention.");
        w.Line("/// Every method may grow guest memory; views of guest memory taken before a call are stale after it.");
        w.Line("/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"{GeneratorVersion.Value}\")]");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open($"{module.Accessibility} sealed partial class {module.ClassName} : {module.InterfaceFullName}");
        w.Line($"private const string Binding = {CSharpText.Literal(module.InterfaceName)};");
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
            w.Line($"private readonly {StubEmitter.DelegateType(method)} {StubEmitter.DelegateField(method)};");
        }

        w.Line();
        EmitConstructor(w, module, needsMemory);
        EmitFactories(w, module);
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
            StubEmitter.Emit(w, module, method);
        }

        foreach (MemberStub stub in module.Stubs)
        {
            w.Line();
            EmitUnsupported(w, stub);
        }

        w.Close();
        return w.ToString();
    }

    private const string OptionsDoc = "/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>";
    private const string EngineDoc = "/// <param name=\"engine\">The store's engine, created with <c>Config.WithEpochInterruption(true)</c>: cancelling a method's token interrupts the guest through it.</param>";

    private static void EmitConstructor(IndentedWriter w, ModuleModel module, bool needsMemory)
    {
        string options = "global::Bindgen.GuestMemoryOptions? options = null";
        if (module.Cancellable)
        {
            // Wasmtime's Store exposes neither its engine nor an instance's store, and cancellation needs both.
            w.Line("/// <summary>");
            w.Line("/// Binds to an existing instance, resolving and checking every export once, and sets its store up for cancellable calls.");
            w.Line("/// </summary>");
            w.Line(EngineDoc);
            w.Line("/// <param name=\"store\">The instance's store.</param>");
            w.Line("/// <param name=\"instance\">The guest instance.</param>");
            w.Line(OptionsDoc);
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
            w.Line(OptionsDoc);
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
            w.Line(OptionsDoc);
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
        if (needsMemory)
        {
            w.Line(module.Convention is null ? "_memory = __exports.CConventionMemory(options);" : $"_memory = __exports.CConventionMemory(options, {module.Convention.Expression});");
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
            w.Line(method.Lowered.IsTyped
                ? $"{StubEmitter.DelegateField(method)} = __exports.{StubEmitter.ResolveCall(method)}({CSharpText.Literal(method.ExportName)}, {CSharpText.Literal(method.Lowered.Text)});"
                // Wasmtime's typed delegates stop at 16 parameters: longer signatures are called untyped (checked here all the same).
                : $"{StubEmitter.DelegateField(method)} = __exports.CheckedFunction({CSharpText.Literal(method.ExportName)}, {CSharpText.Literal(method.Lowered.Text)})!;");
        }

        w.Line("// Throws the problems found, then runs the module's initializer (a WASI reactor's _initialize) once per instance.");
        w.Line(module.Initialize is null ? "__exports.Complete();" : $"__exports.Complete({CSharpText.Literal(module.Initialize)});");
        w.Close();
        w.Line();
    }

    internal static void EmitFactories(IndentedWriter w, ModuleModel module)
    {
        string engineParameter = module.Cancellable ? "global::Wasmtime.Engine engine, " : string.Empty;
        string engineArgument = module.Cancellable ? "engine, " : string.Empty;
        w.Line("/// <summary>Instantiates a module that has no imports and binds to it.</summary>");
        if (module.Cancellable)
        {
            w.Line(EngineDoc);
        }

        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        w.Line("/// <param name=\"module\">The compiled module.</param>");
        w.Line(OptionsDoc);
        w.Line("/// <exception cref=\"global::Bindgen.MissingImportsException\">The module has imports (for WASI, use the linker overload after <c>linker.DefineWasi()</c>).</exception>");
        w.Line($"public static {module.ClassName} Instantiate({engineParameter}global::Wasmtime.Store store, global::Wasmtime.Module module, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    new {module.ClassName}({engineArgument}store, global::Bindgen.Internals.WasmInstances.Instantiate(store, module, Binding), options);");
        w.Line();
        w.Line("/// <summary>Instantiates a module through a linker that provides its imports, and binds to it.</summary>");
        if (module.Cancellable)
        {
            w.Line(EngineDoc);
        }

        w.Line("/// <param name=\"linker\">The linker holding the module's imports.</param>");
        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        w.Line("/// <param name=\"module\">The compiled module.</param>");
        w.Line(OptionsDoc);
        w.Line("/// <exception cref=\"global::Bindgen.MissingImportsException\">The linker lacks some of the module's imports.</exception>");
        w.Line($"public static {module.ClassName} Instantiate({engineParameter}global::Wasmtime.Linker linker, global::Wasmtime.Store store, global::Wasmtime.Module module, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    new {module.ClassName}({engineArgument}store, global::Bindgen.Internals.WasmInstances.Instantiate(linker, store, module, Binding), options);");
        w.Line();
    }

    /// <summary>A member with a BG error: it throws, so the class still implements the interface and compiles.</summary>
    internal static void EmitUnsupported(IndentedWriter w, MemberStub stub)
    {
        string thrower = $"throw new global::System.NotSupportedException({CSharpText.Literal(stub.Message)})";
        w.Line("/// <summary>Not bound: Bindgen reported an error for this member when the project was built.</summary>");
        switch (stub.Shape)
        {
            case StubShape.Method:
                w.Line($"{stub.Declaration} => {thrower};");
                break;
            case StubShape.GetOnly:
                w.Line($"{stub.Declaration} {{ get => {thrower}; }}");
                break;
            case StubShape.SetOnly:
                w.Line($"{stub.Declaration} {{ set => {thrower}; }}");
                break;
            case StubShape.GetSet:
                w.Line($"{stub.Declaration} {{ get => {thrower}; set => {thrower}; }}");
                break;
            case StubShape.GetInit:
                w.Line($"{stub.Declaration} {{ get => {thrower}; init => {thrower}; }}");
                break;
            case StubShape.Event:
                w.Line($"{stub.Declaration} {{ add => {thrower}; remove => {thrower}; }}");
                break;
        }
    }

}
