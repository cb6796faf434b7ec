using System;
using Wasmtime;
using Counters = Bindgen.Benchmarks.Components.Resources;

namespace Bindgen.Benchmarks;

/// <summary>
/// An exported resource's method call (<c>counter.add</c>: the resource lent as its representation, gated as every
/// export is) against a plain exported function of the same component with the same argument and the same work
/// (<c>plain-add</c>), and a resource's whole life (constructor, one method, Dispose running the destructor).
/// Interleaved mode only.
/// </summary>
public sealed class ResourceScenarios : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Store _store;

    public ResourceScenarios() => _store = new Store(_engine);

    public Interleaved.Scenario[] Scenarios()
    {
        Counters.ResourcesDemo demo = Counters.ResourcesDemo.Instantiate(_engine, _store, GuestMemoryOptions.Unchecked);
        var counter = new Counters.ResourcesDemo.Counter(demo.Counters, 0);
        if (counter.Add(1) != 1 || demo.Counters.PlainAdd(1) != 1)
        {
            throw new InvalidOperationException("resources: the component does not add");
        }

        return
        [
            new("component resource method vs plain function",
                [new Interleaved.Variant("Plain function plain-add(u32)", () => demo.Counters.PlainAdd(1)), new Interleaved.Variant("Resource method counter.add(u32)", () => counter.Add(1))]),
            new("component resource life (new, add, Dispose)",
                [new Interleaved.Variant("Plain function plain-add(u32)", () => demo.Counters.PlainAdd(1)),
                 new Interleaved.Variant("new + add + Dispose", () =>
                 {
                     using var c = new Counters.ResourcesDemo.Counter(demo.Counters, 1);
                     c.Add(1);
                 })]),
        ];
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }
}
