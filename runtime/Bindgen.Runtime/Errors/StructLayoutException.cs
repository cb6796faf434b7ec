namespace Bindgen;

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
