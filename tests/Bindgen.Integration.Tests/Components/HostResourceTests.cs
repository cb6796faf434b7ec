using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Integration.Tests.Components.HostResources;
using NUnit.Framework;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// hostres.component.wasm (tests/guests/hostres/hostres.wit): a resource the component imports (the host's blob, an
/// interface the test implements) beside one it exports (tally), checked against jco's transpiled JavaScript in Node
/// with the same host class, and against the canonical ABI's handle rules, which jco does not check.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class HostResourceTests : GuestFixture
{
    private static readonly string[][] Sequences =
    {
        // The guest makes, uses and drops a blob (constructor, methods, resource-drop: Dispose); the host lends one.
        new[] { "cycle 5", "made", "disposed", "blob x 7", "peek x", "value x", "made", "disposed", "live" },
        // Own into the guest and back out; a borrow passed to a host method on a kept blob; drop of a kept blob.
        new[] { "blob x 3", "keep x", "blob y 4", "merge-kept y", "give-back z", "value z", "value x", "disposed", "keep z", "drop-kept", "disposed" },
        // An own handle the guest moves to the host (take); a blob made by the host's static function returned to the host.
        new[] { "blob x 3", "keep x", "blob g 10", "donate g", "give-back z", "value z", "disposed", "fresh f 9", "value f", "made" },
        // The exported resource's constructor, static and methods taking the host's blob lent and moved.
        new[] { "tally t 1", "blob x 5", "feed t x", "total t", "eat t x", "total t", "disposed", "tmake u 2", "live", "tdispose t", "tdispose u", "live", "value x" },
        // The resource the world itself imports (not an interface), made by the guest and lent by the host.
        new[] { "ticket-round 6", "made", "disposed", "ticket t 8", "ticket-number t", "made", "disposed" },
        // Handles inside an option (both ways), a record and lists (lent in, owned out).
        new[] { "keep-maybe -", "kept-maybe k", "blob x 5", "keep-maybe x", "kept-maybe y", "value y", "lent-value x 3", "blob z 7", "sum x,z,y", "spawn s 3", "value s2", "sum s0,s1,s2", "made", "disposed", "keep s1", "drop-kept", "disposed" },
    };

    /// <summary>
    /// Handle misuse the canonical ABI says a host must trap on. jco's transpiled code does not check these (it
    /// returns values; its expected outcomes are asserted too, so a change in jco shows); Bindgen traps, names the
    /// function and leaves the instance unusable.
    /// </summary>
    private static readonly (string[] Steps, string[] Jco, string Message)[] Misuse =
    {
        (new[] { "blob x 2", "leak x", "live" }, new[] { "ok", "ok 2", "ok 0" }, "IApp.LeakBorrow: handle 1 is refused: the component did not drop this borrowed handle"),
        (new[] { "blob x 2", "keep x", "self-take", "live" }, new[] { "ok", "ok", "ok 4", "ok 0" }, "it is lent to 1 call(s) that have not returned"),
        (new[] { "wrong-type", "live" }, new[] { "ok 0", "ok 1" }, "it is a handle to a Tally, not to a Blob"),
        (new[] { "blob x 2", "keep x", "drop-kept", "disposed", "use-dropped", "live" }, new[] { "ok", "ok", "ok", "ok 1", "ok 0", "ok 0" }, "no such handle exists"),
    };

    public HostResourceTests(EngineSetting setting)
        : base(setting)
    {
    }

    [Test]
    public void Call_sequences_give_the_same_results_and_dispose_counts_as_jco_and_misuse_traps_naming_the_function()
    {
        List<List<string>> reference = HostResourceSequences.Reference(Sequences.Concat(Misuse.Select(m => m.Steps)).ToList());
        for (int i = 0; i < Sequences.Length; i++)
        {
            List<string> bindgen = HostResourceSequences.Run(Engine, NewStore(), Sequences[i]);
            Assert.That(ResourceSequences.Outcomes(bindgen), Is.EqualTo(ResourceSequences.Outcomes(reference[i])),
                $"sequence {i}: {string.Join(", ", Sequences[i])}\nBindgen: {string.Join(" | ", bindgen)}\njco:     {string.Join(" | ", reference[i])}");
        }

        for (int i = 0; i < Misuse.Length; i++)
        {
            (string[] steps, string[] jco, string message) = Misuse[i];
            Assert.That(reference[Sequences.Length + i], Is.EqualTo(jco), $"jco on misuse {i}");
            List<string> bindgen = HostResourceSequences.Run(Engine, NewStore(), steps);
            int trap = bindgen.IndexOf("trap");
            Assert.That(trap, Is.EqualTo(steps.Length - 2), $"misuse {i}: {string.Join(" | ", bindgen)}");
            Assert.That(bindgen[trap + 1], Does.StartWith("(ComponentHandleException: ").And.Contain(message));
            Assert.That(bindgen.Last(), Is.EqualTo("poisoned"));
        }
    }

    [Test]
    public void The_guest_drop_disposes_the_hosts_object_once_and_ownership_round_trips_keep_the_same_object()
    {
        var host = new HostBlobs();
        HostresDemo demo = HostresDemo.Instantiate(Engine, NewStore(), host, host, options: Options);
        var blob = new HostBlobs.Blob(host, 4);
        demo.App.Keep(blob);
        Assert.That((HostResourceSequences.Runtime(demo).HostResourceCount, HostResourceSequences.Runtime(demo).HandleCount), Is.EqualTo((1, 1)));
        Assert.That(demo.App.GiveBack(), Is.SameAs(blob), "the guest's own handle lifts to the object the host gave it");
        Assert.That((HostResourceSequences.Runtime(demo).HostResourceCount, HostResourceSequences.Runtime(demo).HandleCount, host.Disposed), Is.EqualTo((0, 0, 0)));
        demo.App.Keep(blob);
        demo.App.DropKept();
        Assert.That((host.Disposed, HostResourceSequences.Runtime(demo).HostResourceCount), Is.EqualTo((1, 0)));
        Assert.Throws<ArgumentNullException>(() => demo.App.Peek(null!));
        Assert.That(demo.App.Live(), Is.EqualTo(0u), "a null argument is refused before the guest runs: the instance stays usable");
    }

    [Test]
    public void A_host_exception_in_dispose_or_a_method_is_a_typed_error_and_poisons_the_instance()
    {
        var host = new ThrowingBlobs();
        HostresDemo demo = HostresDemo.Instantiate(Engine, NewStore(), host, host, options: Options);
        var failure = Assert.Throws<HostImportException>(() => demo.App.Cycle(1))!;
        Assert.That(failure.Message, Does.Contain("IApp.Cycle").And.Contain("no disposing here"));
        Assert.Throws<ComponentPoisonedException>(() => demo.App.Live());
    }

    /// <summary>Create, lend, move and drop host blobs; BINDGEN_RESOURCE_CYCLES sets the count (20,000 by default: each cycle is nine calls).</summary>
    [Test]
    public void Create_use_drop_cycles_leave_the_host_table_and_the_handle_table_where_they_started()
    {
        int cycles = int.TryParse(Environment.GetEnvironmentVariable("BINDGEN_RESOURCE_CYCLES"), out int n) ? Math.Min(n, 100_000) : 20_000;
        var host = new HostBlobs();
        HostresDemo demo = HostresDemo.Instantiate(Engine, NewStore(), host, host, options: Options);
        IApp app = demo.App;
        Bindgen.Internals.ComponentInstance runtime = HostResourceSequences.Runtime(demo);
        using var tally = new HostresDemo.Tally(app, 0);
        ulong expected = 0;
        for (int i = 0; i < cycles; i++)
        {
            uint value = (uint)(i % 1000);
            Assert.That(app.Cycle(value), Is.EqualTo(value + 1));
            var blob = new HostBlobs.Blob(host, value);
            Assert.That(app.Peek(blob), Is.EqualTo(value));
            Assert.That(app.Sum([blob, blob]), Is.EqualTo(2 * value), "one object lent twice in a list: two borrowed handles");
            Assert.That((app.KeepMaybe(blob), app.KeptMaybe()), Is.EqualTo((true, blob)), "moved in and out inside an option");
            tally.Feed(blob);
            HostresDemo.IBlob fresh = app.Fresh(value);
            tally.Eat(fresh);
            expected += 2UL * value;
        }

        Assert.That((runtime.HostResourceCount, runtime.HandleCount, app.Live()), Is.EqualTo((0, 0, 1u)), "no host object, no guest handle; only the tally lives");
        Assert.That((host.Made, host.Disposed), Is.EqualTo((3 * cycles, 2 * cycles)), "the guest disposed every blob it owned: the ones it made and the ones it ate");
        Assert.That(tally.Total(), Is.EqualTo(unchecked((uint)expected)));
    }

    private sealed class ThrowingBlobs : IHost, IHostresDemoImports
    {
        public HostresDemo.ITicket NewTicket(uint n) => throw new NotSupportedException();

        public HostresDemo.IBlob NewBlob(uint init) => new Throwing();

        public HostresDemo.IBlob BlobMake(uint n) => new Throwing();

        private sealed class Throwing : HostresDemo.IBlob, IDisposable
        {
            public uint Get() => 0;

            public void Add(uint n)
            {
            }

            public uint Absorb(HostresDemo.IBlob other) => 0;

            public uint Take(HostresDemo.IBlob other) => 0;

            public void Dispose() => throw new InvalidOperationException("no disposing here");
        }
    }
}
