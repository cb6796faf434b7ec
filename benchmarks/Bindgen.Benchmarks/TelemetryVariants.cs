using System;
using System.Collections.Generic;
using Bindgen.Internals;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// The price of telemetry with nobody listening, for <c>--interleaved</c>: the generated binding (every call enters
/// through <c>StoreGate.Call</c> and leaves through <c>StoreCall.Leave</c>, with an exception filter for failures)
/// against <see cref="PreTelemetryBench"/>, the same methods as the generator wrote them before telemetry existed
/// (<c>StoreGate.Enter</c> and <c>Holder.Leave</c>). Both run on the same runtime, so the copy counters'
/// checks in <c>GuestMemory</c> are in both.
/// </summary>
public sealed class TelemetryVariants : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Module _module;
    private readonly Linker _linker;
    private readonly Store _beforeStore;
    private readonly Store _afterStore;
    private readonly PreTelemetryBench _before;
    private readonly Bench _after;

    public TelemetryVariants()
    {
        _module = BenchGuest.LoadModule(_engine);
        _linker = new Linker(_engine);
        BenchHost.Define(_linker, new FixedAnswerHost());
        _beforeStore = new Store(_engine);
        _afterStore = new Store(_engine);
        _before = new PreTelemetryBench(_beforeStore, _linker.Instantiate(_beforeStore, _module));
        _after = Bench.Instantiate(_linker, _afterStore, _module);
        if (BindgenTelemetry.Name != "Bindgen" || System.Diagnostics.Activity.Current is not null)
        {
            throw new InvalidOperationException("The telemetry scenarios need no ambient activity.");
        }
    }

    /// <summary>The scenarios; each variant's result is checked once before measuring.</summary>
    public IEnumerable<Interleaved.Scenario> Scenarios()
    {
        Check(_before.Add(40, 2) == 42 && _after.Add(40, 2) == 42, "add");
        yield return new Interleaved.Scenario("telemetry: add, before telemetry vs no listener",
        [
            new("Before telemetry", () => _before.Add(40, 2)),
            new("Generated, no listener", () => _after.Add(40, 2)),
        ]);

        foreach (int length in new[] { 16, 4096 })
        {
            string text = new('x', length);
            Check(_before.Echo(text) == text && _after.Echo(text) == text, "echo");
            yield return new Interleaved.Scenario($"telemetry: echo(string) {length} chars, before telemetry vs no listener",
            [
                new("Before telemetry", () => _before.Echo(text)),
                new("Generated, no listener", () => _after.Echo(text)),
                new("Call only", () => _before.EchoCallOnly(text)),
                new("Filter only", () => _before.EchoFilterOnly(text)),
            ]);
        }
    }

    public void Dispose()
    {
        _beforeStore.Dispose();
        _afterStore.Dispose();
        _linker.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    private static void Check(bool agree, string what)
    {
        if (!agree) throw new InvalidOperationException($"{what}: the variants disagree");
    }
}

/// <summary>
/// <c>add</c> and <c>echo</c> of <see cref="IBench"/> exactly as the generator emitted them at the commit before
/// telemetry (the same resolver, memory and release calls), kept as the baseline of <see cref="TelemetryVariants"/>.
/// </summary>
public sealed class PreTelemetryBench
{
    private const string Binding = "IBench";
    private readonly StoreGate _storeGate;
    private readonly GuestMemory _memory;
    private readonly Func<int, int, int> _export_Add;
    private readonly Action<int, int, int> _export_Echo;

    public PreTelemetryBench(Store store, Instance instance)
    {
        var exports = new ExportResolver(instance, Binding, store);
        _storeGate = exports.StoreGate;
        _memory = exports.CConventionMemory(null);
        _export_Add = exports.Func<int, int, int>("add", "(i32, i32) -> i32");
        _export_Echo = exports.Action<int, int, int>("echo", "(i32, i32, i32) -> ()");
        exports.Complete();
    }

    public int Add(int a, int b)
    {
        StoreGate.Holder entered = _storeGate.Enter("IBench");
        try
        {
            const string operation = "IBench.Add (export 'add')";
            try
            {
                return _export_Add(a, b);
            }
            catch (WasmtimeException exception)
            {
                throw GuestFailures.FromWasmtime(operation, exception);
            }
        }
        finally
        {
            entered.Leave();
        }
    }

    public string Echo(string text)
    {
        StoreGate.Holder entered = _storeGate.Enter("IBench");
        try
        {
            const string operation = "IBench.Echo (export 'echo')";
            if (text is null) throw new ArgumentNullException(nameof(text));
            int textLength = GuestMemory.Utf8ByteCount(text);
            long textOffset = GuestMemory.AlignUp((long)GuestMemory.ReturnAreaSize, 16);
            GuestRange block = _memory.AllocateCallBlock(textOffset + textLength, operation);
            GuestRange owned = default;
            string returned;
            try
            {
                int textAddress = textLength == 0 ? 0 : unchecked(block.Address + (int)textOffset);
                _memory.PrepareReturnArea(block.Address, operation);
                _memory.WriteUtf8(textAddress, textLength, text, operation);
                _export_Echo(textAddress, textLength, block.Address);
                owned = _memory.ReadReturnArea(block, operation);
                returned = _memory.ReadUtf8(owned, operation);
            }
            catch (Exception failure)
            {
                throw _memory.CallFailed(failure, owned, block, operation);
            }

            return _memory.Release(returned, owned, block, operation);
        }
        finally
        {
            entered.Leave();
        }
    }

    public string EchoCallOnly(string text)
    {
        StoreCall entered = _storeGate.Call("IBench", "Echo", "echo");
        try
        {
            const string operation = "IBench.Echo (export 'echo')";
            if (text is null) throw new ArgumentNullException(nameof(text));
            int textLength = GuestMemory.Utf8ByteCount(text);
            long textOffset = GuestMemory.AlignUp((long)GuestMemory.ReturnAreaSize, 16);
            GuestRange block = _memory.AllocateCallBlock(textOffset + textLength, operation);
            GuestRange owned = default;
            string returned;
            try
            {
                int textAddress = textLength == 0 ? 0 : unchecked(block.Address + (int)textOffset);
                _memory.PrepareReturnArea(block.Address, operation);
                _memory.WriteUtf8(textAddress, textLength, text, operation);
                _export_Echo(textAddress, textLength, block.Address);
                owned = _memory.ReadReturnArea(block, operation);
                returned = _memory.ReadUtf8(owned, operation);
            }
            catch (Exception failure)
            {
                throw _memory.CallFailed(failure, owned, block, operation);
            }

            return _memory.Release(returned, owned, block, operation);
        }
        finally
        {
            entered.Leave();
        }
    }

    public string EchoFilterOnly(string text)
    {
        StoreGate.Holder entered = _storeGate.Enter("IBench");
        try
        {
            const string operation = "IBench.Echo (export 'echo')";
            if (text is null) throw new ArgumentNullException(nameof(text));
            int textLength = GuestMemory.Utf8ByteCount(text);
            long textOffset = GuestMemory.AlignUp((long)GuestMemory.ReturnAreaSize, 16);
            GuestRange block = _memory.AllocateCallBlock(textOffset + textLength, operation);
            GuestRange owned = default;
            string returned;
            try
            {
                int textAddress = textLength == 0 ? 0 : unchecked(block.Address + (int)textOffset);
                _memory.PrepareReturnArea(block.Address, operation);
                _memory.WriteUtf8(textAddress, textLength, text, operation);
                _export_Echo(textAddress, textLength, block.Address);
                owned = _memory.ReadReturnArea(block, operation);
                returned = _memory.ReadUtf8(owned, operation);
            }
            catch (Exception failure)
            {
                throw _memory.CallFailed(failure, owned, block, operation);
            }

            return _memory.Release(returned, owned, block, operation);
        }
        catch (Exception failed) when (Never(failed))
        {
            throw;
        }
        finally
        {
            entered.Leave();
        }
    }

    private static bool Never(Exception e) => e is null;
}
