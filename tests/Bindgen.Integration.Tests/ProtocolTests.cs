using System;
using System.Text;
using Bindgen.Internals;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Guests that break the call protocol (return areas, result ownership, the call's block, free) are caught with
/// typed exceptions naming the export, and the host never leaks or frees twice.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ProtocolTests : GuestFixture
{
    public ProtocolTests(EngineSetting setting)
        : base(setting)
    {
    }

    [TestCase("NoWrite")]
    [TestCase("NoWriteAfterAlloc")]
    public void A_return_area_the_guest_never_wrote_is_a_protocol_error(string export)
    {
        var guest = new ProtocolBreaker(Instantiate("hostile"), Options);
        int liveBefore = guest.LiveAllocations();
        TestDelegate call = export == "NoWrite" ? () => guest.NoWrite() : () => guest.NoWriteAfterAlloc();

        var e = Assert.Throws<GuestProtocolException>(call)!;
        Assert.That(e.Operation, Does.Contain("IProtocolBreaker." + export));
        Assert.That(e.Message, Does.Contain("did not write its return area"));

        // The host freed its block; a block the guest allocated and never reported is the guest's leak.
        int guestLeak = export == "NoWrite" ? 0 : 1;
        Assert.That(guest.LiveAllocations(), Is.EqualTo(liveBefore + guestLeak));
    }

    [Test]
    public void A_null_pointer_with_a_length_is_rejected()
    {
        var guest = new ProtocolBreaker(Instantiate("hostile"), Options);
        int liveBefore = guest.LiveAllocations();
        var e = Assert.Throws<GuestProtocolException>(() => guest.NullWithLength())!;
        Assert.That(e.Operation, Does.Contain("null_with_length"));
        Assert.That(e.Message, Does.Contain("null pointer").And.Contain("5"));
        Assert.That(guest.LiveAllocations(), Is.EqualTo(liveBefore));
    }

    [TestCase("ResultIsReturnArea")]
    [TestCase("EmptyAtReturnArea")]
    [TestCase("EchoArgument")]
    public void A_result_inside_the_calls_own_block_is_rejected_and_freed_once(string export)
    {
        var guest = new ProtocolBreaker(Instantiate("hostile"), Options);
        int liveBefore = guest.LiveAllocations();
        TestDelegate call = export switch
        {
            "ResultIsReturnArea" => () => guest.ResultIsReturnArea(),
            "EmptyAtReturnArea" => () => guest.EmptyAtReturnArea(),
            _ => () => guest.EchoArgument("the argument buffer"),
        };

        var e = Assert.Throws<GuestProtocolException>(call)!;
        Assert.That(e.Operation, Does.Contain("IProtocolBreaker." + export));
        Assert.That(e.Message, Does.Contain("the call's own block"));

        // Exactly one free for the one block: no double free (which this guest's counter would show as -1).
        Assert.That(guest.LiveAllocations(), Is.EqualTo(liveBefore));
    }

    [Test]
    public void The_empty_result_zero_zero_is_valid()
    {
        var guest = new ProtocolBreaker(Instantiate("hostile"), Options);
        int liveBefore = guest.LiveAllocations();
        Assert.That(guest.EmptyOk(), Is.Empty);
        Assert.That(guest.OkBytes(), Is.EqualTo("ok!!"u8.ToArray()));
        Assert.That(guest.LiveAllocations(), Is.EqualTo(liveBefore));
    }

    [Test]
    public void A_block_that_wraps_around_memory_is_rejected_before_anything_is_written()
    {
        var guest = new HostileMallocGuest(Instantiate("hostile_malloc"), Options);
        Memory memory = guest.Memory!.Memory;
        byte[] canary = memory.GetSpan(0, 16).ToArray();

        var e = Assert.Throws<GuestPointerOutOfBoundsException>(() => guest.Take("argument"))!;
        Assert.That(e.Operation, Does.Contain("IHostileMallocGuest.Take"));
        Assert.That(e.Address, Is.EqualTo(0xFFFF_FFF8u));
        // The return area, padding to the argument's 16-byte aligned offset, and the argument.
        Assert.That(e.Length, Is.EqualTo((uint)(16 + "argument".Length)));

        Assert.That(memory.GetSpan(0, 16).ToArray(), Is.EqualTo(canary), "nothing was written at the wrapped address");
        Assert.That(guest.Calls(), Is.Zero, "the export never ran");
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero, "the bad block was handed back to the guest");
    }

    [Test]
    public void A_failing_free_after_a_successful_call_keeps_the_result()
    {
        // A block per call, so that the block's own free fails too (a scratch region is given back without one).
        var guest = new TrappingFreeGuest(Instantiate("trapping_free"), PerCallOptions);
        Assert.That(guest.Echo("warm up"), Is.EqualTo("warm up"));
        guest.BreakFree();

        var e = Assert.Throws<GuestCleanupException>(() => guest.Echo("the result"))!;
        Assert.That(e.Operation, Does.Contain("ITrappingFreeGuest.Echo"));
        Assert.That(e.Result, Is.EqualTo("the result"));
        Assert.That(e.Failures, Has.Count.EqualTo(2), "the result's free and the block's free both trapped");
        Assert.That(e.InnerException, Is.InstanceOf<GuestTrapException>());

        var scalar = Assert.Throws<GuestCleanupException>(() => guest.LengthOf("four"))!;
        Assert.That(scalar.Result, Is.EqualTo(4));
        Assert.That(scalar.Failures, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_failing_free_after_a_trap_keeps_the_trap_and_attaches_the_cleanup_failure()
    {
        // A block per call: its free is the one that fails after the trap.
        var guest = new TrappingFreeGuest(Instantiate("trapping_free"), PerCallOptions);
        guest.BreakFree();

        var e = Assert.Throws<GuestTrapException>(() => guest.Explode("boom"))!;
        Assert.That(e.Operation, Does.Contain("ITrappingFreeGuest.Explode"));
        Assert.That(e.TrapCode, Is.EqualTo(TrapCode.Unreachable));
        Assert.That(e.CleanupFailures, Has.Count.EqualTo(1));
        Assert.That(e.CleanupFailures[0], Is.InstanceOf<GuestTrapException>());
        Assert.That(GuestFailures.CleanupFailuresOf(e), Is.SameAs(e.CleanupFailures));
    }

    [Test]
    public void With_a_scratch_block_only_the_results_free_can_fail()
    {
        var guest = new TrappingFreeGuest(Instantiate("trapping_free"), Options);
        Assert.That(guest.Memory!.HeldAllocations, Is.EqualTo(1));
        guest.BreakFree();

        var e = Assert.Throws<GuestCleanupException>(() => guest.Echo("the result"))!;
        Assert.That(e.Result, Is.EqualTo("the result"));
        Assert.That(e.Failures, Has.Count.EqualTo(1), "the argument's region went back to the scratch block without a free");
        Assert.That(guest.LengthOf("four"), Is.EqualTo(4), "a call that owns no result frees nothing");
    }

    [Test]
    public void Without_cleanup_failures_nothing_is_attached()
    {
        var guest = new TrappingFreeGuest(Instantiate("trapping_free"), Options);
        int liveBefore = guest.LiveAllocations();
        var e = Assert.Throws<GuestTrapException>(() => guest.Explode(new string('x', 100)))!;
        Assert.That(e.CleanupFailures, Is.Empty);
        Assert.That(guest.LiveAllocations(), Is.EqualTo(liveBefore));
        Assert.That(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(guest.Echo("ü"))), Is.EqualTo("ü"));
    }
}
