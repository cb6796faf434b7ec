using System;
using System.Collections.Generic;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Base of every integration fixture: one engine per configuration, modules compiled once, a fresh
/// store per test, and guest memory in checked mode so a stale view would throw.
/// </summary>
public abstract class GuestFixture
{
    private readonly Dictionary<string, Module> _modules = new();
    private readonly List<Store> _stores = new();

    private readonly Func<Config, Config>? _configure;

    protected GuestFixture(EngineSetting setting, Func<Config, Config>? configure = null)
    {
        Setting = setting;
        _configure = configure;
    }

    protected EngineSetting Setting { get; }

    protected Engine Engine { get; private set; } = null!;

    protected static GuestMemoryOptions Options => GuestMemoryOptions.Checked;

    /// <summary>Checked mode with a block allocated and freed per call: for tests of that block's own protocol.</summary>
    protected static GuestMemoryOptions PerCallOptions { get; } = new() { CheckViews = true, ScratchBlock = false };

    [OneTimeSetUp]
    public void CreateEngine() => Engine = Engines.Create(Setting, _configure);

    [OneTimeTearDown]
    public void DisposeEngine()
    {
        foreach (Module module in _modules.Values)
        {
            module.Dispose();
        }

        Engine.Dispose();
    }

    [TearDown]
    public void DisposeStores()
    {
        foreach (Store store in _stores)
        {
            store.Dispose();
        }

        _stores.Clear();
    }

    protected Module ModuleOf(string guest)
    {
        if (!_modules.TryGetValue(guest, out Module? module))
        {
            module = Module.FromFile(Engine, GuestFiles.PathOf(guest));
            _modules.Add(guest, module);
        }

        return module;
    }

    protected Store NewStore()
    {
        var store = new Store(Engine);
        _stores.Add(store);
        return store;
    }

    protected Instance Instantiate(string guest) => new(NewStore(), ModuleOf(guest));
}
