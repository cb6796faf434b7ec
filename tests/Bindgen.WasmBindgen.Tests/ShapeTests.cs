using System;
using System.IO;
using System.Linq;
using Bindgen.Integration.Tests;
using Bindgen.WasmBindgen;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>shapes/shapes.wat through its glue in wasm-bindgen's shape (shapes/shapes.js).</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "shapes.js")]
public interface IShapes
{
    string? EchoOptional(string? text);

    string RoundTrip(string text);

    void Fail(string message);

    double[] ScaleF64(ReadOnlySpan<double> values, double factor);

    int[] NegateI32(int[] values);

    uint JsSum(byte[] data);

    uint JsBorrowedLength(ReadOnlySpan<byte> data);

    byte[] JsMake(int n);

    double Stamp();

    object? SetOutOfRange();

    uint? OptU32(int x);

    int? OptU8(int x);

    double? OptF64(double x);

    long? OptI64(long x);
}

/// <summary>The one import of shapes.wat Bindgen does not implement (BG0022), supplied by the user.</summary>
[WasmImports("wbg")]
public interface IShapesClock
{
    [WasmImport("__wbg_now_c9")]
    double Now();
}

internal sealed class FixedClock : IShapesClock
{
    public double Now() => 1_700_000_000_000;
}

/// <summary>
/// What the packages do not exercise: optional strings both ways, an Err(JsValue) an import builds, and an import
/// shim that allocates while the allocator moves memory (every malloc of shapes.wat grows memory).
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ShapeTests
{
    private readonly EngineSetting _setting;
    private Engine _engine = null!;
    private Store _store = null!;
    private Shapes _shapes = null!;

    public ShapeTests(EngineSetting setting) => _setting = setting;

    [SetUp]
    public void SetUp()
    {
        _engine = Engines.Create(_setting);
        _store = new Store(_engine);
        using Module module = Module.FromTextFile(_engine, Path.Combine(AppContext.BaseDirectory, "shapes", "shapes.wat"));
        _shapes = Shapes.Instantiate(_engine, _store, module);
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    private int LiveBlocks => _shapes.Instance.GetGlobal("live_blocks")!.GetValue() is int n ? n : -1;

    [TestCase(null, null)]
    [TestCase("", "")]
    [TestCase("héllo ✓", "héllo ✓")]
    [TestCase("lone surrogate", null)]
    public void Optional_strings_cross_both_ways(string? text, string? expected)
    {
        // A lone surrogate cannot travel in an attribute (its metadata is UTF-8): built here. TextEncoder makes it U+FFFD.
        if (text == "lone surrogate")
        {
            (text, expected) = ("lone \uD800", "lone \uFFFD");
        }

        Assert.That(_shapes.EchoOptional(text), Is.EqualTo(expected));
        Assert.That(LiveBlocks, Is.Zero, "the argument was freed by the guest and the result by the binding");
    }

    [Test]
    public void OptionalNumbersAsResultsInTheGluesThreeForms()
    {
        // The expected values are what the glue's wrappers return in JavaScript for the same module (undefined is null).
        Assert.That(_shapes.OptU32(0), Is.Null);
        Assert.That(_shapes.OptU32(7), Is.EqualTo(4294967289u));
        Assert.That(_shapes.OptU8(0), Is.Null);
        Assert.That(_shapes.OptU8(100), Is.EqualTo(44));
        Assert.That(_shapes.OptF64(0), Is.Null);
        Assert.That(_shapes.OptF64(-10), Is.EqualTo(-2.5));
        Assert.That(_shapes.OptI64(0), Is.Null);
        Assert.That(_shapes.OptI64(5), Is.EqualTo(-15000000000L));
    }

    [Test]
    public void An_import_that_allocates_writes_through_a_view_taken_after_its_allocation()
    {
        string text = string.Concat(Enumerable.Repeat("wasm-bindgen's detached view ✓ ", 4000));
        Memory memory = _shapes.Instance.GetMemory("memory")!;
        nint before = memory.GetPointer();
        int heapBefore = _shapes.Guest.Heap!.LiveCount;

        Assert.That(_shapes.RoundTrip(text), Is.EqualTo(text));
        Assert.That(_shapes.RoundTrip(string.Empty), Is.EqualTo(string.Empty));

        Assert.That(LiveBlocks, Is.Zero);
        Assert.That(_shapes.Guest.Heap.LiveCount, Is.EqualTo(heapBefore), "the string's handle was dropped");
        if (_setting == EngineSetting.Relocating)
        {
            // Only the addresses are compared; nothing is read through the old one.
#pragma warning disable BG1001
            Assert.That(memory.GetPointer(), Is.Not.EqualTo(before), "the allocations moved memory, so a view taken before them would have been stale");
#pragma warning restore BG1001
        }
    }

    [Test]
    public void An_error_the_module_returns_is_a_JsException_with_its_message()
    {
        int heapBefore = _shapes.Guest.Heap!.LiveCount;
        JsException e = Assert.Throws<JsException>(() => _shapes.Fail("the input was not valid ✗"))!;
        Assert.That(e.Message, Is.EqualTo("the input was not valid ✗"));
        Assert.That(e.Value, Is.TypeOf<JsError>());
        Assert.That(e.Operation, Does.Contain("Fail").And.Contain("'fail'"));
        Assert.That(_shapes.Guest.Heap.LiveCount, Is.EqualTo(heapBefore), "the error was taken out of the heap");
        Assert.That(LiveBlocks, Is.Zero);
    }

    [Test]
    public void Typed_arrays_cross_both_ways()
    {
        double[] values = { 0.5, -1.25, double.MaxValue / 4, 3 };
        Assert.That(_shapes.ScaleF64(values, 2.0), Is.EqualTo(values.Select(v => v * 2.0).ToArray()));
        Assert.That(_shapes.ScaleF64(ReadOnlySpan<double>.Empty, 2.0), Is.Empty);
        int[] big = Enumerable.Range(-1000, 300_000).ToArray();
        Assert.That(_shapes.NegateI32(big), Is.EqualTo(big.Select(v => -v).ToArray()));
        Assert.That(_shapes.NegateI32(new[] { int.MinValue }), Is.EqualTo(new[] { int.MinValue }));
        Assert.That(LiveBlocks, Is.Zero);
    }

    [Test]
    public void Uint8Array_values_cross_as_JavaScript_values()
    {
        int heapBefore = _shapes.Guest.Heap!.LiveCount;
        byte[] data = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        Assert.That(_shapes.JsSum(data), Is.EqualTo((uint)data.Sum(b => b)));
        Assert.That(_shapes.JsSum(Array.Empty<byte>()), Is.Zero);
        Assert.That(_shapes.JsBorrowedLength(data.AsSpan(0, 1234)), Is.EqualTo(1234u));
        Assert.That(_shapes.JsMake(6), Is.EqualTo(new byte[] { 3, 6, 9, 12, 15 }));
        Assert.That(_shapes.JsMake(1), Is.Empty);
        Assert.That(_shapes.Guest.Heap.LiveCount, Is.EqualTo(heapBefore), "every value the module was given or made was dropped or taken");
        Assert.That(LiveBlocks, Is.Zero);
    }

    [Test]
    public void An_import_Bindgen_does_not_implement_throws_a_typed_exception_naming_it_when_called()
    {
        var e = Assert.Throws<UnsupportedImportException>(() => _shapes.Stamp())!;
        Assert.That(e.Import, Is.EqualTo("wbg.__wbg_now_c9"));
        Assert.That(_shapes.EchoOptional("still usable"), Is.EqualTo("still usable"));
    }

    [Test]
    public void An_import_the_user_supplies_through_WasmImports_wins()
    {
        using var linker = new Linker(_engine);
        ShapesClock.Define(linker, new FixedClock());
        using Module module = Module.FromTextFile(_engine, Path.Combine(AppContext.BaseDirectory, "shapes", "shapes.wat"));
        Shapes shapes = Shapes.Instantiate(_engine, _store, module, linker);
        Assert.That(shapes.Stamp(), Is.EqualTo(1_700_000_000_000));
        Assert.That(shapes.RoundTrip("and the rest is Bindgen's"), Is.EqualTo("and the rest is Bindgen's"));
    }

    [Test]
    public void A_JavaScript_exception_in_an_import_wrapped_in_handleError_goes_to_the_module()
    {
        int heapBefore = _shapes.Guest.Heap!.LiveCount;
        var error = _shapes.SetOutOfRange() as JsError;
        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Name, Is.EqualTo("RangeError"));
        Assert.That(error.Message, Is.EqualTo("offset is out of bounds"), "V8's message for the same call");
        Assert.That(_shapes.Guest.Heap.LiveCount, Is.EqualTo(heapBefore));
    }
}
