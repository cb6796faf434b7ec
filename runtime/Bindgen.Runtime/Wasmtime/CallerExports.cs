using System;
using System.Runtime.InteropServices;
using System.Text;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Which memory the instance calling a host import exports under a name, as Wasmtime's C API identifies it, found
/// with one call of <c>wasmtime_caller_export_get</c> into the native library Wasmtime itself loaded. It exists
/// because <see cref="Caller.GetMemory(string)"/> costs more than the lookup: it encodes the name on every call and
/// maps the answer to its <see cref="Memory"/> object through a concurrent dictionary, while a cache of the
/// caller's guest memory only needs to know whether the memory is the one it saw before. The lookup is called without
/// an ordinary P/Invoke: the lookup hashes the name and, for a shared memory, allocates, so it is not one of the
/// trivially short calls that may skip the GC transition.
/// </summary>
/// <remarks>
/// It reads the private handle of <see cref="Caller"/> and declares the C API's <c>wasmtime_extern_t</c> itself, so
/// it is used only where <see cref="WasmtimeLayout"/> proved both (the kind at byte 0, the memory handle at byte 8,
/// 32 bytes in all). Anywhere else <see cref="Available"/> is false and callers use
/// <see cref="Caller.GetMemory(string)"/>.
/// </remarks>
internal static unsafe class CallerExports
{
    /// <summary><c>WASMTIME_EXTERN_MEMORY</c>.</summary>
    private const byte MemoryKind = 3;

    private static readonly delegate* unmanaged<IntPtr, byte*, nuint, RawExtern*, byte> ExportGet =
        (delegate* unmanaged<IntPtr, byte*, nuint, RawExtern*, byte>)WasmtimeInternals.Export("wasmtime_caller_export_get");

    private static readonly delegate* unmanaged<RawExtern*, void> ExternDelete =
        (delegate* unmanaged<RawExtern*, void>)WasmtimeInternals.Export("wasmtime_extern_delete");

    /// <summary>Whether <see cref="TryFindMemory"/> can be used with this Wasmtime.</summary>
    internal static bool Available => ExportGet != null && ExternDelete != null;

    /// <summary>A name as the C API takes it: UTF-8 bytes, encoded once.</summary>
    internal static byte[] Name(string name) => Encoding.UTF8.GetBytes(name);

    /// <summary>
    /// The identity of the memory the caller exports as <paramref name="name"/>; false when it exports no memory by
    /// that name (the caller then reports the missing export through <see cref="Caller.GetMemory(string)"/>).
    /// Only valid while <see cref="Available"/>.
    /// </summary>
    internal static bool TryFindMemory(ref Caller caller, byte[] name, out MemoryIdentity memory)
    {
        RawExtern item;
        byte found;
        fixed (byte* bytes = name)
        {
            found = ExportGet(WasmtimeLayout.CallerHandle(ref caller), bytes, (nuint)name.Length, &item);
        }

        if (found == 0)
        {
            memory = default;
            return false;
        }

        if (item.Kind != MemoryKind)
        {
            // Only a shared memory owns something, but the C API asks every extern it returned to be deleted.
            ExternDelete(&item);
            memory = default;
            return false;
        }

        memory = new MemoryIdentity(item.Store, item.Private1, item.Private2);
        return true;
    }

    /// <summary>The identity of <paramref name="memory"/> as <see cref="TryFindMemory"/> reports it. Only valid while <see cref="Available"/>.</summary>
    internal static MemoryIdentity IdentityOf(Memory memory)
    {
        // wasmtime_memory_t: a store id, then two private 32-bit fields, each 8-aligned (the probe proved the place).
        RawMemory raw = WasmtimeInternals.Handle<RawMemory>(memory, WasmtimeLayout.MemoryHandleOffset);
        return new MemoryIdentity(raw.Store, raw.Private1, raw.Private2);
    }

    [StructLayout(LayoutKind.Explicit, Size = 24)]
    private struct RawMemory
    {
        [FieldOffset(0)]
        public ulong Store;

        [FieldOffset(8)]
        public uint Private1;

        [FieldOffset(16)]
        public uint Private2;
    }

    /// <summary>
    /// <c>wasmtime_extern_t</c> of the C API: a kind byte, then (8-aligned) the union, whose memory member is
    /// <c>wasmtime_memory_t</c> (a store id, then two private 32-bit fields, each 8-aligned); proven by the probe.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    private struct RawExtern
    {
        [FieldOffset(0)]
        public byte Kind;

        [FieldOffset(8)]
        public ulong Store;

        [FieldOffset(16)]
        public uint Private1;

        [FieldOffset(24)]
        public uint Private2;
    }
}

/// <summary>
/// One memory of one store as Wasmtime's C API names it. Store ids are never reused within a process, so equal
/// identities are the same memory, and a memory of a disposed store is never mistaken for one of a new store.
/// </summary>
internal readonly record struct MemoryIdentity(ulong Store, uint Private1, uint Private2);
