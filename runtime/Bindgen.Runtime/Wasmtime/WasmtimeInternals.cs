using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// What the runtime's direct paths into Wasmtime's native library need from Wasmtime's .NET objects: the library it
/// loaded, a store's native context and handle, the C API handles inside <see cref="Function"/> and
/// <see cref="Memory"/>. Each is read where <see cref="WasmtimeLayout"/> proved it is; when the probe did not pass,
/// <see cref="Usable"/> is false and every direct path uses Wasmtime's public API.
/// </summary>
internal static class WasmtimeInternals
{
    /// <summary>Whether the layouts the direct paths rely on are proven for this Wasmtime.</summary>
    internal static bool Usable => WasmtimeLayout.Proven;

    /// <summary>A function of the native library, or zero when it is missing or the library is not usable.</summary>
    internal static IntPtr Export(string name) => WasmtimeLayout.Export(name);

    /// <summary>The C API handle stored in <paramref name="owner"/> at the proven <paramref name="offset"/>.</summary>
    internal static T Handle<T>(object owner, int offset)
        where T : unmanaged =>
        Unsafe.ReadUnaligned<T>(ref Unsafe.Add(ref WasmtimeLayout.Fields(owner), offset));

    /// <summary>The native context of <paramref name="store"/>, checked for disposal on every use.</summary>
    internal static StoreContext ContextOf(Store store) =>
        new(store, WasmtimeLayout.StoreHandle(store), WasmtimeLayout.StoreContext(store));

    /// <summary>A store's native context, refused once the store is disposed, as Wasmtime refuses it.</summary>
    internal sealed class StoreContext
    {
        private readonly SafeHandle _handle;
        private readonly IntPtr _context;

        internal StoreContext(Store store, SafeHandle handle, IntPtr context)
        {
            Store = store;
            _handle = handle;
            _context = context;
        }

        /// <summary>The store, to keep alive across native calls that use its context.</summary>
        internal Store Store { get; }

        /// <summary>The store's handle, closed once the store is disposed (for a caller that checks it itself).</summary>
        internal SafeHandle SafeHandle => _handle;

        /// <summary>The context pointer, unchecked: valid while <see cref="SafeHandle"/> is open.</summary>
        internal IntPtr Context => _context;

        /// <summary>The context pointer.</summary>
        /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
        /// <remarks>Inlined with the throw out of line: NativeAOT, without the JIT's profile, left it a call.</remarks>
        internal IntPtr Handle
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get
            {
                if (_handle.IsClosed)
                {
                    ThrowStoreDisposed();
                }

                return _context;
            }
        }
    }

    /// <summary>Refuses a disposed store's context, as Wasmtime refuses it; out of line, so its callers inline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowStoreDisposed() => throw new ObjectDisposedException(typeof(Store).FullName);
}
