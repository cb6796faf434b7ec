using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen;

// The guest's free(i32) on the release path of a call (GuestMemory.Release): called directly, its failure returned
// instead of thrown. Through the allocator it was a virtual call, a delegate, the delegate's target and its call, each
// a frame of its own under NativeAOT (docs/benchmarks.md, "The release path"); the release collects failures anyway.
internal static unsafe partial class DirectExportCalls
{
    /// <summary>The direct <c>free</c> behind <paramref name="free"/>, when it is one of this class's delegates; else null.</summary>
    internal static GuestFree? FreeOf(Action<int> free) => free.Target is Export export ? new GuestFree(export) : null;

    /// <summary>A guest's <c>free(i32)</c>, called directly; what it needs is held in its own fields.</summary>
    internal sealed class GuestFree
    {
        private readonly delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr> _call;
        private readonly SafeHandle _storeHandle;
        private readonly IntPtr _context;
        private readonly Store _store;
        private readonly FuncHandle _function;

        internal GuestFree(Export export)
        {
            (_store, _storeHandle, _context, _function) = export.Parts;
            _call = (delegate* unmanaged<IntPtr, FuncHandle*, RawValue*, nuint, IntPtr*, IntPtr>)WasmtimeInternals.Export("wasmtime_func_call_unchecked");
        }

        /// <summary>
        /// Frees <paramref name="address"/>; returns the failure, converted as <see cref="GuestMemory.Free"/> converts
        /// it (a disposed store, or the guest's trap naming <paramref name="operation"/>), or null.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal Exception? Free(int address, string operation)
        {
            if (_storeHandle.IsClosed)
            {
                return Disposed();
            }

            RawValue value = Export.Raw(address);
            FuncHandle function = _function;
            IntPtr trap;
            IntPtr error = _call(_context, &function, &value, 1, &trap);
            // The store owns the context: it must outlive the call (as Wasmtime's own call keeps it).
            GC.KeepAlive(_store);
            return error != IntPtr.Zero || trap != IntPtr.Zero ? Failed(error, trap, operation) : null;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Exception Disposed() => new ObjectDisposedException(typeof(Store).FullName);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Exception Failed(IntPtr error, IntPtr trap, string operation) =>
            GuestFailures.FromWasmtime(operation, error != IntPtr.Zero
                ? WasmtimeLayout.FromOwnedError(null, error)
                : WasmtimeLayout.FromOwnedTrap(null, trap, true));
    }
}
