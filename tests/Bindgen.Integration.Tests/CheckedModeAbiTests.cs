using System;
using Bindgen.Internals;
using Bindgen.WasmBindgen;
using NUnit.Framework;
using Wasmtime;

// The tests compare the memory's base address before and after a growing call, never dereference it: BG1001's
// "view used after a may-grow call" is what they demonstrate, not a bug in them.
#pragma warning disable BG1001

namespace Bindgen.Integration.Tests;

/// <summary>
/// Checked mode is one primitive every ABI's glue shares, so it catches a stale view under the canonical ABI and
/// wasm-bindgen as it does under the C convention (<see cref="NegativeControlTests"/>). Each test takes a view, lets a
/// guest allocator grow (and, under the relocating engine, move) memory, and shows that the memory did move, that
/// checked mode reports it, and that without checked mode nothing does.
/// </summary>
public sealed class CheckedModeAbiTests
{
    private const string Operation = "naive glue";

    [TestCase(true)]
    [TestCase(false)]
    public void Canonical_glue_view_held_across_cabi_realloc_is_reported_only_in_checked_mode(bool checkedMode)
    {
        using Engine engine = Engines.Create(EngineSetting.Relocating);
        using var module = Module.FromFile(engine, GuestFiles.PathOf("canonical_growing"));
        using var store = new Store(engine);
        var instance = new Instance(store, module);
        var exports = new ExportResolver(instance, Operation);
        var guest = new CanonicalGuest(exports, needsMemory: true, needsRealloc: true, checkedMode ? GuestMemoryOptions.Checked : GuestMemoryOptions.Unchecked);
        exports.ThrowIfProblems();
        Memory memory = instance.GetMemory("memory")!;

        int outer = guest.Realloc(4, 8, Operation);
        MemorySnapshot snapshot = guest.Snapshot();
        nint baseBefore = memory.GetPointer();
        Assert.That(guest.View().Length, Is.GreaterThan(outer));
        guest.Realloc(1, 64 * 1024, Operation); // the growing allocator: memory moves

        AssertStaleOnlyWhenChecked(checkedMode, memory, baseBefore, () => guest.VerifyUnchanged(snapshot, Operation));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void WasmBindgen_glue_view_held_across_malloc_is_reported_only_in_checked_mode(bool checkedMode)
    {
        (WasmBindgenGuest guest, Memory memory, IDisposable scope) = AttachWasmBindgen(checkedMode);
        using (scope)
        {
            MemorySnapshot snapshot = guest.Snapshot();
            nint baseBefore = memory.GetPointer();
            Assert.That(guest.View().Length, Is.GreaterThan(0));
            guest.Malloc(64 * 1024, 1, Operation);

            AssertStaleOnlyWhenChecked(checkedMode, memory, baseBefore, () => guest.VerifyUnchanged(snapshot, Operation));
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void WasmBindgen_Uint8Array_window_kept_across_growth_is_stale_in_checked_mode(bool checkedMode)
    {
        (WasmBindgenGuest guest, Memory memory, IDisposable scope) = AttachWasmBindgen(checkedMode);
        using (scope)
        {
            int block = guest.Malloc(16, 1, Operation);
            // What new Uint8Array(wasm.memory.buffer, block, 16) makes; JavaScript detaches it when memory grows.
            var window = new JsUint8Array(guest, block, 16);
            window.Span.Fill(0x5A);
            nint baseBefore = memory.GetPointer();
            guest.Malloc(64 * 1024, 1, Operation);

            Assert.That(memory.GetPointer(), Is.Not.EqualTo(baseBefore));
            if (checkedMode)
            {
                var e = Assert.Throws<StaleViewException>(() => window.Span.ToArray())!;
                Assert.That(e.Message, Does.Contain("Uint8Array"));
            }
            else
            {
                Assert.That(window.Span.ToArray(), Is.All.EqualTo(0x5A), "unchecked, the window reads the live memory");
            }
        }
    }

    /// <summary>Memory moved since <paramref name="baseBefore"/>; <paramref name="verify"/> reports it in checked mode only.</summary>
    private static void AssertStaleOnlyWhenChecked(bool checkedMode, Memory memory, nint baseBefore, TestDelegate verify)
    {
        Assert.That(memory.GetPointer(), Is.Not.EqualTo(baseBefore), "the relocating engine moved memory, so the view is stale");
        if (checkedMode)
        {
            var e = Assert.Throws<StaleViewException>(verify)!;
            Assert.That(e.Message, Does.Contain(Operation));
        }
        else
        {
            Assert.DoesNotThrow(verify);
        }
    }

    /// <summary>A wasm-bindgen guest state over the C guest whose <c>malloc(size)</c> grows memory on every call.</summary>
    private static (WasmBindgenGuest Guest, Memory Memory, IDisposable Scope) AttachWasmBindgen(bool checkedMode)
    {
        Engine engine = Engines.Create(EngineSetting.Relocating);
        var module = Module.FromFile(engine, GuestFiles.PathOf("types_growing"));
        var store = new Store(engine);
        var instance = new Instance(store, module);
        var glue = new WasmBindgenGlue("malloc", null, null, 0, null, null, Array.Empty<WasmBindgenImport>());
        var guest = new WasmBindgenGuest(glue, Operation, checkedMode ? GuestMemoryOptions.Checked : GuestMemoryOptions.Unchecked);
        var exports = new ExportResolver(instance, Operation);
        guest.Attach(exports);
        exports.ThrowIfProblems();
        return (guest, instance.GetMemory("memory")!, new Owned(store, module, engine));
    }

    private sealed class Owned(params IDisposable[] owned) : IDisposable
    {
        public void Dispose()
        {
            foreach (IDisposable d in owned)
            {
                d.Dispose();
            }
        }
    }
}
