using System;
using System.Text;

namespace Bindgen.Integration.Tests;

/// <summary>Host-side computations that guest results are checked against.</summary>
internal static class HostReference
{
    /// <summary>32-bit FNV-1a, as the guests compute it.</summary>
    public static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        uint hash = 2166136261;
        foreach (byte b in data)
        {
            hash = unchecked((hash ^ b) * 16777619);
        }

        return hash;
    }

    /// <summary>ASCII letters upper-cased in the UTF-8 bytes, every other byte unchanged, as the guests' to_upper does.</summary>
    public static string AsciiUpper(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is >= (byte)'a' and <= (byte)'z')
            {
                bytes[i] -= 32;
            }
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
