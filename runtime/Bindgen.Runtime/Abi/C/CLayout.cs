using System.Runtime.CompilerServices;

namespace Bindgen.Internals;

/// <summary>
/// Checks, when a binding is created, that .NET lays a struct out the way the generator computed clang's wasm32
/// layout for it. They agree for the sequential structs the generator accepts; this catches the exceptions (a
/// 32-bit host that aligns 8-byte fields to 4) before a single byte is copied.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CLayout
{
    /// <summary>Throws <see cref="StructLayoutException"/> unless <typeparamref name="T"/> is <paramref name="size"/> bytes.</summary>
    /// <param name="size">The struct's size in wasm32 C.</param>
    /// <param name="binding">The binding, named in the error.</param>
    public static void Check<T>(int size, string binding)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() != size)
        {
            throw new StructLayoutException(binding, typeof(T).FullName ?? typeof(T).Name, size, Unsafe.SizeOf<T>());
        }
    }
}
