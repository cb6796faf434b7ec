using System;
using System.Collections.Generic;
using Bindgen.Integration.Tests.Components.Resources;
using NUnit.Framework;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// Handles of the exported resource inside lists, options and records (counters.wit: consume-all, peek-all,
/// make-many, peek-maybe, open-labelled, make-labelled): an argument that moves several objects moves all of them or
/// none, which is where Bindgen and jco differ on purpose (jco moves the elements before the refused one, and they are
/// lost: unusable on the host and never dropped by the guest).
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ResourceCompoundTests : GuestFixture
{
    public ResourceCompoundTests(EngineSetting setting)
        : base(setting)
    {
    }

    [Test]
    public void A_list_of_owned_handles_with_a_refused_element_moves_none_of_them()
    {
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        ICounters counters = demo.Counters;
        var a = new ResourcesDemo.Counter(counters, 1);
        var b = new ResourcesDemo.Counter(counters, 2);
        b.Dispose();
        var disposed = Assert.Throws<ObjectDisposedException>(() => counters.ConsumeAll([a, b]))!;
        Assert.That(disposed.Message, Does.Contain("ConsumeAll").And.Contain("was disposed"));
        var twice = Assert.Throws<ArgumentException>(() => counters.ConsumeAll([a, a]))!;
        Assert.That(twice.Message, Does.Contain("moved twice"));
        Assert.Throws<ArgumentNullException>(() => counters.ConsumeAll([a, null!]));
        Assert.Throws<ObjectDisposedException>(() => counters.OpenLabelled(new ICounters.Labelled(1, b)));
        ResourcesDemo other = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        using var foreign = new ResourcesDemo.Counter(other.Counters, 9);
        Assert.That(Assert.Throws<ArgumentException>(() => counters.ConsumeAll([a, foreign]))!.Message, Does.Contain("another component instance"));

        Assert.That((a.IsDisposed, a.Get(), ResourceSequences.HandleCount(demo), counters.Live()), Is.EqualTo((false, 1u, 0, 1u)),
            "every refusal came before any handle was made: the first counter is still the host's");
        Assert.That((counters.ConsumeAll([a]), a.IsDisposed, counters.Live(), counters.Dropped()), Is.EqualTo((1u, true, 0u, 2u)));

        // jco's transpiled code on the same steps: the element before the refused one is moved and lost.
        List<List<string>> jco = ResourceSequences.Reference(new[]
        {
            new[] { "new a 1", "new b 2", "dispose b", "consume-all a,b", "get a", "live" },
            new[] { "new a 1", "consume-all a,a", "get a", "live" },
        });
        Assert.That(jco[0], Is.EqualTo(new[] { "ok", "ok", "ok", "disposed", "disposed", "ok 1" }));
        Assert.That(jco[1], Is.EqualTo(new[] { "ok", "disposed", "disposed", "ok 1" }));
    }

    [Test]
    public void Owned_handles_returned_inside_a_list_or_a_record_are_objects_the_host_owns()
    {
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        ICounters counters = demo.Counters;
        ResourcesDemo.Counter[] many = counters.MakeMany(3, 20);
        ICounters.Labelled labelled = counters.MakeLabelled(5, 7);
        Assert.That((ResourceSequences.HandleCount(demo), counters.Live()), Is.EqualTo((0, 4u)), "lifting took every handle out of the guest's table");
        Assert.That((many[0].Get(), many[2].Get(), labelled.Label, labelled.C.Get()), Is.EqualTo((20u, 22u, 5u, 7u)));
        Assert.That((counters.PeekAll(many), counters.PeekMaybe(many[1]), counters.PeekMaybe(null)), Is.EqualTo((63u, 21L, -1L)));
        Assert.That(many[1].IsDisposed, Is.False, "a borrow inside a list or an option only lends");
        Assert.That(counters.OpenLabelled(labelled), Is.EqualTo(5007u));
        Assert.That(labelled.C.IsDisposed, Is.True, "moved with the record");
        foreach (ResourcesDemo.Counter c in many)
        {
            c.Dispose();
        }

        Assert.That((counters.Live(), counters.Dropped(), ResourceSequences.HandleCount(demo)), Is.EqualTo((0u, 4u, 0)));
    }

    /// <summary>Lists, options and records of handles in and out; BINDGEN_RESOURCE_CYCLES sets the count (10,000 by default here).</summary>
    [Test]
    public void Compound_cycles_leave_no_live_resource_and_no_handle()
    {
        int cycles = int.TryParse(Environment.GetEnvironmentVariable("BINDGEN_RESOURCE_CYCLES"), out int n) ? Math.Min(n, 10_000) : 10_000;
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        ICounters counters = demo.Counters;
        for (int i = 0; i < cycles; i++)
        {
            ResourcesDemo.Counter[] pair = counters.MakeMany(2, (uint)i);
            Assert.That(counters.PeekMaybe(pair[0]), Is.EqualTo((long)i));
            ICounters.Labelled labelled = counters.MakeLabelled(1, 1);
            Assert.That(counters.ConsumeAll([pair[1], labelled.C]), Is.EqualTo((uint)i + 2));
            Assert.That(counters.OpenLabelled(new ICounters.Labelled(0, pair[0])), Is.EqualTo((uint)i));
        }

        Assert.That((counters.Live(), counters.Dropped(), ResourceSequences.HandleCount(demo)), Is.EqualTo((0u, (uint)cycles * 3, 0)));
    }
}
