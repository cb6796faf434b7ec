using Bindgen.Generator.Model;

namespace Bindgen.Generator.Emit;

/// <summary>
/// The factories of a [WasmModule(File = ...)] class, which load the module the build embedded (a
/// <c>&lt;BindgenModule&gt;</c> item) instead of taking a compiled one. They take the engine because a Wasmtime
/// store does not expose the engine it was created with, and a module must be compiled for the store's engine.
/// </summary>
internal static class EmbeddedFactories
{
    public static void Emit(IndentedWriter w, ModuleModel module)
    {
        string file = CSharpText.Literal(module.File!);

        // A cancellable binding's factories over a compiled module take the engine first (cancellation needs it).
        string engineArgument = module.Cancellable ? "engine, " : string.Empty;
        w.Line($"/// <summary>The module <c>{Xml(module.File!)}</c> embedded in this assembly by its BindgenModule item, compiled once per engine and shared; do not dispose it.</summary>");
        w.Line("/// <param name=\"engine\">The engine to compile for: the engine of the stores it will be instantiated in.</param>");
        w.Line($"public static global::Wasmtime.Module LoadModule(global::Wasmtime.Engine engine) =>");
        w.Line($"    global::Bindgen.EmbeddedModules.Get(engine, typeof({module.ClassName}).Assembly, {file});");
        w.Line();
        w.Line($"/// <summary>Instantiates the embedded module <c>{Xml(module.File!)}</c> (it must have no imports) and binds to it.</summary>");
        w.Line("/// <param name=\"engine\">The engine <paramref name=\"store\"/> was created with.</param>");
        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.MissingImportsException\">The module has imports (for WASI, use the linker overload after <c>linker.DefineWasi()</c>).</exception>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    Instantiate({engineArgument}store, LoadModule(engine), options);");
        w.Line();
        w.Line($"/// <summary>Instantiates the embedded module <c>{Xml(module.File!)}</c> through a linker that provides its imports, and binds to it.</summary>");
        w.Line("/// <param name=\"linker\">The linker holding the module's imports.</param>");
        w.Line("/// <param name=\"engine\">The engine <paramref name=\"store\"/> and <paramref name=\"linker\"/> were created with.</param>");
        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.MissingImportsException\">The linker lacks some of the module's imports.</exception>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Linker linker, global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line($"    Instantiate({engineArgument}linker, store, LoadModule(engine), options);");
        w.Line();
    }

    /// <summary>
    /// The name as XML text on one documentation line: control characters and the Unicode line and paragraph
    /// separators (C# line breaks, which would end the comment) become '?'.
    /// </summary>
    private static string Xml(string text) =>
        new string(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(text, c => char.IsControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c)))
            .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
