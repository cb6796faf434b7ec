using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// A memory's base and length read with one call each of <c>wasmtime_memory_data</c> and
/// <c>wasmtime_memory_data_size</c> into the native library Wasmtime loaded, without the transition to preemptive
/// mode an ordinary P/Invoke makes (<see cref="SuppressGCTransitionAttribute"/>). Both functions only read the
/// store's memory table: they neither block nor call back into .NET, which is what that transition exists for. Every
/// view of guest memory starts with one of them, so they are the glue's most frequent calls into Wasmtime.
/// </summary>
/// <remarks>
/// Used only where <see cref="WasmtimeLayout"/> proved the memory handle's place and contents; otherwise
/// <see cref="For"/> returns null and
/// <see cref="GuestMemory"/> uses <see cref="Memory.GetPointer"/> and <see cref="Memory.GetLength"/>. A disposed store
/// is refused with <see cref="ObjectDisposedException"/>, as Wasmtime refuses it.
/// </remarks>
internal sealed unsafe class DirectMemoryAccess
{
    private static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, MemoryHandle*, byte*> Data =
        (delegate* unmanaged[SuppressGCTransition]<IntPtr, MemoryHandle*, byte*>)WasmtimeInternals.Export("wasmtime_memory_data");

    private static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, MemoryHandle*, nuint> DataSize =
        (delegate* unmanaged[SuppressGCTransition]<IntPtr, MemoryHandle*, nuint>)WasmtimeInternals.Export("wasmtime_memory_data_size");

    // What a read needs, in this object's own fields: under NativeAOT a read of the static pointers above checks the
    // class's initialization first, and reaching the store's handle through its StoreContext is one more load.
    private readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, MemoryHandle*, byte*> _data;
    private readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, MemoryHandle*, nuint> _dataSize;
    private readonly SafeHandle _storeHandle;
    private readonly IntPtr _context;
    private readonly Store _store;
    private readonly MemoryHandle _memory;

    private DirectMemoryAccess(Memory memory)
    {
        WasmtimeInternals.StoreContext store = WasmtimeInternals.ContextOf(WasmtimeLayout.MemoryStore(memory));
        _store = store.Store;
        _storeHandle = store.SafeHandle;
        _context = store.Context;
        _memory = WasmtimeInternals.Handle<MemoryHandle>(memory, WasmtimeLayout.MemoryHandleOffset);
        _data = Data;
        _dataSize = DataSize;
    }

    /// <summary>Direct access to <paramref name="memory"/>, or null when this Wasmtime does not allow it.</summary>
    internal static DirectMemoryAccess? For(Memory memory) =>
        Data == null || DataSize == null ? null : new DirectMemoryAccess(memory);

    /// <summary>The memory's base address now.</summary>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // every view starts here; NativeAOT left it a call
    internal nint Base()
    {
        IntPtr context = Context();
        MemoryHandle memory = _memory;
        byte* data = _data(context, &memory);
        GC.KeepAlive(_store);
        return (nint)data;
    }

    /// <summary>The memory's length in bytes now.</summary>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // every view starts here; NativeAOT left it a call
    internal long Length()
    {
        IntPtr context = Context();
        MemoryHandle memory = _memory;
        nuint size = _dataSize(context, &memory);
        GC.KeepAlive(_store);
        return checked((long)size);
    }

    /// <summary>The store's context, refused once the store is disposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IntPtr Context()
    {
        if (_storeHandle.IsClosed)
        {
            WasmtimeInternals.ThrowStoreDisposed();
        }

        return _context;
    }

    /// <summary>The C API's <c>wasmtime_memory_t</c>: a store id and two private words, 24 bytes with padding.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 24)]
    private struct MemoryHandle
    {
        public ulong Store;
        public ulong Private1;
        public ulong Private2;
    }
}
