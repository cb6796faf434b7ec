using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bindgen.Build.Tasks;

/// <summary>
/// Writes the text description of a module that the generator reads (docs/module-description.md): one record per
/// line, fields separated by tabs, names escaped so that neither a tab nor a line break can appear in one.
/// </summary>
public static class ModuleDescription
{
    /// <summary>The first line of every description; the number is the format's version.</summary>
    public const string Header = "bindgen-module-description\t1";

    /// <summary>The file extension of a description, appended to the module's file name.</summary>
    public const string Extension = ".bindgen";

    /// <summary>The description of <paramref name="bytes"/>, the module named <paramref name="fileName"/>.</summary>
    /// <param name="fileName">The module's file name (no folder), which [WasmModule(File = ...)] matches.</param>
    /// <param name="bytes">The whole .wasm file.</param>
    /// <returns>The description's text, with <c>\n</c> line ends.</returns>
    /// <exception cref="WasmFormatException">The bytes are not a WebAssembly module.</exception>
    public static string Write(string fileName, byte[] bytes)
    {
        WasmModuleInfo info = WasmReader.Read(bytes);
        var text = new StringBuilder();
        Line(text, Header);
        Line(text, "file", Escape(fileName));

        // The content's hash: replacing the module changes the description, so the declarations are checked again.
        using (SHA256 sha = SHA256.Create())
        {
            var hex = new StringBuilder();
            foreach (byte b in sha.ComputeHash(bytes))
            {
                hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            Line(text, "sha256", hex.ToString());
        }

        if (info.Name is not null)
        {
            Line(text, "name", Escape(info.Name));
        }

        foreach ((string field, string name, string version) in info.Producers)
        {
            Line(text, "producer", Escape(field), Escape(name), Escape(version));
        }

        foreach (WasmItem import in info.Imports)
        {
            Line(text, "import", import.Kind, Escape(import.Module!), Escape(import.Name), import.Detail);
        }

        foreach (WasmItem export in info.Exports)
        {
            Line(text, "export", export.Kind, Escape(export.Name), export.Detail);
        }

        foreach (string memory in info.Memories)
        {
            Line(text, "memory", memory);
        }

        return text.ToString();
    }

    /// <summary>Backslash escapes for the backslash, tab, line feed and carriage return; <c>\uXXXX</c> for other control characters.</summary>
    public static string Escape(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': result.Append("\\\\"); break;
                case '\t': result.Append("\\t"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                default:
                    if (char.IsControl(c))
                    {
                        result.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString();
    }

    private static void Line(StringBuilder text, params string[] fields) => text.Append(string.Join("\t", fields)).Append('\n');
}
