using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Wasmtime;
using Wasmtime.Components;

namespace Bindgen.Benchmarks;

/// <summary>
/// What the component scenario sets share: one engine, and the stores, components and linkers made for the run,
/// disposed in reverse order with it; a check that the compared paths agree before anything is timed.
/// </summary>
public abstract class ComponentScenarioBase : IDisposable
{
    private readonly List<IDisposable> _owned = new();

    /// <summary>The scenarios' name in the message of a failed check ("component", "wasi" ...).</summary>
    protected ComponentScenarioBase(string kind) => Kind = kind;

    protected Engine Engine { get; } = new();

    private string Kind { get; }

    /// <summary>Keeps <paramref name="value"/> until the scenarios are disposed.</summary>
    protected T Own<T>(T value)
        where T : IDisposable
    {
        _owned.Add(value);
        return value;
    }

    /// <summary>A new store kept until the scenarios are disposed.</summary>
    protected Store NewStore() => Own(new Store(Engine));

    /// <summary>A component from the benchmark's components folder, kept until the scenarios are disposed.</summary>
    protected Component LoadComponent(string file) =>
        Own(Component.FromBytes(Engine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "components", file))));

    protected void Check(bool same, string what)
    {
        if (!same)
        {
            throw new InvalidOperationException($"{Kind} {what}: the paths disagree");
        }
    }

    public void Dispose()
    {
        foreach (IDisposable owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        Engine.Dispose();
        GC.SuppressFinalize(this);
    }
}
