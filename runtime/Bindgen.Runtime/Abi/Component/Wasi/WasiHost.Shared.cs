using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// The host's functions made once per engine: each lowered WASI function and each <c>resource.drop</c> is defined in an
/// engine-wide <see cref="Linker"/> (Wasmtime then keeps one host function and its type for every store) and taken
/// into a store with <see cref="Linker.GetFunction"/>, which costs far less than a new <see cref="Function.FromCallback(Store, Function.UntypedCallbackDelegate, IReadOnlyList{ValueKind}, IReadOnlyList{ValueKind})"/>
/// per instance. Such a function finds its host through the caller's store: the first host made in a store owns it.
/// A second instance in the same store gets its own per-instance functions (closures over that host), so each
/// instance still sees only its own table.
/// </summary>
public sealed partial class WasiHost
{
    private const string SharedModule = "bindgen:wasi-host";

    /// <summary>The first host made in each store: the one the engine-wide functions call.</summary>
    private static readonly ConditionalWeakTable<Store, WasiHost> StoreHosts = new();

    /// <summary>The engine-wide definitions, by engine.</summary>
    private static readonly ConditionalWeakTable<Engine, SharedDefinitions> Shared = new();

    /// <summary>Whether this host owns its store's engine-wide functions (it was the first host made in the store).</summary>
    private readonly bool _ownsStore;

    /// <summary>The calls of this host's lowerings, by lowering number (each resolves its memory and realloc once).</summary>
    private readonly Dictionary<int, WasiCall> _calls = new();

    private static bool Claim(Store store, WasiHost host) => StoreHosts.TryAdd(store, host);

    private WasiCall CallOf(int lowering, string interfaceName, string operation, int memoryInstance, string? memoryName, int reallocInstance, string? reallocName)
    {
        if (!_calls.TryGetValue(lowering, out WasiCall? call))
        {
            call = NewCall(lowering, interfaceName, operation, memoryInstance, memoryName, reallocInstance, reallocName);
            _calls.Add(lowering, call);
        }

        return call;
    }

    /// <summary>Kept apart from <see cref="CallOf"/>, which runs on every call: the closure here would otherwise be allocated on each.</summary>
    private WasiCall NewCall(int lowering, string interfaceName, string operation, int memoryInstance, string? memoryName, int reallocInstance, string? reallocName) =>
        new(() => _component.LoweringGuest(lowering, memoryInstance, memoryName, reallocInstance, reallocName, interfaceName), operation);

    private static WasiHost HostOf(Caller caller, string operation) =>
        StoreHosts.TryGetValue(caller.Store, out WasiHost? host)
            ? host
            : throw new InvalidOperationException($"{operation}: no WASI host in the calling store");

    /// <summary>The engine-wide lowering function; its definition names the lowering and its options, so one definition serves every instance of one component.</summary>
    private Function SharedLowering(WasiFunction f, int lowering, string interfaceName, string operation, int memoryInstance, string? memoryName, int reallocInstance, string? reallocName)
    {
        string name = $"{operation}|{lowering}|{memoryInstance}|{memoryName}|{reallocInstance}|{reallocName}";
        SharedDefinitions definitions = Shared.GetValue(_component.Engine, static e => new SharedDefinitions(e));
        definitions.Ensure(name, () => (Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results) =>
        {
            WasiHost host = HostOf(caller, operation);
            f.Handler(host, host.CallOf(lowering, interfaceName, operation, memoryInstance, memoryName, reallocInstance, reallocName), arguments, results);
        }, f.Parameters, f.Results);
        return definitions.Get(_component.Store, name);
    }

    /// <summary>The engine-wide <c>resource.drop</c> function of one WASI resource.</summary>
    private Function SharedDrop(WasiKind kind, string operation)
    {
        SharedDefinitions definitions = Shared.GetValue(_component.Engine, static e => new SharedDefinitions(e));
        definitions.Ensure(operation, () => (Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> _) =>
            HostOf(caller, operation)._table.Drop(arguments[0].AsInt32(), kind, operation), I, None);
        return definitions.Get(_component.Store, operation);
    }

    /// <summary>One engine's linker of host functions, defined on first use.</summary>
    private sealed class SharedDefinitions
    {
        private readonly Linker _linker;
        private readonly HashSet<string> _defined = new(StringComparer.Ordinal);

        public SharedDefinitions(Engine engine) => _linker = new Linker(engine);

        public void Ensure(string name, Func<Function.UntypedCallbackDelegate> callback, ValueKind[] parameters, ValueKind[] results)
        {
            lock (_defined)
            {
                if (_defined.Add(name))
                {
                    _linker.DefineFunction(SharedModule, name, callback(), parameters, results);
                }
            }
        }

        public Function Get(Store store, string name)
        {
            lock (_defined)
            {
                return _linker.GetFunction(store, SharedModule, name)
                    ?? throw new InvalidOperationException($"Bindgen's WASI host lost its definition of '{name}'");
            }
        }
    }
}
