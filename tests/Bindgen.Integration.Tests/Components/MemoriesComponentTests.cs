using System;
using System.Linq;
using NUnit.Framework;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;
using Memories = Bindgen.Integration.Tests.Components.Memories;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// memories.component.wasm (component/wat/memories.wat): one exported interface whose functions are lifted with the
/// memories and allocators of two different core instances, and host imports that lower to 15 core parameters (14
/// flat and a return pointer) and to 18 parameters spilled into memory. Every call is compared with
/// Wasmtime.Components on the same component.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class MemoriesComponentTests : GuestFixture
{
    private const string Split = "local:mem/split@0.1.0";

    public MemoriesComponentTests(EngineSetting setting)
        : base(setting)
    {
    }

    /// <summary>Results that depend on every argument and its position, so a swapped or dropped one shows.</summary>
    private sealed class Host : Memories.IHost
    {
        public int Calls { get; private set; }

        public (long, double) Wide(int a, long b, float c, double d, uint e, uint f, uint g, uint h, uint i, uint j, uint k, uint l, uint m, uint n)
        {
            Calls++;
            uint[] rest = { e, f, g, h, i, j, k, l, m, n };
            long weighted = rest.Select((v, index) => (long)v * (index + 2)).Sum();
            return (a - b * 3 + weighted, c * 0.5 + d);
        }

        public uint Wider(uint p0, uint p1, uint p2, uint p3, uint p4, uint p5, uint p6, uint p7, uint p8, uint p9, uint p10, uint p11, uint p12, uint p13, uint p14, uint p15, uint p16, uint p17)
        {
            Calls++;
            uint[] all = { p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17 };
            return unchecked((uint)all.Select((v, index) => (long)v * (index + 1)).Sum());
        }
    }

    private ComponentInstance Reference(Host host, out ComponentLinker linker, out Component component)
    {
        component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("memories.component")));
        linker = new ComponentLinker(Engine);
        using (ComponentLinkerInstance root = linker.Root())
        using (ComponentLinkerInstance imports = root.AddInstance("local:mem/host@0.1.0"))
        {
            imports.DefineFunction("wide", (args, results) =>
            {
                uint[] rest = U32s(args, 4, 10);
                (long x, double y) = host.Wide(args[0].AsS32(), args[1].AsS64(), args[2].AsF32(), args[3].AsF64(),
                    rest[0], rest[1], rest[2], rest[3], rest[4], rest[5], rest[6], rest[7], rest[8], rest[9]);
                results[0] = CV.Tuple(new[] { CV.S64(x), CV.F64(y) });
            });
            imports.DefineFunction("wider", (args, results) =>
            {
                uint[] p = U32s(args, 0, 18);
                results[0] = CV.U32(host.Wider(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17]));
            });
        }

        return linker.Instantiate(NewStore(), component);
    }

    private static uint[] U32s(ReadOnlySpan<CV> values, int from, int count)
    {
        var result = new uint[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = values[from + i].AsU32();
        }

        return result;
    }

    [Test]
    public void Functions_of_one_interface_use_the_memory_and_realloc_their_own_lift_names()
    {
        Memories.Memories generated = Memories.Memories.Instantiate(Engine, NewStore(), new Host(), Options);
        ComponentInstance reference = Reference(new Host(), out ComponentLinker linker, out Component component);
        using (linker)
        using (component)
        {
            ComponentFunction echo = reference.GetFunction(Split, "echo")!;
            ComponentFunction sum = reference.GetFunction(Split, "sum")!;
            // Long strings make each instance's allocator grow its own memory (and move it, relocating).
            foreach (string text in new[] { string.Empty, "abc", "Wörld 😀", new string('q', 70_000), new string('\u00ff', 40_000) })
            {
                Assert.That(generated.Split.Echo(text), Is.EqualTo(echo.Call(CV.String(text))!.AsString()));
                uint expected = (uint)System.Text.Encoding.UTF8.GetBytes(text).Sum(b => b);
                Assert.That(sum.Call(CV.String(text))!.AsU32(), Is.EqualTo(expected));
                // Written into the other instance's memory, the string would read as zeros.
                Assert.That(generated.Split.Sum(text), Is.EqualTo(expected));
            }
        }
    }

    [Test]
    public void An_import_of_fifteen_core_parameters_and_one_of_eighteen_spilled_give_what_Wasmtime_Components_gives()
    {
        var host = new Host();
        Memories.Memories generated = Memories.Memories.Instantiate(Engine, NewStore(), host, Options);
        var referenceHost = new Host();
        ComponentInstance reference = Reference(referenceHost, out ComponentLinker linker, out Component component);
        using (linker)
        using (component)
        {
            ComponentFunction wide = reference.GetFunction(Split, "call-wide")!;
            ComponentFunction wider = reference.GetFunction(Split, "call-wider")!;
            foreach (int seed in new[] { 0, 1, 77, -5 })
            {
                uint[] rest = Enumerable.Range(0, 10).Select(i => unchecked((uint)(seed * 1_000_003 + i * 7919))).ToArray();
                (long, double) ours = generated.Split.CallWide(seed, seed * -4_000_000_000L, seed * 1.25f, seed / 3.0,
                    rest[0], rest[1], rest[2], rest[3], rest[4], rest[5], rest[6], rest[7], rest[8], rest[9]);
                var theirs = wide.Call(new[] { CV.S32(seed), CV.S64(seed * -4_000_000_000L), CV.F32(seed * 1.25f), CV.F64(seed / 3.0) }
                    .Concat(rest.Select(CV.U32)).ToArray())!.AsTuple();
                Assert.That(ours, Is.EqualTo((theirs[0].AsS64(), theirs[1].AsF64())));

                uint[] p = Enumerable.Range(0, 18).Select(i => unchecked((uint)(seed * 31 + i * 65_537))).ToArray();
                uint oursWider = generated.Split.CallWider(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17]);
                Assert.That(oursWider, Is.EqualTo(wider.Call(p.Select(CV.U32).ToArray())!.AsU32()));
                Assert.That(oursWider, Is.EqualTo(new Host().Wider(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17])));
            }

            Assert.That(host.Calls, Is.EqualTo(8));
            Assert.That(referenceHost.Calls, Is.EqualTo(8));
        }
    }
}
