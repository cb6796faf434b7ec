using System;
using Wasmtime;

namespace Bindgen.Hosting;

/// <summary>
/// The engine and the module compiled for it, once per registered binding: what every pooled instance shares.
/// Registered as a singleton by <c>AddWasmModule</c>; disposing it disposes both.
/// </summary>
/// <typeparam name="TBinding">The binding the module was registered for.</typeparam>
public sealed class CompiledWasmModule<TBinding> : IDisposable
    where TBinding : class
{
    /// <summary>Creates the engine the options imply and compiles the module once.</summary>
    /// <param name="options">The module's source and engine settings.</param>
    /// <exception cref="ArgumentException">Neither a module path nor module bytes were given.</exception>
    public CompiledWasmModule(WasmModuleOptions<TBinding> options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (options.ModulePath is null && options.ModuleBytes is null)
        {
            throw new ArgumentException($"The module of {typeof(TBinding).Name} needs ModulePath or ModuleBytes.", nameof(options));
        }

        Engine = BindingEngine.Create(options);
        try
        {
            Module = options.ModulePath is string path
                ? Module.FromFile(Engine, path)
                : Module.FromBytes(Engine, typeof(TBinding).Name, options.ModuleBytes!.Value.Span);
        }
        catch
        {
            Engine.Dispose();
            throw;
        }
    }

    /// <summary>The engine: fuel when the options set fuel, epoch interruption when they set a timeout, pooling by default.</summary>
    public Engine Engine { get; }

    /// <summary>The compiled module.</summary>
    public Module Module { get; }

    /// <summary>Disposes the module and the engine.</summary>
    public void Dispose()
    {
        Module.Dispose();
        Engine.Dispose();
    }
}
