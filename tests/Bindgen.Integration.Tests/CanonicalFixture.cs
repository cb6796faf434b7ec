using System.Collections.Generic;
using NUnit.Framework;
using Wasmtime.Components;

namespace Bindgen.Integration.Tests.Canonical;

/// <summary>Which host drives a canonical-ABI guest.</summary>
public enum Host
{
    /// <summary>Bindgen's generated glue over the core module.</summary>
    Bindgen,

    /// <summary>Wasmtime.Components over the same module wrapped as a component (the reference).</summary>
    Component,
}

/// <summary>A fixture over one canonical-ABI guest build: binds it through Bindgen or through Wasmtime.Components.</summary>
public abstract class CanonicalFixture : GuestFixture
{
    private readonly Dictionary<string, Component> _components = new();
    private readonly List<ComponentTextGuest> _hosts = new();

    protected CanonicalFixture(EngineSetting setting, string guest, Host host)
        : base(setting)
    {
        Guest = guest;
        Host = host;
    }

    protected string Guest { get; }

    protected Host Host { get; }

    protected TextGuest BindBindgen() => new(Instantiate(Guest), Options);

    protected ComponentTextGuest BindComponent()
    {
        if (!_components.TryGetValue(Guest, out Component? component))
        {
            component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf(Guest + ".component")));
            _components.Add(Guest, component);
        }

        var host = new ComponentTextGuest(Engine, NewStore(), component);
        _hosts.Add(host);
        return host;
    }

    [TearDown]
    public void DisposeHosts()
    {
        foreach (ComponentTextGuest host in _hosts)
        {
            host.Dispose();
        }

        _hosts.Clear();
    }

    [OneTimeTearDown]
    public void DisposeComponents()
    {
        foreach (Component component in _components.Values)
        {
            component.Dispose();
        }
    }
}
