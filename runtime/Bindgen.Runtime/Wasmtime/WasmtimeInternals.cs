using System;
using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// What the runtime's direct paths into Wasmtime's native library need from Wasmtime's .NET assembly: the library
/// it loaded, and private fields of its objects. Everything here is checked once against the expected shape; when
/// anything differs, <see cref="Usable"/> is false and every direct path falls back to Wasmtime's public API.
/// </summary>
internal static class WasmtimeInternals
{
    /// <summary>The major version of Wasmtime's .NET assembly whose layouts the direct paths were written against.</summary>
    internal const int SupportedMajorVersion = 50;

    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;

    private static readonly IntPtr Library;
    private static readonly FieldInfo? StoreContextField;
    private static readonly FieldInfo? StoreHandleField;

    static WasmtimeInternals()
    {
        Assembly wasmtime = typeof(Store).Assembly;
        FieldInfo? context = typeof(Store).GetField("contextHandle", Private);
        FieldInfo? handle = typeof(Store).GetField("handle", Private);
        if (wasmtime.GetName().Version?.Major != SupportedMajorVersion
            || context?.FieldType != typeof(IntPtr)
            || handle is null || !typeof(SafeHandle).IsAssignableFrom(handle.FieldType)
            // The same resolution Wasmtime's own [DllImport("wasmtime")] makes, so the same loaded library.
            || !NativeLibrary.TryLoad("wasmtime", wasmtime, null, out IntPtr library))
        {
            return;
        }

        StoreContextField = context;
        StoreHandleField = handle;
        Library = library;
    }

    /// <summary>Whether this Wasmtime is the one the direct paths were written against.</summary>
    internal static bool Usable => Library != IntPtr.Zero;

    /// <summary>A function of the native library, or zero when it is missing or the library is not usable.</summary>
    internal static IntPtr Export(string name) =>
        Usable && NativeLibrary.TryGetExport(Library, name, out IntPtr address) ? address : IntPtr.Zero;

    /// <summary>A private instance field of a Wasmtime type, or null when it is missing or has another type.</summary>
    internal static FieldInfo? Field(Type type, string name, Func<Type, bool> expected) =>
        type.GetField(name, Private) is { } field && expected(field.FieldType) ? field : null;

    /// <summary>A value-type field's bytes copied into <paramref name="destination"/>, which must be its size.</summary>
    internal static unsafe void CopyStruct(FieldInfo field, object owner, void* destination, int size)
    {
        if (Marshal.SizeOf(field.FieldType) != size)
        {
            throw new InvalidOperationException($"{field.DeclaringType}.{field.Name} is not {size} bytes.");
        }

        Marshal.StructureToPtr(field.GetValue(owner)!, (IntPtr)destination, fDeleteOld: false);
    }

    /// <summary>The native context of <paramref name="store"/>, checked for disposal on every use.</summary>
    internal static StoreContext ContextOf(Store store) =>
        new(store, (SafeHandle)StoreHandleField!.GetValue(store)!, (IntPtr)StoreContextField!.GetValue(store)!);

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

        /// <summary>The context pointer.</summary>
        /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
        internal IntPtr Handle => _handle.IsClosed ? throw new ObjectDisposedException(typeof(Store).FullName) : _context;
    }
}
