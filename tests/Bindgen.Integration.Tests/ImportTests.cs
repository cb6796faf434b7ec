using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Bindgen.Internals;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>Host imports through generated registration, in both engine configurations, in checked mode.</summary>
[TestFixture(EngineSetting.Default, "imports", false)]
[TestFixture(EngineSetting.Relocating, "imports", false)]
[TestFixture(EngineSetting.Relocating, "imports_growing", false)]
[TestFixture(EngineSetting.Default, "imports", true)]
[TestFixture(EngineSetting.Relocating, "imports_growing", true)]
public sealed class ImportTests : GuestFixture
{
    private readonly string _guest;
    private readonly bool _bound;
    private RecordingHost _host = null!;
    private ImportsGuest _guestBinding = null!;
    private int _liveBefore;

    /// <param name="bound">Whether the imports are bound to their instance (<see cref="InstanceImports"/>) instead of defined on a shared linker.</param>
    public ImportTests(EngineSetting setting, string guest, bool bound)
        : base(setting)
    {
        _guest = guest;
        _bound = bound;
    }

    [SetUp]
    public void Bind()
    {
        _host = new RecordingHost();
        if (_bound)
        {
            Store store = NewStore();
            using var imports = new InstanceImports(Engine, store);
            HostFunctions.Define(imports, _host, Options);
            _guestBinding = ImportsGuest.Instantiate(imports, ModuleOf(_guest), Options);
            Assert.That(imports.IsBound, Is.True, "the guest shares no table, reference global or reference value");
        }
        else
        {
            using var linker = new Linker(Engine);
            HostFunctions.Define(linker, _host, Options);
            _guestBinding = ImportsGuest.Instantiate(linker, NewStore(), ModuleOf(_guest), Options);
        }

        _host.Guest = _guestBinding;
        _liveBefore = _guestBinding.LiveAllocations();
    }

    [TearDown]
    public void EveryGuestAllocationWasFreed() =>
        Assert.That(_guestBinding.LiveAllocations(), Is.EqualTo(_liveBefore), "live guest allocations after the test");

    [TestCase("")]
    [TestCase("plain")]
    [TestCase("grüße 日本 😀")]
    public void String_parameters_reach_the_host_as_copies(string message)
    {
        _guestBinding.CallLog(message);
        Assert.That(_host.Logged, Is.EqualTo(new[] { message }));
    }

    [Test]
    public void Scalars_cross_both_ways() => Assert.That(_guestBinding.CallAdd(-7, 50), Is.EqualTo(43));

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(1 << 20)]
    public void Borrowed_read_only_views_show_the_guest_bytes(int length)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        Assert.That(_guestBinding.CallChecksum(data), Is.EqualTo(unchecked((int)HostReference.Fnv1a(data))));
    }

    [TestCase(0)]
    [TestCase(100)]
    [TestCase(65536)]
    public void Borrowed_writable_views_write_into_guest_memory(int length)
    {
        byte[] filled = _guestBinding.CallFill(length, 9);
        Assert.That(filled, Is.EqualTo(Enumerable.Range(0, length).Select(i => (byte)(9 + i)).ToArray()));
    }

    [TestCase("")]
    [TestCase("hello")]
    [TestCase("grüße, wasm")]
    public void String_results_are_allocated_in_the_guest_by_the_host(string text)
    {
        Assert.That(_guestBinding.CallUpper(text), Is.EqualTo(text.ToUpperInvariant()));
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(1 << 20)]
    public void Byte_array_results_are_allocated_in_the_guest_by_the_host(int length)
    {
        Assert.That(_guestBinding.CallMakeBytes(length), Is.EqualTo(RecordingHost.Pattern(length)));
    }

    [Test]
    public void An_import_can_call_back_into_the_same_instance()
    {
        Assert.That(_guestBinding.CallReenter(7), Is.EqualTo(50));
    }

    [Test]
    public void Growth_before_an_import_does_not_stale_its_borrowed_view()
    {
        byte[] data = Encoding.UTF8.GetBytes("checksum me after growing");
        Assert.That(_guestBinding.GrowThenChecksum(data, 3), Is.EqualTo(unchecked((int)HostReference.Fnv1a(data))));
    }

    [Test]
    public void Hand_written_imports_can_use_guest_memory_for_the_caller()
    {
        using var linker = new Linker(Engine) { AllowShadowing = true };
        HostFunctions.Define(linker, new RecordingHost(), Options);
        string? received = null;
        linker.DefineFunction("host", "log", (Caller caller, int address, int length) =>
        {
            GuestMemory memory = CConvention.Default.ForCaller(caller, "hand-written log", Options);
            received = memory.ReadUtf8(memory.CheckRange(address, length, "log"), "log");
        });

        var guest = ImportsGuest.Instantiate(linker, NewStore(), ModuleOf(_guest), Options);
        guest.CallLog("written by hand: ü");
        Assert.That(received, Is.EqualTo("written by hand: ü"));
    }

    [Test]
    public void One_registration_serves_several_instances_calling_in_turn()
    {
        using var linker = new Linker(Engine);
        var host = new RecordingHost();
        HostFunctions.Define(linker, host, Options);
        ImportsGuest[] guests = Enumerable.Range(0, 3)
            .Select(_ => ImportsGuest.Instantiate(linker, NewStore(), ModuleOf(_guest), Options))
            .ToArray();

        for (int round = 0; round < 20; round++)
        {
            ImportsGuest guest = guests[round % guests.Length];
            host.Guest = guest;
            string text = $"instance {round % guests.Length} round {round} ü";
            Assert.That(guest.CallUpper(text), Is.EqualTo(text.ToUpperInvariant()));
            Assert.That(guest.CallReenter(round), Is.EqualTo((round * round) + 1));
        }

        Assert.That(guests.Select(g => g.LiveAllocations() - g.Memory!.HeldAllocations), Is.All.Zero);
    }

    [Test]
    public void One_registration_serves_several_instances_of_one_store_each_with_its_own_memory()
    {
        // The callers share a store, so only the memory each exports tells them apart: a cache keyed on anything
        // coarser would read one instance's arguments from another's memory and allocate results in the wrong heap.
        using var linker = new Linker(Engine);
        var host = new RecordingHost();
        HostFunctions.Define(linker, host, Options);
        Store store = NewStore();
        ImportsGuest[] guests = Enumerable.Range(0, 3)
            .Select(_ => ImportsGuest.Instantiate(linker, store, ModuleOf(_guest), Options))
            .ToArray();
        CallInTurn(guests, host, rounds: 30, stride: 7, reenter: false);
    }

    [Test]
    public void Bound_imports_of_several_instances_of_one_store_each_use_their_own_memory()
    {
        // Each instance has its own InstanceImports, beside one instance on a shared linker, all in one store: a bound
        // registration that read the wrong instance's memory would return another text or leak in another heap.
        var host = new RecordingHost();
        Store store = NewStore();
        var guests = new List<ImportsGuest>();
        for (int i = 0; i < 3; i++)
        {
            using var imports = new InstanceImports(Engine, store);
            HostFunctions.Define(imports, host, Options);
            guests.Add(ImportsGuest.Instantiate(imports, ModuleOf(_guest), Options));
            Assert.That(imports.IsBound, Is.True);
        }

        using (var linker = new Linker(Engine))
        {
            HostFunctions.Define(linker, host, Options);
            guests.Add(ImportsGuest.Instantiate(linker, store, ModuleOf(_guest), Options));
        }

        CallInTurn(guests, host, rounds: 40, stride: 3, reenter: true);
    }

    /// <summary>Calls the guests of one store in an interleaved order; each must see its own texts and free what it allocated.</summary>
    private static void CallInTurn(IReadOnlyList<ImportsGuest> guests, RecordingHost host, int rounds, int stride, bool reenter)
    {
        int[] liveBefore = guests.Select(g => g.LiveAllocations()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            int index = (round * stride) % guests.Count;
            ImportsGuest guest = guests[index];
            host.Guest = guest;
            string text = $"instance {index} of one store, round {round}: grüße";
            Assert.That(guest.CallUpper(text), Is.EqualTo(text.ToUpperInvariant()));
            guest.CallLog(text);
            Assert.That(host.Logged[^1], Is.EqualTo(text));
            if (reenter)
            {
                Assert.That(guest.CallReenter(round), Is.EqualTo((round * round) + 1));
            }
        }

        Assert.That(guests.Select((g, i) => g.LiveAllocations() - liveBefore[i]), Is.All.Zero);
    }

    [Test]
    public void Callers_are_identified_through_the_native_library_with_this_Wasmtime_unless_forced_off() =>
        // The runtime falls back to Caller.GetMemory where the layout probe fails (or BINDGEN_DIRECT_PATHS=off, the
        // suite's second run); with the Wasmtime it is tested with, the fallback would only hide a broken probe.
        Assert.That(CallerMemoryCache.IdentifiesCallersNatively, Is.EqualTo(!DirectCallTests.ForcedOff), WasmtimeCallPath.Description);

    [Test]
    public void A_host_exception_reaches_the_export_caller_typed_and_nothing_leaks()
    {
        _host.FailUpper = new InvalidOperationException("upper is broken");
        var e = Assert.Throws<HostImportException>(() => _guestBinding.CallUpper("abc"))!;
        Assert.That(e.Import, Is.EqualTo("IHostFunctions.Upper (import 'host'.'upper')"));
        Assert.That(e.Operation, Does.Contain("call_upper"));
        Assert.That(e.InnerException, Is.SameAs(_host.FailUpper));
        Assert.That(e.Message, Does.Contain("upper is broken"));

        _host.FailUpper = null;
        Assert.That(_guestBinding.CallUpper("still usable"), Is.EqualTo("STILL USABLE"));
    }

    [Test]
    public void A_null_result_from_the_host_is_a_typed_error()
    {
        _host.ReturnNullUpper = true;
        var e = Assert.Throws<HostImportException>(() => _guestBinding.CallUpper("abc"))!;
        Assert.That(e.InnerException, Is.InstanceOf<InvalidOperationException>());
        Assert.That(e.Import, Does.Contain("upper"));
    }

    [Test]
    public void Checked_mode_catches_a_borrowed_view_that_went_stale_during_the_import()
    {
        // The implementation re-enters the guest and grows its memory while holding the borrowed span.
        _host.GrowDuringChecksum = true;
        var e = Assert.Throws<StaleViewException>(() => _guestBinding.CallChecksum(new byte[] { 1, 2, 3 }))!;
        Assert.That(e.Operation, Does.Contain("import 'host'.'checksum'"));
    }

    /// <summary>A host implementation that records its calls and can be told to misbehave.</summary>
    private sealed class RecordingHost : IHostFunctions
    {
        public List<string> Logged { get; } = new();

        public ImportsGuest? Guest { get; set; }

        public Exception? FailUpper { get; set; }

        public bool ReturnNullUpper { get; set; }

        public bool GrowDuringChecksum { get; set; }

        public static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray();

        public void Log(string message) => Logged.Add(message);

        public int Add(int a, int b) => a + b;

        public int Checksum(ReadOnlySpan<byte> data)
        {
            uint hash = HostReference.Fnv1a(data);
            if (GrowDuringChecksum)
            {
                Guest!.Memory!.Memory.Grow(1);
            }

            return unchecked((int)hash);
        }

        public void Fill(Span<byte> buffer, int value)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)(value + i);
            }
        }

        public string Upper(string text)
        {
            if (FailUpper is not null)
            {
                throw FailUpper;
            }

            return ReturnNullUpper ? null! : text.ToUpperInvariant();
        }

        public byte[] MakeBytes(int length) => Pattern(length);

        public int Reenter(int n) => Guest!.Square(n) + 1;
    }
}

/// <summary>The exports of the hostile import caller below.</summary>
[WasmModule]
public interface IHostileCaller
{
    int PastEnd();

    int Wraps();

    void HugeLog();
}

/// <summary>A guest that passes hostile pointers to a host import.</summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class HostileImportTests : GuestFixture
{
    private const string Wat = """
        (module
          (import "host" "checksum" (func $checksum (param i32 i32) (result i32)))
          (import "host" "log" (func $log (param i32 i32)))
          (memory (export "memory") 1)
          (func (export "past_end") (result i32) (call $checksum (i32.const 65530) (i32.const 100)))
          (func (export "wraps") (result i32) (call $checksum (i32.const -16) (i32.const 32)))
          (func (export "huge_log") (call $log (i32.const 16) (i32.const -1))))
        """;

    public HostileImportTests(EngineSetting setting)
        : base(setting)
    {
    }

    [TestCase("PastEnd", 65530u, 100u, "checksum")]
    [TestCase("Wraps", 0xFFFF_FFF0u, 32u, "checksum")]
    [TestCase("HugeLog", 16u, 0xFFFF_FFFFu, "log")]
    public void Hostile_pointers_to_an_import_are_rejected_naming_the_import(string export, uint address, uint length, string import)
    {
        using var linker = new Linker(Engine);
        HostFunctions.Define(linker, new ThrowingHost(), Options);
        using var module = Module.FromText(Engine, "hostile_caller", Wat);
        var caller = HostileCaller.Instantiate(linker, NewStore(), module, Options);

        TestDelegate call = export switch
        {
            "PastEnd" => () => caller.PastEnd(),
            "Wraps" => () => caller.Wraps(),
            _ => () => caller.HugeLog(),
        };
        var e = Assert.Throws<GuestPointerOutOfBoundsException>(call)!;
        Assert.That(e.Operation, Is.EqualTo($"IHostFunctions.{char.ToUpperInvariant(import[0])}{import[1..]} (import 'host'.'{import}')"));
        Assert.That(e.Address, Is.EqualTo(address));
        Assert.That(e.Length, Is.EqualTo(length));
    }

    /// <summary>Never reached: the glue rejects the pointers before calling the implementation.</summary>
    private sealed class ThrowingHost : IHostFunctions
    {
        public void Log(string message) => throw new AssertionException("reached Log");

        public int Add(int a, int b) => throw new AssertionException("reached Add");

        public int Checksum(ReadOnlySpan<byte> data) => throw new AssertionException("reached Checksum");

        public void Fill(Span<byte> buffer, int value) => throw new AssertionException("reached Fill");

        public string Upper(string text) => throw new AssertionException("reached Upper");

        public byte[] MakeBytes(int length) => throw new AssertionException("reached MakeBytes");

        public int Reenter(int n) => throw new AssertionException("reached Reenter");
    }
}
