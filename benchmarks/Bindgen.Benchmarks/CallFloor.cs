using System;
using BindingFlags = System.Reflection.BindingFlags;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// A diagnostic, not a variant a user would write: <c>add</c> called with one direct call of
/// <c>wasmtime_func_call_unchecked</c> into the native library Wasmtime loaded, written out by hand for this one
/// signature: the floor under Wasmtime's typed delegate and under the generated binding's direct call (which goes
/// through a delegate of the typed delegate's type and checks that the store is not disposed). It keeps Wasmtime's
/// error and trap conversions, reached through its internals (docs/benchmarks.md, "The call path").
/// </summary>
public sealed unsafe class CallFloor : IDisposable
{
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly IntPtr _context;
    // wasmtime_func_t: a store id and a private word.
    private readonly ulong _addStore;
    private readonly ulong _addPrivate;
    private readonly delegate* unmanaged<IntPtr, ulong*, ulong*, nuint, IntPtr*, IntPtr> _call;

    /// <summary>Instantiates bench.wasm in its own store and resolves <c>add</c> down to the C API's handle.</summary>
    public CallFloor(Engine engine, Module module, IBenchHost host)
    {
        _store = new Store(engine);
        _linker = new Linker(engine);
        var import = new HandWrittenDescribeImport(host);
        import.Define(_linker);
        Instance instance = _linker.Instantiate(_store, module);
        import.Attach(instance);
        Function add = instance.GetFunction("add") ?? throw new InvalidOperationException("add");

        const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
        _context = (IntPtr)(typeof(Store).GetField("contextHandle", Private)?.GetValue(_store)
            ?? throw new InvalidOperationException("this Wasmtime's Store has no contextHandle"));
        object func = typeof(Function).GetField("func", Private)?.GetValue(add)
            ?? throw new InvalidOperationException("this Wasmtime's Function has no func");
        // The boxed struct's own bytes (no marshalling, so the same ahead-of-time compiled).
        ref byte handle = ref Unsafe.As<Box>(func).Payload;
        _addStore = Unsafe.ReadUnaligned<ulong>(ref handle);
        _addPrivate = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref handle, sizeof(ulong)));

        if (!NativeLibrary.TryLoad("wasmtime", typeof(Engine).Assembly, null, out IntPtr library)
            || !NativeLibrary.TryGetExport(library, "wasmtime_func_call_unchecked", out IntPtr call))
        {
            throw new InvalidOperationException("wasmtime_func_call_unchecked not found");
        }

        _call = (delegate* unmanaged<IntPtr, ulong*, ulong*, nuint, IntPtr*, IntPtr>)call;
        _gate = Internals.StoreGate.For(_store, instance);
    }

    private readonly Internals.StoreGate _gate;

    /// <summary>
    /// The direct call inside the generated methods' thread check (<see cref="Internals.StoreGate"/>): with
    /// <see cref="Add"/> and the generated binding, it splits the gap between the floor and the binding into the
    /// check and the rest (the delegate, the store's disposal check, the catch).
    /// </summary>
    public int AddInsideGate(int a, int b)
    {
        Internals.StoreGate.Holder entered = _gate.Enter("CallFloor");
        try
        {
            return Add(a, b);
        }
        finally
        {
            entered.Leave();
        }
    }

    /// <summary>
    /// The direct call inside the generated methods' whole entry, <see cref="Internals.StoreGate.Call"/>: the thread
    /// check and the check whether anyone listens to telemetry, without the generated method's delegate and catch.
    /// </summary>
    public int AddInsideCall(int a, int b)
    {
        Internals.StoreCall entered = _gate.Call("CallFloor", "Add", "add");
        try
        {
            return Add(a, b);
        }
        finally
        {
            entered.Leave();
        }
    }

    /// <summary><c>add</c> through the direct call.</summary>
    public int Add(int a, int b)
    {
        // Two wasmtime_val_raw_t of 16 bytes; an i32 zero-extended into the low 8, as Wasmtime's own converter writes it.
        ulong* values = stackalloc ulong[4];
        values[0] = unchecked((uint)a);
        values[2] = unchecked((uint)b);
        IntPtr trap;
        ulong* add = stackalloc ulong[2];
        add[0] = _addStore;
        add[1] = _addPrivate;
        IntPtr error = _call(_context, add, values, 2, &trap);
        GC.KeepAlive(_store);
        if (error != IntPtr.Zero)
        {
            throw FromOwnedError(null, error);
        }

        if (trap != IntPtr.Zero)
        {
            throw FromOwnedTrap(null, trap, true);
        }

        return unchecked((int)values[0]);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _linker.Dispose();
        _store.Dispose();
    }

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromOwnedError")]
    private static extern WasmtimeException FromOwnedError(WasmtimeException? target, IntPtr error);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromOwnedTrap")]
    private static extern TrapException FromOwnedTrap(TrapException? target, IntPtr trap, bool delete);

    /// <summary>A boxed value seen as its first byte.</summary>
    private sealed class Box
    {
        public byte Payload;
    }
}
