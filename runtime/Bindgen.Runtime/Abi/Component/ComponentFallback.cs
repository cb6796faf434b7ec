using System;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using Wasmtime;
using Wasmtime.Components;
using Component = Wasmtime.Components.Component;
using WasmtimeComponentInstance = Wasmtime.Components.ComponentInstance;

namespace Bindgen.Internals;

/// <summary>
/// The WASI fallback: a component that imports WASI interfaces Bindgen does not run itself, run whole by
/// Wasmtime.Components with its WASI 0.2 (<see cref="ComponentLinker.AddWasiPreview2"/>). The generated world class
/// keeps its typed members and converts their values to and from <see cref="ComponentValue"/>; calls keep the
/// component model's rule that a failed call leaves the instance unusable. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ComponentFallback
{
    /// <summary>The prefix of an embedded component's resource name: <c>Bindgen.Components/x.component.wasm</c>.</summary>
    public const string ResourcePrefix = "Bindgen.Components/";

    private static readonly CompiledPerEngine<Component> Compiled = new(Load);

    private static readonly ConditionalWeakTable<Engine, ComponentLinker> Linkers = new();
    private readonly ComponentFunction[] _functions;
    private Exception? _poison;

    /// <summary>Instantiates the component embedded in <paramref name="assembly"/> under <paramref name="fileName"/>.</summary>
    /// <param name="engine">The engine the store was created with (the component is compiled for it once).</param>
    /// <param name="store">The store to instantiate in; its WASI configuration is set from <paramref name="wasi"/>.</param>
    /// <param name="assembly">The assembly that embeds the component.</param>
    /// <param name="fileName">The component's file name.</param>
    /// <param name="wasi">What the guest sees of the host; nothing when null.</param>
    /// <param name="functions">The exported functions the binding calls, by number: interface name (null at world level) and function name.</param>
    /// <exception cref="GuestTrapException">Instantiation failed in the guest.</exception>
    /// <exception cref="MissingExportException">The component lacks one of <paramref name="functions"/>.</exception>
    public ComponentFallback(Engine engine, Store store, Assembly assembly, string fileName, WasiOptions? wasi, (string? Interface, string Name)[] functions)
    {
        if (engine is null || store is null || assembly is null || fileName is null || functions is null)
        {
            throw new ArgumentNullException(engine is null ? nameof(engine) : store is null ? nameof(store) : assembly is null ? nameof(assembly) : fileName is null ? nameof(fileName) : nameof(functions));
        }

        Component component = Get(engine, assembly, fileName);
        store.SetWasiConfiguration((wasi ?? new WasiOptions()).ToConfiguration());
        WasmtimeComponentInstance instance;
        try
        {
            // One linker per engine (defining WASI 0.2 costs more than instantiating); instantiation only reads it.
            ComponentLinker linker = Linkers.GetValue(engine, static e =>
            {
                var created = new ComponentLinker(e);
                created.AddWasiPreview2();
                return created;
            });
            lock (linker)
            {
                instance = linker.Instantiate(store, component);
            }
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime($"instantiating the component {fileName} on Wasmtime.Components", e);
        }

        _functions = new ComponentFunction[functions.Length];
        for (int i = 0; i < functions.Length; i++)
        {
            (string? owner, string name) = functions[i];
            _functions[i] = (owner is null ? instance.GetFunction(name) : instance.GetFunction(owner, name))
                ?? throw new MissingExportException("component " + fileName, owner is null ? name : owner + "#" + name, "function");
        }
    }

    /// <summary>Calls exported function <paramref name="function"/>.</summary>
    /// <param name="function">Its number in the constructor's list.</param>
    /// <param name="operation">The C# member, for errors.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The result, or null for none.</returns>
    /// <exception cref="ComponentPoisonedException">An earlier call failed in the guest.</exception>
    /// <exception cref="GuestTrapException">The call trapped (the instance is unusable from then on).</exception>
    public ComponentValue? Call(int function, string operation, params ComponentValue[] arguments)
    {
        if (_poison is not null)
        {
            throw new ComponentPoisonedException(operation, _poison);
        }

        try
        {
            return _functions[function].Call(arguments);
        }
        catch (WasmtimeException e)
        {
            Exception failure = GuestFailures.FromWasmtime(operation, e);
            _poison = failure;
            throw failure;
        }
    }

    /// <summary>The component embedded in <paramref name="assembly"/> under <paramref name="fileName"/>, compiled for <paramref name="engine"/> once and shared.</summary>
    /// <param name="engine">The engine to compile for.</param>
    /// <param name="assembly">The assembly that embeds the component.</param>
    /// <param name="fileName">The component's file name.</param>
    /// <returns>The compiled component; do not dispose it.</returns>
    /// <exception cref="InvalidOperationException">The assembly embeds no such component.</exception>
    public static Component Get(Engine engine, Assembly assembly, string fileName)
    {
        return Compiled.Get(engine, assembly, fileName);
    }

    private static Component Load(Engine engine, Assembly assembly, string fileName)
    {
        using Stream stream = assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"The assembly '{assembly.GetName().Name}' embeds no component '{fileName}'. Add it to the project as <BindgenComponent Include=\"path/to/{fileName}\" />.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return Component.FromBytes(engine, bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
    }
}
