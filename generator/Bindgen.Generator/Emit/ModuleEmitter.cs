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

        bool needsMemory = module.Methods.Any(NeedsMemory);

        w.Line("/// <summary>");
        w.Line($"/// Calls the exports of a WebAssembly module through <see cref=\"{module.InterfaceFullName}\"/>, following Bindgen's C convention.");
        w.Line("/// Every method may grow guest memory; views of guest memory taken before a call are stale after it.");
        w.Line("/// </summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"1.0.0\")]");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open($"{module.Accessibility} sealed partial class {module.ClassName} : {module.InterfaceFullName}");
        w.Line($"private const string Binding = {CSharpText.Literal(module.InterfaceName)};");
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

        foreach (MemberStub stub in module.Stubs)
        {
            w.Line();
            EmitUnsupported(w, stub);
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
        w.Line("/// <exception cref=\"global::Bindgen.BindingException\">The module lacks exports the binding needs or has other signatures: every problem, at once.</exception>");
        w.Line("/// <exception cref=\"global::Bindgen.GuestTrapException\">The module's initializer trapped.</exception>");
        w.Open($"public {module.ClassName}(global::Wasmtime.Instance instance, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line("Instance = instance ?? throw new global::System.ArgumentNullException(\"instance\");");
        w.Line("// Every export is looked up before any problem is reported, so one exception names them all.");
        w.Line("var __exports = new global::Bindgen.ExportResolver(instance, Binding);");
        if (needsMemory)
        {
            w.Line("_memory = __exports.CConventionMemory(options);");
        }

        foreach (MethodModel method in module.Methods)
        {
            w.Line($"{StubEmitter.DelegateField(method)} = __exports.Function({CSharpText.Literal(method.ExportName)}, {CSharpText.Literal(method.Lowered.Text)}, static __f => __f.{StubEmitter.WrapCall(method)});");
        }

        w.Line("// Throws the problems found, then runs the module's initializer (a WASI reactor's _initialize) once per instance.");
        w.Line(module.Initialize is null ? "__exports.Complete();" : $"__exports.Complete({CSharpText.Literal(module.Initialize)});");
        w.Close();
        w.Line();
    }

    internal static void EmitFactories(IndentedWriter w, ModuleModel module)
    {
        w.Line("/// <summary>Instantiates a module that has no imports and binds to it.</summary>");
        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        w.Line("/// <param name=\"module\">The compiled module.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.MissingImportsException\">The module has imports (for WASI, use the linker overload after <c>linker.DefineWasi()</c>).</exception>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Store store, global::Wasmtime.Module module, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    new {module.ClassName}(global::Bindgen.WasmInstances.Instantiate(store, module, Binding), options);");
        w.Line();
        w.Line("/// <summary>Instantiates a module through a linker that provides its imports, and binds to it.</summary>");
        w.Line("/// <param name=\"linker\">The linker holding the module's imports.</param>");
        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        w.Line("/// <param name=\"module\">The compiled module.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.MissingImportsException\">The linker lacks some of the module's imports.</exception>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Linker linker, global::Wasmtime.Store store, global::Wasmtime.Module module, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    new {module.ClassName}(global::Bindgen.WasmInstances.Instantiate(linker, store, module, Binding), options);");
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

    private static bool NeedsMemory(MethodModel method) =>
        MarshallerResolver.For(method.ReturnType).NeedsMemory || method.Parameters.Any(p => MarshallerResolver.For(p.Type).NeedsMemory);
}
