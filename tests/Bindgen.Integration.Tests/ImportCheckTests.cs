using System;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>An import checks every guest range it was given before its implementation runs.</summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ImportCheckTests : GuestFixture
{
    public ImportCheckTests(EngineSetting setting)
        : base(setting)
    {
    }

    [TestCase("UpperPastEnd", 65532u, "Upper", "upper")]
    [TestCase("MakeBytesWrapping", 0xFFFF_FFFCu, "MakeBytes", "make_bytes")]
    public void An_out_of_bounds_return_area_is_rejected_before_the_implementation_runs(string export, uint area, string method, string import)
    {
        var host = new CountingHost();
        using var linker = new Linker(Engine);
        HostFunctions.Define(linker, host, Options);
        var caller = HostileImportCaller.Instantiate(linker, NewStore(), ModuleOf("hostile_import_caller"), Options);

        TestDelegate call = export == "UpperPastEnd" ? () => caller.UpperPastEnd() : () => caller.MakeBytesWrapping();
        var e = Assert.Throws<GuestPointerOutOfBoundsException>(call)!;
        Assert.That(e.Operation, Is.EqualTo($"IHostFunctions.{method} (import 'host'.'{import}')"));
        Assert.That(e.Address, Is.EqualTo(area));
        Assert.That(e.Length, Is.EqualTo((uint)GuestMemory.ReturnAreaSize));
        Assert.That(host.Calls, Is.Zero, "the implementation was not invoked");
        Assert.That(caller.LiveAllocations(), Is.Zero, "nothing was allocated for the result");
    }

    /// <summary>Counts calls into the implementation; a doomed call must not make one.</summary>
    private sealed class CountingHost : IHostFunctions
    {
        public int Calls { get; private set; }

        public void Log(string message) => Calls++;

        public int Add(int a, int b) => ++Calls;

        public int Checksum(ReadOnlySpan<byte> data) => ++Calls;

        public void Fill(Span<byte> buffer, int value) => Calls++;

        public string Upper(string text)
        {
            Calls++;
            return text.ToUpperInvariant();
        }

        public byte[] MakeBytes(int length)
        {
            Calls++;
            return new byte[length];
        }

        public int Reenter(int n) => ++Calls;
    }
}
