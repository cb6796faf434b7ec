using System;
using System.Collections.Generic;
using System.IO;
using Wasmtime;
using Wasmtime.Components;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// One WASI setup for both hosts: Bindgen's <see cref="WasiOptions"/> for the generated binding, and the same settings as
/// Wasmtime's own <see cref="WasiConfiguration"/> for the reference, Wasmtime.Components with AddWasiPreview2.
/// </summary>
internal sealed class WasiSetup
{
    public List<string> Arguments { get; } = new();

    public List<(string Name, string Value)> Environment { get; } = new();

    public List<(string Host, string Guest)> Preopens { get; } = new();

    /// <summary>Preopens the guest may change.</summary>
    public List<(string Host, string Guest)> WritablePreopens { get; } = new();

    public MemoryStream Stdout { get; } = new();

    public MemoryStream Stderr { get; } = new();

    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout.ToArray());

    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr.ToArray());

    public WasiOptions Options()
    {
        var options = new WasiOptions { StandardOutput = Stdout, StandardError = Stderr };
        Arguments.ForEach(a => options.WithArgument(a));
        Environment.ForEach(e => options.WithEnvironment(e.Name, e.Value));
        Preopens.ForEach(p => options.WithPreopen(p.Host, p.Guest));
        WritablePreopens.ForEach(p => options.WithPreopen(p.Host, p.Guest, writable: true));
        return options;
    }

    public WasiConfiguration Configuration()
    {
        var configuration = new WasiConfiguration()
            .WithStandardOutputCallback(data => Stdout.Write(data))
            .WithStandardErrorCallback(data => Stderr.Write(data));
        Arguments.ForEach(a => configuration.WithArg(a));
        Environment.ForEach(e => configuration.WithEnvironmentVariable(e.Name, e.Value));
        Preopens.ForEach(p => configuration.WithPreopenedDirectory(p.Host, p.Guest, false));
        WritablePreopens.ForEach(p => configuration.WithPreopenedDirectory(p.Host, p.Guest, true));
        return configuration;
    }
}

/// <summary>A component instantiated by Wasmtime.Components with its WASI 0.2: the reference the WASI tiers are compared with.</summary>
internal sealed class WasiReference : IDisposable
{
    private readonly ComponentLinker _linker;
    private readonly ComponentInstance _instance;
    private readonly string? _interface;

    /// <param name="interfaceName">The exported interface whose functions <see cref="Call"/> calls; null for world-level exports.</param>
    public WasiReference(Engine engine, Store store, Component component, WasiConfiguration configuration, string? interfaceName)
    {
        store.SetWasiConfiguration(configuration);
        _linker = new ComponentLinker(engine);
        _linker.AddWasiPreview2();
        _instance = _linker.Instantiate(store, component);
        _interface = interfaceName;
    }

    public ComponentValue? Call(string name, params ComponentValue[] arguments) =>
        ((_interface is null ? _instance.GetFunction(name) : _instance.GetFunction(_interface, name)) ?? throw new InvalidOperationException("no export " + name)).Call(arguments);

    public void Dispose() => _linker.Dispose();
}
