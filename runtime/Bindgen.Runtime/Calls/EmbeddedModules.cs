using System;
using System.IO;
using System.Reflection;
using Wasmtime;
using Module = Wasmtime.Module;

namespace Bindgen;

/// <summary>
/// Modules embedded in an assembly by <c>&lt;BindgenModule&gt;</c> items, compiled once per <see cref="Engine"/>:
/// generated <c>Instantiate(Engine, Store)</c> overloads load their module here, so a program needs no .wasm file
/// beside it and compiles each module once however many instances it makes.
/// </summary>
public static class EmbeddedModules
{
    /// <summary>The prefix of every embedded module's resource name: <c>Bindgen.Modules/text_tools.wasm</c>.</summary>
    public const string ResourcePrefix = "Bindgen.Modules/";

    private static readonly CompiledPerEngine<Module> Compiled = new(Load);

    /// <summary>The module embedded in <paramref name="assembly"/> under <paramref name="fileName"/>, compiled for <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine to compile for; a module can only be instantiated in stores of its engine.</param>
    /// <param name="assembly">The assembly that embeds the module (the one that declares the binding).</param>
    /// <param name="fileName">The module's file name, as in <c>[WasmModule(File = "text_tools.wasm")]</c>.</param>
    /// <returns>The compiled module, shared by every caller with the same engine; do not dispose it.</returns>
    /// <exception cref="InvalidOperationException">The assembly embeds no module of that name (the project has no such <c>BindgenModule</c> item).</exception>
    public static Module Get(Engine engine, Assembly assembly, string fileName)
    {
        if (engine is null)
        {
            throw new ArgumentNullException(nameof(engine));
        }

        if (assembly is null)
        {
            throw new ArgumentNullException(nameof(assembly));
        }

        if (fileName is null)
        {
            throw new ArgumentNullException(nameof(fileName));
        }

        return Compiled.Get(engine, assembly, fileName);
    }

    private static Module Load(Engine engine, Assembly assembly, string fileName)
    {
        using Stream stream = assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException(
                $"The assembly '{assembly.GetName().Name}' embeds no WebAssembly module '{fileName}'. Add it to the project as <BindgenModule Include=\"path/to/{fileName}\" />.");
        return Module.FromStream(engine, fileName, stream);
    }
}
