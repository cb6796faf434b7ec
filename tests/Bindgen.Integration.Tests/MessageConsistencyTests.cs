using System;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>The canonical ABI's allocator of a zero-returning guest, as a hostile module exports it.</summary>
[WasmModule(Abi = WasmAbi.Canonical)]
public interface IZeroReallocGuest
{
    uint Measure(string text);

    uint[] Numbers();

    void Run();
}

/// <summary>What the hostile canonical module imports.</summary>
[WasmImports("host", Abi = WasmAbi.Canonical)]
public interface IMessageHost
{
    void Log(string text);
}

/// <summary>
/// The allocator conventions agree and the messages say what happened: <c>cabi_realloc</c> returning 0 for a
/// non-zero size is refused as the C convention's <c>malloc</c> returning 0 is; a list too long for 32-bit memory
/// says how long it is; import arguments are not called values the guest returned; an empty string is visible.
/// </summary>
public sealed class MessageConsistencyTests : GuestFixture
{
    // cabi_realloc always returns 0; measure returns its string's length; numbers returns a list of 2^30 u32
    // (4 GiB, more than a 32-bit memory holds) through its return area at 64; run passes the import bytes that are
    // not UTF-8.
    private const string Wat = """
        (module
          (import "host" "log" (func $log (param i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 64) "\00\01\00\00\00\00\00\40")
          (data (i32.const 128) "\ff\fe\fd")
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
          (func (export "measure") (param i32 i32) (result i32) local.get 1)
          (func (export "numbers") (result i32) i32.const 64)
          (func (export "run") i32.const 128 i32.const 3 call $log))
        """;

    public MessageConsistencyTests()
        : base(EngineSetting.Default)
    {
    }

    [Test]
    public void Cabi_realloc_returning_zero_for_a_nonzero_size_is_a_GuestAllocationException()
    {
        IZeroReallocGuest guest = NewGuest(new Recorder());

        var e = Assert.Throws<GuestAllocationException>(() => guest.Measure("abc"))!;
        Assert.That(e.Message, Does.Contain("cabi_realloc").And.Contain("'measure'"), e.Message);
        Assert.That(guest.Measure(string.Empty), Is.Zero, "an empty string needs no block");
    }

    [Test]
    public void A_list_too_long_for_memory_says_how_many_elements_of_what_size()
    {
        IZeroReallocGuest guest = NewGuest(new Recorder());

        var e = Assert.Throws<GuestPointerOutOfBoundsException>(() => guest.Numbers())!;
        Assert.That(e.Message, Does.Contain("1073741824 elements of 4 bytes").And.Not.Contain("+4294967295"), e.Message);
    }

    [Test]
    public void An_import_argument_the_guest_passed_is_not_described_as_returned()
    {
        var host = new Recorder();
        IZeroReallocGuest guest = NewGuest(host);

        var e = Assert.Throws<GuestProtocolException>(() => guest.Run())!;
        Assert.That(e.Message, Does.Contain("not valid UTF-8").And.Not.Contain("returned"), e.Message);
        Assert.That(host.Calls, Is.Zero);
    }

    [Test]
    public void An_empty_string_where_the_binding_declares_another_type_is_shown_as_one()
    {
        var e = Assert.Throws<GuestProtocolException>(() => Bindgen.Internals.WasmBindgenGuest.Expect<double>(string.Empty, "op"))!;
        Assert.That(e.Message, Does.Contain("the module returned \"\"").And.Not.Contain("returned ,"), e.Message);
    }

    private IZeroReallocGuest NewGuest(Recorder host)
    {
        using var module = Module.FromText(Engine, "zero_realloc", Wat);
        var linker = new Linker(Engine);
        MessageHost.Define(linker, host);
        return ZeroReallocGuest.Instantiate(linker, NewStore(), module);
    }

    private sealed class Recorder : IMessageHost
    {
        public int Calls { get; private set; }

        public void Log(string text) => Calls++;
    }
}
