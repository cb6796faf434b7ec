using Bindgen.Generator.Model;

namespace Bindgen.Generator.Emit;

/// <summary>
/// The frame every ABI's [WasmModule] class shares: the header (summary, version stamp, the class and its binding
/// name), the factories over a compiled module, and the throwing stubs of members that cannot be bound.
/// </summary>
internal static class ClassFrame
{
    /// <summary>The documentation of a factory's or constructor's <c>options</c> parameter.</summary>
    internal const string OptionsDoc = "/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>";

    /// <summary>The documentation of the <c>engine</c> parameter of a cancellable binding's factories and constructors.</summary>
    internal const string EngineDoc = "/// <param name=\"engine\">The store's engine, created with <c>Config.WithEpochInterruption(true)</c>: cancelling a method's token interrupts the guest through it.</param>";

    /// <summary>Opens the class: "Calls the exports of <paramref name="subject"/> through the interface, <paramref name="how"/>".</summary>
    public static void OpenExportsClass(IndentedWriter w, ModuleModel module, string subject, string how)
    {
        w.Line("/// <summary>");
        w.Line($"/// Calls the exports of {subject} through <see cref=\"{module.InterfaceFullName}\"/>, {how}");
        w.Line("/// Every method may grow guest memory; views of guest memory taken before a call are stale after it.");
        w.Line("/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"{GeneratorVersion.Value}\")]");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open($"{module.Accessibility} sealed partial class {module.ClassName} : {module.InterfaceFullName}");
        w.Line($"private const string Binding = {CSharpText.Literal(module.InterfaceName)};");
        StoreGateText.DeclareField(w);
    }

    /// <summary>The <c>Instantiate</c> factories over a compiled module (without imports, with a linker, with bound imports).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="module">The binding.</param>
    /// <param name="importNames">emscripten's minified imports and their names (triples), passed to the runtime, which provides those imports by name.</param>
    public static void EmitFactories(IndentedWriter w, ModuleModel module, EquatableArray<string> importNames = default)
    {
        string names = importNames.Count == 0 ? string.Empty : ", EmscriptenImportNames";
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
        w.Line($"    new {module.ClassName}({engineArgument}store, global::Bindgen.Internals.WasmInstances.Instantiate(store, module, Binding{names}), options);");
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
        w.Line($"    new {module.ClassName}({engineArgument}store, global::Bindgen.Internals.WasmInstances.Instantiate(linker, store, module, Binding{names}), options);");
        w.Line();
        if (importNames.Count == 0)
        {
            EmitBoundFactory(w, module, engineParameter, engineArgument);
        }

        if (importNames.Count > 0)
        {
            w.Line("/// <summary>The module's minified imports and emscripten's names for them (import module, name, emscripten's name), from its glue.</summary>");
            w.Line("private static readonly string[] EmscriptenImportNames =");
            w.Line("{");
            for (int i = 0; i + 2 < importNames.Count; i += 3)
            {
                w.Line($"    {CSharpText.Literal(importNames[i])}, {CSharpText.Literal(importNames[i + 1])}, {CSharpText.Literal(importNames[i + 2])},");
            }

            w.Line("};");
            w.Line();
        }
    }

    /// <summary>The factory over <c>InstanceImports</c>: host imports bound to the one instance it creates.</summary>
    private static void EmitBoundFactory(IndentedWriter w, ModuleModel module, string engineParameter, string engineArgument)
    {
        w.Line("/// <summary>");
        w.Line("/// Instantiates a module with host imports bound to the new instance (defined with the generated");
        w.Line("/// <c>Define(InstanceImports, ...)</c>), and binds to it: each import then uses this instance's memory without asking");
        w.Line("/// Wasmtime which instance calls. Use the linker overload when one linker serves many instances, or when the module");
        w.Line("/// re-exports an import (docs/host-imports.md).");
        w.Line("/// </summary>");
        if (module.Cancellable)
        {
            w.Line(EngineDoc);
        }

        w.Line("/// <param name=\"imports\">The imports of this one instantiation, in the store to instantiate in.</param>");
        w.Line("/// <param name=\"module\">The compiled module.</param>");
        w.Line(OptionsDoc);
        w.Line("/// <exception cref=\"global::Bindgen.MissingImportsException\">Neither the imports nor their shared linker provide some of the module's imports.</exception>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">The imports were already used for an instantiation.</exception>");
        w.Line($"public static {module.ClassName} Instantiate({engineParameter}global::Bindgen.InstanceImports imports, global::Wasmtime.Module module, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    new {module.ClassName}({engineArgument}(imports ?? throw new global::System.ArgumentNullException(\"imports\")).Store, imports.Instantiate(module), options);");
        w.Line();
    }

    /// <summary>
    /// The host implementation a [WasmImports] callback calls: as the interface that declares the method, when that is
    /// a base interface, so that a derived member of the same name (a generic overload, one that hides it) is not
    /// chosen instead.
    /// </summary>
    public static string Implementation(ModuleModel module, MethodModel method) =>
        method.DeclaringInterface == module.InterfaceFullName ? "implementation" : $"(({method.DeclaringInterface})implementation)";

    /// <summary>A member with a BG error: it throws, so the class still implements the interface and compiles.</summary>
    public static void EmitUnsupported(IndentedWriter w, MemberStub stub)
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
