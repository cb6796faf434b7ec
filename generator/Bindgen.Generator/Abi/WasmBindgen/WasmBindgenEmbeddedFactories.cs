using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// The factories of a wasm-bindgen binding with [WasmModule(File = ...)]: they load the <c>.wasm</c> the build embedded
/// (its <c>&lt;BindgenModule&gt;</c> item, resource <c>Bindgen.Modules/&lt;file name&gt;</c>) and instantiate it with the
/// glue's imports, as the factories over a loaded module do.
/// </summary>
internal static class WasmBindgenEmbeddedFactories
{
    public static void Emit(IndentedWriter w, ModuleModel module)
    {
        string file = CSharpText.Literal(module.File!);
        string shown = CSharpText.DocText(module.File!);
        w.Line($"/// <summary>The module {shown} embedded in this assembly by its BindgenModule item, compiled once per engine and shared; do not dispose it.</summary>");
        w.Line("/// <param name=\"engine\">The engine to compile for: the engine of the stores it will be instantiated in.</param>");
        w.Line("public static global::Wasmtime.Module LoadModule(global::Wasmtime.Engine engine) =>");
        w.Line($"    global::Bindgen.EmbeddedModules.Get(engine, typeof({module.ClassName}).Assembly, {file});");
        w.Line();
        w.Line($"/// <summary>Instantiates the embedded module {shown} with every import its glue defines, and binds to it.</summary>");
        w.Line("/// <param name=\"engine\">The store's engine.</param>");
        w.Line("/// <param name=\"store\">The store.</param>");
        w.Line("/// <param name=\"options\">Guest memory options (checked mode); <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line("    Instantiate(engine, store, LoadModule(engine), null, options);");
        w.Line();
        w.Line($"/// <summary>Instantiates the embedded module {shown} with the imports <paramref name=\"linker\"/> defines and the glue's for the rest.</summary>");
        w.Line("/// <param name=\"linker\">A linker with the user's own import definitions.</param>");
        w.Line("/// <param name=\"engine\">The store's engine.</param>");
        w.Line("/// <param name=\"store\">The store.</param>");
        w.Line("/// <param name=\"options\">Guest memory options (checked mode); <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line($"public static {module.ClassName} Instantiate(global::Wasmtime.Linker linker, global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Bindgen.GuestMemoryOptions? options = null) =>");
        w.Line("    Instantiate(engine, store, LoadModule(engine), linker ?? throw new global::System.ArgumentNullException(nameof(linker)), options);");
        w.Line();
    }
}
