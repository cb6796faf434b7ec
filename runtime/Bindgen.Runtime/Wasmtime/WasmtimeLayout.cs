using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// The startup probe that proves, through Wasmtime's public API and its C API, every native layout and private
/// field the direct paths rely on (see remarks); nothing is assumed from a version number.
/// </summary>
/// <remarks>
/// <para>
/// It instantiates a two-function module in a store of its own. Inside a host call it asks the C API for the
/// instance's <c>memory</c> and <c>add</c> exports with <c>wasmtime_caller_export_get</c>, into a zeroed buffer
/// twice the size of the declared <c>wasmtime_extern_t</c>: the kinds must be at byte 0, nothing may be written past
/// 32 bytes, and the handles (store id and private words) are read at byte 8. Those handles are the truth the
/// managed objects are then searched for: the byte offset inside <see cref="Function"/> and <see cref="Memory"/>
/// objects where exactly that handle is stored. The memory handle found there must give, through
/// <c>wasmtime_memory_data</c>/<c>_size</c>, the base and length <see cref="Memory.GetPointer"/> and
/// <see cref="Memory.GetLength"/> give; the function handle found there, called through
/// <c>wasmtime_func_call_unchecked</c> with 16-byte raw values (an i32 and an i64 in, an i64 out), must compute the
/// sum. The store's native handle must be a <see cref="SafeHandle"/> whose store has the store's context.
/// </para>
/// <para>
/// Fields of types the runtime can name (<see cref="Store"/>, <see cref="IntPtr"/>, <see cref="object"/>) are read
/// with <see cref="UnsafeAccessorAttribute"/>; the handles, whose .NET types are internal to Wasmtime, at the
/// offsets found here. No <c>System.Reflection</c>, so this works alike under the JIT, trimmed and NativeAOT.
/// When any step fails (or <c>BINDGEN_DIRECT_PATHS=off</c>), <see cref="Proven"/> is false,
/// <see cref="Description"/> says why, and every direct path uses Wasmtime's public API instead.
/// </para>
/// </remarks>
internal static unsafe class WasmtimeLayout
{
    /// <summary>The environment variable that turns the direct paths off when set to <c>off</c>, <c>0</c> or <c>false</c>.</summary>
    internal const string Switch = "BINDGEN_DIRECT_PATHS";

    /// <summary><c>sizeof(wasmtime_extern_t)</c> as the direct paths declare it.</summary>
    internal const int ExternSize = 32;

    /// <summary>Where the union starts in <c>wasmtime_extern_t</c>.</summary>
    internal const int ExternPayload = 8;

    private const byte FunctionKind = 0;
    private const byte MemoryKind = 3;

    private const string ProbeModule = """
        (module
          (import "probe" "callback" (func $callback))
          (memory (export "memory") 1)
          (func (export "run") (call $callback))
          (func (export "add") (param i32 i64) (result i64)
            (i64.add (i64.extend_i32_u (local.get 0)) (local.get 1)))
          (func (export "trap") unreachable))
        """;

    static WasmtimeLayout()
    {
        string? why;
        try
        {
            why = Environment.GetEnvironmentVariable(Switch)?.Trim().ToLowerInvariant() is "off" or "0" or "false"
                ? $"turned off by {Switch}"
                : Probe();
        }
        catch (Exception e)
        {
            // Whatever went wrong, the public API still works: never let the probe fail the program.
            why = $"{e.GetType().Name}: {e.Message}";
        }

        Proven = why is null;
        Description = Proven
            ? $"direct: calls into Wasmtime's native library (Wasmtime {WasmtimeVersion}, layouts proven at startup)"
            : $"public API: Wasmtime's .NET API (Wasmtime {WasmtimeVersion}; direct paths off: {why})";
        if (!Proven)
        {
            Library = IntPtr.Zero;
        }
    }

    /// <summary>Whether every layout the direct paths rely on was proven for this Wasmtime.</summary>
    internal static bool Proven { get; }

    /// <summary>Which path is in use, and why when it is not the direct one.</summary>
    internal static string Description { get; }

    /// <summary>The native library Wasmtime's own P/Invokes use; zero unless <see cref="Proven"/>.</summary>
    internal static IntPtr Library { get; private set; }

    /// <summary>Byte offset of the <c>wasmtime_func_t</c> inside a <see cref="Function"/>'s fields.</summary>
    internal static int FunctionHandleOffset { get; private set; }

    /// <summary>Byte offset of the <c>wasmtime_memory_t</c> inside a <see cref="Memory"/>'s fields.</summary>
    internal static int MemoryHandleOffset { get; private set; }

    /// <summary>Byte offset of the reference to the store's <see cref="SafeHandle"/> inside a <see cref="Store"/>'s fields.</summary>
    internal static int StoreHandleOffset { get; private set; }

    private static string WasmtimeVersion => typeof(Store).Assembly.GetName().Version?.ToString(3) ?? "?";

    /// <summary>A function of the native library, or zero when it is missing or the layouts are not proven.</summary>
    internal static IntPtr Export(string name) =>
        Library != IntPtr.Zero && NativeLibrary.TryGetExport(Library, name, out IntPtr address) ? address : IntPtr.Zero;

    /// <summary>The first byte of an object's fields.</summary>
    internal static ref byte Fields(object target) => ref Unsafe.As<RawObject>(target).Data;

    /// <summary>The store's native handle at the proven offset. Only valid while <see cref="Proven"/>.</summary>
    internal static SafeHandle StoreHandle(Store store) =>
        Unsafe.As<byte, object>(ref Unsafe.Add(ref Fields(store), StoreHandleOffset)) as SafeHandle
        ?? throw new InvalidOperationException("The store has no native handle where the probe found it.");

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "contextHandle")]
    internal static extern ref IntPtr StoreContext(Store store);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "data")]
    private static extern ref object? StoreData(Store store);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "store")]
    internal static extern ref Store FunctionStore(Function function);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_wrapperCache")]
    internal static extern ref object? FunctionWrapper(Function function);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "store")]
    internal static extern ref Store MemoryStore(Memory memory);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "handle")]
    internal static extern ref IntPtr CallerHandle(ref Caller caller);

    /// <summary>Wasmtime's own conversion of an owned <c>wasmtime_error_t*</c> into its exception.</summary>
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromOwnedError")]
    internal static extern WasmtimeException FromOwnedError(WasmtimeException? target, IntPtr error);

    /// <summary>Wasmtime's own conversion of an owned <c>wasm_trap_t*</c> into its exception.</summary>
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromOwnedTrap")]
    internal static extern TrapException FromOwnedTrap(TrapException? target, IntPtr trap, bool delete);

    /// <summary>Runs the probe; null when every layout is proven, otherwise what failed.</summary>
    private static string? Probe()
    {
        // The same resolution Wasmtime's own [DllImport("wasmtime")] makes, so the same loaded library.
        if (!NativeLibrary.TryLoad("wasmtime", typeof(Store).Assembly, null, out IntPtr library))
        {
            return "the native library 'wasmtime' could not be loaded";
        }

        Library = library;
        var exportGet = (delegate* unmanaged<IntPtr, byte*, nuint, byte*, byte>)Export("wasmtime_caller_export_get");
        var externDelete = (delegate* unmanaged<byte*, void>)Export("wasmtime_extern_delete");
        var storeContext = (delegate* unmanaged<IntPtr, IntPtr>)Export("wasmtime_store_context");
        var data = (delegate* unmanaged<IntPtr, byte*, byte*>)Export("wasmtime_memory_data");
        var dataSize = (delegate* unmanaged<IntPtr, byte*, nuint>)Export("wasmtime_memory_data_size");
        var call = (delegate* unmanaged<IntPtr, byte*, ulong*, nuint, IntPtr*, IntPtr>)Export("wasmtime_func_call_unchecked");
        if (exportGet == null || externDelete == null || storeContext == null || data == null || dataSize == null || call == null)
        {
            return "a function of the C API is missing from the native library";
        }

        using var engine = new Engine();
        using var module = Module.FromText(engine, "bindgen-layout-probe", ProbeModule);
        using var linker = new Linker(engine);
        using var store = new Store(engine);
        byte[] memoryExtern = new byte[2 * ExternSize];
        byte[] functionExtern = new byte[2 * ExternSize];
        string? inCallback = "the probe's host function was not called";
        linker.DefineFunction("probe", "callback", (Caller caller) =>
        {
            IntPtr handle = CallerHandle(ref caller);
            inCallback = Find(handle, "memory", memoryExtern, MemoryKind) ?? Find(handle, "add", functionExtern, FunctionKind);
        });
        Instance instance = linker.Instantiate(store, module);
        instance.GetAction("run")!.Invoke();
        if (inCallback is not null)
        {
            return inCallback;
        }

        IntPtr context = StoreContext(store);
        Memory memory = instance.GetMemory("memory")!;
        Function add = instance.GetFunction("add")!;
        if (context == IntPtr.Zero || !ReferenceEquals(FunctionStore(add), store) || !ReferenceEquals(MemoryStore(memory), store))
        {
            return "the store fields of Store, Function or Memory are not what the direct paths read";
        }

        // The store's handle: a reference stored before the context pointer (fields holding references are laid out
        // before all others), and the only SafeHandle there.
        int contextOffset = ByteOffset(store, ref Unsafe.As<IntPtr, byte>(ref StoreContext(store)));
        int dataOffset = ByteOffset(store, ref Unsafe.As<object?, byte>(ref StoreData(store)));
        int handleOffset = -1;
        for (int offset = 0; offset < contextOffset; offset += IntPtr.Size)
        {
            if (offset != dataOffset && Unsafe.As<byte, object?>(ref Unsafe.Add(ref Fields(store), offset)) is SafeHandle)
            {
                if (handleOffset >= 0)
                {
                    return "the store holds more than one native handle";
                }

                handleOffset = offset;
            }
        }

        if (handleOffset < 0)
        {
            return "the store's native handle was not found";
        }

        StoreHandleOffset = handleOffset;
        SafeHandle storeHandle = StoreHandle(store);
        if (storeContext(storeHandle.DangerousGetHandle()) != context)
        {
            return "the store's native handle does not have the store's context";
        }

        // wasmtime_func_t: a store id and a private word; wasmtime_memory_t: a store id and two 32-bit words at 8 and 16.
        FunctionHandleOffset = Locate(add, 48, functionExtern, 16, [(0, 8), (8, 8)]);
        MemoryHandleOffset = Locate(memory, 64, memoryExtern, 24, [(0, 8), (8, 4), (16, 4)]);
        if (FunctionHandleOffset < 0 || MemoryHandleOffset < 0)
        {
            return "the function or memory handle was not found exactly once in its object";
        }

        byte* memoryHandle = stackalloc byte[24];
        Unsafe.CopyBlockUnaligned(ref *memoryHandle, ref Unsafe.Add(ref Fields(memory), MemoryHandleOffset), 24);
        if ((IntPtr)data(context, memoryHandle) != memory.GetPointer() || (long)dataSize(context, memoryHandle) != memory.GetLength())
        {
            return "the memory handle does not give the memory's base and length";
        }

        // Raw values of 16 bytes, numbers in the low 8: with another size the i64 argument would be read elsewhere.
        byte* functionHandle = stackalloc byte[16];
        Unsafe.CopyBlockUnaligned(ref *functionHandle, ref Unsafe.Add(ref Fields(add), FunctionHandleOffset), 16);
        ulong* raw = stackalloc ulong[8];
        raw[0] = 0xFFFF_FFFFu; // i32 -1, zero-extended as Wasmtime writes it
        raw[1] = 0;
        raw[2] = 1UL << 40;
        raw[3] = 0;
        IntPtr trap;
        IntPtr error = call(context, functionHandle, raw, 2, &trap);
        GC.KeepAlive(store);
        if (error != IntPtr.Zero || trap != IntPtr.Zero || raw[0] != 0xFFFF_FFFFu + (1UL << 40))
        {
            return "a call with 16-byte raw values did not compute the expected result";
        }

        // A trap comes back as Wasmtime's own exception, with its code, through the conversion the direct calls use.
        Function trapping = instance.GetFunction("trap")!;
        Unsafe.CopyBlockUnaligned(ref *functionHandle, ref Unsafe.Add(ref Fields(trapping), FunctionHandleOffset), 16);
        error = call(context, functionHandle, raw, 0, &trap);
        GC.KeepAlive(store);
        if (error != IntPtr.Zero || trap == IntPtr.Zero || FromOwnedTrap(null, trap, true).Type != TrapCode.Unreachable)
        {
            return "a trap did not come back as Wasmtime's TrapException";
        }

        return null;

        string? Find(IntPtr caller, string name, byte[] item, byte kind)
        {
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(name);
            fixed (byte* bytes = utf8)
            fixed (byte* extern_ = item)
            {
                if (exportGet(caller, bytes, (nuint)utf8.Length, extern_) == 0)
                {
                    return $"wasmtime_caller_export_get did not find '{name}'";
                }

                bool wrote = Array.IndexOf(item, (byte)0, ExternSize) == ExternSize && Array.TrueForAll(item[ExternSize..], b => b == 0);
                byte found = item[0];
                externDelete(extern_);
                return found != kind ? $"'{name}' has kind {found} at byte 0, not {kind}"
                    : !wrote ? "wasmtime_caller_export_get wrote past the declared size of wasmtime_extern_t"
                    : null;
            }
        }
    }

    /// <summary>
    /// The one 8-aligned offset, in the first <paramref name="window"/> bytes of <paramref name="target"/>'s fields, where every
    /// (offset, length) field of the handle in <paramref name="item"/> (after the extern's kind) is stored; -1 when
    /// none or several.
    /// </summary>
    private static int Locate(object target, int window, byte[] item, int size, (int Offset, int Length)[] fields)
    {
        int found = -1;
        for (int offset = 0; offset + size <= window; offset += 8)
        {
            bool same = true;
            foreach ((int at, int length) in fields)
            {
                var stored = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref Fields(target), offset + at), length);
                same &= stored.SequenceEqual(item.AsSpan(ExternPayload + at, length));
            }

            if (same)
            {
                if (found >= 0)
                {
                    return -1;
                }

                found = offset;
            }
        }

        return found;
    }

    private static int ByteOffset(object target, ref byte field) => (int)Unsafe.ByteOffset(ref Fields(target), ref field);

    /// <summary>Any object seen as its first byte of fields (the layout every .NET runtime gives a class's fields).</summary>
    private sealed class RawObject
    {
        public byte Data;
    }
}
