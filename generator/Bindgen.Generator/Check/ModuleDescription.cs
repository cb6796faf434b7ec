using System;
using System.Collections.Generic;
using System.Text;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Check;

/// <summary>An import or export of a described module: kind (<c>function</c>, <c>memory</c>, ...), names, and a function's signature or a memory's limits.</summary>
/// <param name="Kind">The kind of the item.</param>
/// <param name="Module">The import module name; null for an export.</param>
/// <param name="Name">The import or export name.</param>
/// <param name="Detail">A function's signature (<c>(i32) -&gt; i32</c>), a memory's or table's limits, a global's type.</param>
internal sealed record DescribedItem(string Kind, string? Module, string Name, string Detail);

/// <summary>
/// A module as the build described it (docs/module-description.md): what the generator knows of a
/// <c>&lt;BindgenModule&gt;</c> .wasm file. Plain data, so the pipeline caches it until the file changes.
/// </summary>
/// <param name="FileName">The module's file name, which [WasmModule(File = ...)] matches.</param>
/// <param name="Error">Why the description cannot be used (an unknown format version, a malformed line), or null.</param>
/// <param name="Imports">The module's imports.</param>
/// <param name="Exports">The module's exports.</param>
internal sealed record ModuleDescription(string FileName, string? Error, EquatableArray<DescribedItem> Imports, EquatableArray<DescribedItem> Exports)
{
    /// <summary>The first line's first field; the second field is the format's version.</summary>
    public const string Magic = "bindgen-module-description";

    /// <summary>The version of the format this generator reads.</summary>
    public const string Version = "1";

    /// <summary>The file extension the build gives descriptions (after the module's own name: <c>text_tools.wasm.bindgen</c>).</summary>
    public const string Extension = ".bindgen";

    /// <summary>Whether an additional file is a module description, by its name.</summary>
    public static bool IsDescription(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses a description. Never throws: a text that is not a description of this version yields one whose
    /// <see cref="Error"/> says why, named after the file.
    /// </summary>
    public static ModuleDescription Parse(string path, string? text)
    {
        string fileName = FileNameOf(path);
        if (text is null)
        {
            return Failed(fileName, "the description could not be read");
        }

        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        string[] header = lines[0].Split('\t');
        if (header.Length != 2 || header[0] != Magic)
        {
            return Failed(fileName, "the description does not start with '" + Magic + "'");
        }

        if (header[1] != Version)
        {
            return Failed(fileName, $"the description has format version {header[1]}, and this version of Bindgen reads version {Version}; use the same version of the Bindgen package for the build and the generator");
        }

        var imports = new List<DescribedItem>();
        var exports = new List<DescribedItem>();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split('\t');
            switch (fields[0])
            {
                case "file" when fields.Length == 2:
                    fileName = Unescape(fields[1]);
                    break;
                case "import" when fields.Length == 5:
                    imports.Add(new DescribedItem(fields[1], Unescape(fields[2]), Unescape(fields[3]), fields[4]));
                    break;
                case "export" when fields.Length == 4:
                    exports.Add(new DescribedItem(fields[1], null, Unescape(fields[2]), fields[3]));
                    break;
                case "import" or "export" or "file":
                    return Failed(fileName, $"line {i + 1} of the description has {fields.Length} fields");
                default:
                    // Records this version does not use (sha256, name, producer, memory) and empty lines; later
                    // versions may add records, which an older reader skips.
                    break;
            }
        }

        return new ModuleDescription(fileName, null, imports.ToEquatableArray(), exports.ToEquatableArray());
    }

    /// <summary>Undoes the build's escapes: <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\r</c> and <c>\uXXXX</c>.</summary>
    public static string Unescape(string value)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '\\' || i + 1 == value.Length)
            {
                result.Append(c);
                continue;
            }

            char next = value[++i];
            switch (next)
            {
                case 't': result.Append('\t'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 'u' when i + 4 < value.Length && int.TryParse(value.Substring(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out int code):
                    result.Append((char)code);
                    i += 4;
                    break;
                default: result.Append(next); break;
            }
        }

        return result.ToString();
    }

    private static ModuleDescription Failed(string fileName, string error) =>
        new(fileName, error, EquatableArray<DescribedItem>.Empty, EquatableArray<DescribedItem>.Empty);

    /// <summary><c>obj/Debug/bindgen/text_tools.wasm.bindgen</c> -&gt; <c>text_tools.wasm</c>, until the file line says otherwise.</summary>
    private static string FileNameOf(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        string name = path.Substring(slash + 1);
        return IsDescription(name) ? name.Substring(0, name.Length - Extension.Length) : name;
    }
}
