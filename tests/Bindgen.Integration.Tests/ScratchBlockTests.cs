using System;
using System.Collections.Generic;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// GuestMemoryOptions.ScratchBlock: small calls take their block from one long-lived guest allocation, stack-wise,
/// and the guest sees exactly that one allocation stay live; results, traps, nesting and growth work as without it.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ScratchBlockTests : GuestFixture
{
    private static readonly GuestMemoryOptions Scratch = new() { CheckViews = true, ScratchBlock = true };
    private readonly List<Linker> _linkers = new();

    public ScratchBlockTests(EngineSetting setting)
        : base(setting)
    {
    }

    [TearDown]
    public void DisposeLinkers()
    {
        foreach (Linker linker in _linkers)
        {
            linker.Dispose();
        }

        _linkers.Clear();
    }

    [Test]
    public void Many_small_calls_leave_one_live_allocation_and_releasing_it_leaves_none()
    {
        var types = new TypesGuest(Instantiate("types"), Scratch);
        Assert.That(types.Memory!.HeldAllocations, Is.EqualTo(1), "the binding allocated the block when it was created");
        int before = types.LiveAllocations() - 1;

        for (int i = 0; i < 1000; i++)
        {
            Assert.That(types.Concat("ab", i.ToString()), Is.EqualTo("ab" + i));
        }

        Assert.That(types.Memory.HeldAllocations, Is.EqualTo(1));
        Assert.That(types.LiveAllocations(), Is.EqualTo(before + 1), "one scratch block, no allocation per call");

        types.Memory.ReleaseScratchBlock("test");
        Assert.That(types.Memory.HeldAllocations, Is.Zero);
        Assert.That(types.LiveAllocations(), Is.EqualTo(before));
        Assert.That(types.ToUpper("again"), Is.EqualTo("AGAIN"), "a new block is allocated when needed");
        Assert.That(types.LiveAllocations() - types.Memory.HeldAllocations, Is.EqualTo(before));
    }

    [Test]
    public void Calls_above_the_threshold_allocate_their_own_block_and_free_it()
    {
        var types = new TypesGuest(Instantiate("types"), Scratch);
        types.Memory!.ReleaseScratchBlock("test");
        int before = types.LiveAllocations();
        string big = new('q', GuestMemory.ScratchBlockThreshold + 1);
        Assert.That(types.ToUpper(big), Is.EqualTo(new string('Q', big.Length)));
        Assert.That(types.Memory.HeldAllocations, Is.Zero, "the large call did not create or grow the scratch block");
        Assert.That(types.LiveAllocations(), Is.EqualTo(before));

        Assert.That(types.ToUpper("small"), Is.EqualTo("SMALL"));
        Assert.That(types.ToUpper(big), Is.EqualTo(new string('Q', big.Length)));
        Assert.That(types.LiveAllocations() - types.Memory.HeldAllocations, Is.EqualTo(before));
    }

    [Test]
    public void A_call_that_needs_more_grows_the_block_between_calls()
    {
        var types = new TypesGuest(Instantiate("types"), Scratch);
        int before = types.LiveAllocations() - types.Memory!.HeldAllocations;
        foreach (int length in new[] { 1, 2000, 9000, GuestMemory.ScratchBlockThreshold - GuestMemory.ReturnAreaSize })
        {
            string text = new('a', length);
            Assert.That(types.ToUpper(text), Is.EqualTo(new string('A', length)));
            Assert.That(types.LiveAllocations(), Is.EqualTo(before + 1), $"the old block was freed when growing to {length}");
        }
    }

    [Test]
    public void A_trap_gives_the_region_back()
    {
        var types = new TypesGuest(Instantiate("types"), Scratch);
        int before = types.LiveAllocations() - types.Memory!.HeldAllocations;
        Assert.Throws<GuestTrapException>(() => types.TrapWithInput("boom"));
        Assert.Throws<GuestTrapException>(() => types.TrapWithInput("boom"));
        Assert.That(types.LiveAllocations(), Is.EqualTo(before + 1));
        Assert.DoesNotThrow(() => types.Memory!.ReleaseScratchBlock("test"), "no region is still in use");
        Assert.That(types.LiveAllocations(), Is.EqualTo(before));
    }

    [Test]
    public void Memory_growth_between_and_during_calls_keeps_results_right()
    {
        var types = new TypesGuest(Instantiate("types_growing"), Scratch);
        for (int i = 0; i < 50; i++)
        {
            Assert.That(types.Repeat("xy", 2000), Is.EqualTo(string.Concat(System.Linq.Enumerable.Repeat("xy", 2000))));
            Assert.That(types.GrowMemory(1), Is.GreaterThan(0));
            Assert.That(types.Describe(i, 1L << 40, true, "t"), Is.EqualTo(new TypesGuest(Instantiate("types"), Options).Describe(i, 1L << 40, true, "t")));
        }
    }

    [Test]
    public void Reentrant_calls_each_get_their_own_region_and_every_level_gives_it_back()
    {
        BoundedPlainGuest scratch = NewBounded(Scratch, out CallBackHost scratchHost);
        BoundedPlainGuest plain = NewBounded(Options, out CallBackHost plainHost);
        byte[] data = { 9, 8, 7, 6, 5, 4, 3, 2, 1 };
        int before = scratch.LiveAllocations() - scratch.Memory!.HeldAllocations;

        // export through_host -> import call_back -> export through_host, five levels deep, while every outer level's
        // block is still in use; the plain binding allocates a block per level and is the reference.
        int scratchDepth = 0;
        scratchHost.OnCallBack = d =>
        {
            Assert.That(d, Is.EqualTo(data), "an inner level did not overwrite an outer level's arguments");
            return ++scratchDepth < 5 ? scratch.ThroughHost(d) + scratch.Add(scratchDepth, 1) : d.Length;
        };
        int plainDepth = 0;
        plainHost.OnCallBack = d => ++plainDepth < 5 ? plain.ThroughHost(d) + plain.Add(plainDepth, 1) : d.Length;

        Assert.That(scratch.ThroughHost(data), Is.EqualTo(plain.ThroughHost(data)));
        Assert.That(scratch.LiveAllocations(), Is.EqualTo(before + 1));

        // A failure at the innermost level unwinds every level, each giving its region back.
        scratchDepth = 0;
        scratchHost.OnCallBack = d => ++scratchDepth < 5 ? scratch.ThroughHost(d) : throw new InvalidOperationException("innermost");
        Assert.Throws<HostImportException>(() => scratch.ThroughHost(data));
        Assert.DoesNotThrow(() => scratch.Memory!.ReleaseScratchBlock("test"), "no region is still in use");
        Assert.That(scratch.LiveAllocations(), Is.EqualTo(before));
    }

    [Test]
    public void A_failing_allocator_is_still_a_typed_error_at_call_time()
    {
        // The allocator refused the block when the binding was created, so the binding allocates per call.
        var upper = new Upper(Instantiate("null_malloc"), Scratch);
        Assert.That(upper.Memory!.HeldAllocations, Is.Zero);
        var e = Assert.Throws<GuestAllocationException>(() => upper.ToUpper("abc"))!;
        Assert.That(e.Operation, Does.Contain("to_upper"));
        Assert.That(e.Size, Is.EqualTo(16 + 3), "the call's own block: the return area, padding to 16 bytes, and the argument");
    }

    [Test]
    public void A_result_inside_the_scratch_block_is_refused()
    {
        var types = new TypesGuest(Instantiate("types"), Scratch);
        GuestMemory memory = types.Memory!;
        int before = types.LiveAllocations() - memory.HeldAllocations;

        // A running call's region, and a return area of its own whose pair points into that region.
        int region = memory.AllocateBlock(16, "test");
        int area = memory.Allocate(GuestMemory.ReturnAreaSize, "test", GuestMemory.ReturnAreaAlignment);
        byte[] pair = new byte[8];
        BitConverter.TryWriteBytes(pair.AsSpan(0, 4), region + 8);
        BitConverter.TryWriteBytes(pair.AsSpan(4, 4), 4);
        memory.Write(area, pair, "test");

        var e = Assert.Throws<GuestProtocolException>(() => memory.ReadReturnArea(area, area, GuestMemory.ReturnAreaSize, "test"))!;
        Assert.That(e.Message, Does.Contain("scratch block"));

        memory.Free(area, GuestMemory.ReturnAreaSize, "test", GuestMemory.ReturnAreaAlignment);
        memory.Release(default, new GuestRange(region, 16), "test");
        memory.ReleaseScratchBlock("test");
        Assert.That(types.LiveAllocations(), Is.EqualTo(before));
    }

    private BoundedPlainGuest NewBounded(GuestMemoryOptions options, out CallBackHost host)
    {
        host = new CallBackHost();
        var linker = new Linker(Engine);
        _linkers.Add(linker);
        BoundedHost.Define(linker, host, options);
        return BoundedPlainGuest.Instantiate(linker, NewStore(), ModuleOf("bounded"), options);
    }
}
