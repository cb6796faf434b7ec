using System.Runtime.CompilerServices;

namespace Bindgen;

/// <summary>
/// Checks, when a binding is created, that .NET lays a struct out the way the generator computed clang's wasm32
/// layout for it. They agree for the sequential structs the generator accepts; this catches the exceptions (a
/// 32-bit host that aligns 8-byte fields to 4) before a single byte is copied.
/// </summary>
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

/// <summary>A struct's .NET layout differs from its wasm32 C layout on this host, so it cannot be copied as bytes.</summary>
public sealed class StructLayoutException : BindgenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="binding">The binding that passes the struct.</param>
    /// <param name="type">The struct's name.</param>
    /// <param name="cSize">Its size in wasm32 C.</param>
    /// <param name="clrSize">Its size in .NET on this host.</param>
    public StructLayoutException(string binding, string type, int cSize, int clrSize)
        : base($"{binding}: struct {type} is {clrSize} bytes in .NET on this host but {cSize} bytes in wasm32 C, so it cannot be passed as bytes.")
    {
        Type = type;
    }

    /// <summary>The struct's name.</summary>
    public string Type { get; }
}
