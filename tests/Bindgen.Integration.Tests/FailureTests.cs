using System;
using System.Linq;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>Bad modules and hostile guests get typed exceptions that name the export and the values.</summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class FailureTests : GuestFixture
{
    public FailureTests(EngineSetting setting)
        : base(setting)
    {
    }

    [Test]
    public void Every_missing_export_is_named()
    {
        var e = Assert.Throws<BindingException>(() => new TypesGuest(Instantiate("missing_export"), Options))!;
        Assert.That(e.Binding, Is.EqualTo("ITypesGuest"));
        Assert.That(e.Problems, Is.All.InstanceOf<MissingExportException>());
        string[] missing = e.Problems.Cast<MissingExportException>().Select(p => p.ExportName).ToArray();
        Assert.That(missing, Does.Contain("to_upper").And.Contain("live_allocations").And.Not.Contain("add_i32"));
        Assert.That(missing, Has.Length.EqualTo(typeof(ITypesGuest).GetMethods().Length - 1), "every method but add_i32");
        Assert.That(e.Message, Does.Contain("ITypesGuest").And.Contain("'to_upper'"));
    }

    [Test]
    public void A_wrong_export_signature_names_both_signatures()
    {
        var e = Assert.Throws<ExportSignatureException>(() => new Adder(Instantiate("wrong_signature"), Options))!;
        Assert.That(e.ExportName, Is.EqualTo("add_i32"));
        Assert.That(e.Expected, Is.EqualTo("(i32, i32) -> i32"));
        Assert.That(e.Actual, Is.EqualTo("(i64, i64) -> i64"));
    }

    [Test]
    public void A_scalar_only_binding_needs_no_allocator()
    {
        var adder = new Adder(Instantiate("no_allocator"), Options);
        Assert.That(adder.AddI32(20, 22), Is.EqualTo(42));
        Assert.That(adder.Memory, Is.Null);
    }

    [Test]
    public void A_binding_that_allocates_requires_malloc()
    {
        var e = Assert.Throws<BindingException>(() => new Upper(Instantiate("no_allocator"), Options))!;
        Assert.That(e.Problems.OfType<MissingExportException>().Select(p => p.ExportName), Is.EqualTo(new[] { "malloc", "free", "to_upper" }));
    }

    [Test]
    public void A_failed_guest_allocation_is_typed_and_the_export_never_runs()
    {
        var upper = new Upper(Instantiate("null_malloc"), Options);
        var e = Assert.Throws<GuestAllocationException>(() => upper.ToUpper("abc"))!;
        Assert.That(e.Operation, Does.Contain("to_upper"));
        Assert.That(e.Size, Is.EqualTo(16 + 3), "one block: the return area, padding to 16 bytes, and the argument");
    }

    [TestCase("OobPtr", 65532u, 100u)]
    [TestCase("Overflow", 0xFFFF_FFF0u, 0x20u)]
    [TestCase("HugeLen", 16u, 0x8000_0000u)]
    [TestCase("NegativeLen", 16u, 0xFFFF_FFFFu)]
    [TestCase("BadString", 65536u, 16u)]
    public void Hostile_result_pointers_are_rejected_with_the_values(string export, uint address, uint length)
    {
        var hostile = new HostileGuest(Instantiate("hostile"), Options);
        int liveBefore = hostile.LiveAllocations();
        TestDelegate call = export switch
        {
            "OobPtr" => () => hostile.OobPtr(),
            "Overflow" => () => hostile.Overflow(),
            "HugeLen" => () => hostile.HugeLen(),
            "NegativeLen" => () => hostile.NegativeLen(),
            _ => () => hostile.BadString(),
        };

        var e = Assert.Throws<GuestPointerOutOfBoundsException>(call)!;
        Assert.That(e.Operation, Does.Contain("IHostileGuest." + export));
        Assert.That(e.Address, Is.EqualTo(address));
        Assert.That(e.Length, Is.EqualTo(length));
        Assert.That(e.Message, Does.Contain($"0x{address:X8}").And.Contain($"+{length}"));

        // The store stays usable and the host freed its return area.
        Assert.That(hostile.OkBytes(), Is.EqualTo("ok!!"u8.ToArray()));
        Assert.That(hostile.LiveAllocations(), Is.EqualTo(liveBefore));
    }

    [Test]
    public void A_rejected_result_keeps_the_stack_trace_of_the_check_that_rejected_it()
    {
        // The generated catch hands the failure to GuestMemory.CallFailed, which frees the call's memory and rethrows
        // it: the trace must still start where the result was checked, not in the rethrow.
        var hostile = new HostileGuest(Instantiate("hostile"), Options);
        var e = Assert.Throws<GuestPointerOutOfBoundsException>(() => hostile.OobPtr())!;
        Assert.That(e.StackTrace, Does.Contain("GuestMemory.Read").And.Contain(nameof(HostileGuest.OobPtr)));
    }

    [Test]
    public void A_trap_names_the_export_and_keeps_the_store_usable()
    {
        var types = new TypesGuest(Instantiate("types"), Options);
        var e = Assert.Throws<GuestTrapException>(() => types.TrapNow())!;
        Assert.That(e.Operation, Does.Contain("trap_now"));
        Assert.That(e.InnerException, Is.InstanceOf<TrapException>());
        Assert.That(e.TrapCode, Is.EqualTo(TrapCode.Unreachable));
        Assert.That(types.AddI32(1, 2), Is.EqualTo(3));
    }

    [TestCase("types")]
    [TestCase("types_growing")]
    public void A_trap_mid_call_frees_every_temporary_guest_allocation(string guest)
    {
        var types = new TypesGuest(Instantiate(guest), Options);
        int liveBefore = types.LiveAllocations();
        Assert.Throws<GuestTrapException>(() => types.TrapWithInput(new string('x', 10_000)));
        Assert.That(types.LiveAllocations(), Is.EqualTo(liveBefore));
        Assert.That(types.ToUpper("still works"), Is.EqualTo("STILL WORKS"));
    }

    [Test]
    public void Bounds_checks_are_overflow_safe_in_the_runtime()
    {
        var types = new TypesGuest(Instantiate("types"), Options);
        GuestMemory memory = types.Memory!;
        Assert.Throws<GuestPointerOutOfBoundsException>(() => memory.CheckRange(-16, 32, "test"));
        Assert.Throws<GuestPointerOutOfBoundsException>(() => memory.CheckRange(0, -1, "test"));
        Assert.Throws<GuestPointerOutOfBoundsException>(() => memory.GetView((int)memory.Length - 1, 2, "test"));
        Assert.That(memory.GetView((int)memory.Length - 2, 2, "test").Length, Is.EqualTo(2));
    }
}

/// <summary>The harness itself: under the relocating setting, growth really moves memory.</summary>
public sealed class HarnessTests
{
    [Test]
    public void The_relocating_engine_moves_memory_on_every_growth()
    {
        using Engine engine = Engines.Create(EngineSetting.Relocating);
        using var module = Module.FromFile(engine, GuestFiles.PathOf("types"));
        using var store = new Store(engine);
        var types = new TypesGuest(new Instance(store, module), GuestMemoryOptions.Unchecked);
        Memory memory = types.Memory!.Memory;

        int moves = 0;
        for (int i = 0; i < 10; i++)
        {
            nint before = memory.GetPointer();
            Assert.That(types.GrowMemory(1), Is.GreaterThan(0));
            if (memory.GetPointer() != before)
            {
                moves++;
            }
        }

        Assert.That(moves, Is.EqualTo(10));
    }

    [Test]
    public void Checked_mode_detects_a_view_held_across_growth()
    {
        using Engine engine = Engines.Create(EngineSetting.Relocating);
        using var module = Module.FromFile(engine, GuestFiles.PathOf("types"));
        using var store = new Store(engine);
        var types = new TypesGuest(new Instance(store, module), GuestMemoryOptions.Checked);
        GuestMemory memory = types.Memory!;

        MemorySnapshot snapshot = memory.Snapshot();
        types.GrowMemory(1);
        var e = Assert.Throws<StaleViewException>(() => memory.VerifyUnchanged(snapshot, "naive glue"))!;
        Assert.That(e.Operation, Is.EqualTo("naive glue"));
    }
}
