using System;
using System.Collections.Generic;
using System.Text;

namespace Bindgen.Build.Tasks;

/// <summary>The module's structure is not what the WebAssembly binary format allows (or uses a form this reader does not know).</summary>
public sealed class WasmFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what was wrong and where.</summary>
    /// <param name="message">What was wrong, with the byte offset.</param>
    public WasmFormatException(string message)
        : base(message)
    {
    }
}

/// <summary>A function signature: wasm value type names such as <c>i32</c>.</summary>
/// <param name="Parameters">The parameter types, in order.</param>
/// <param name="Results">The result types, in order.</param>
public sealed record WasmFunctionType(IReadOnlyList<string> Parameters, IReadOnlyList<string> Results)
{
    /// <summary>The signature as Bindgen writes it everywhere: <c>(i32, i32) -&gt; i32</c>, <c>() -&gt; ()</c>.</summary>
    public string Text =>
        "(" + string.Join(", ", Parameters) + ") -> " + (Results.Count == 1 ? Results[0] : "(" + string.Join(", ", Results) + ")");
}

/// <summary>An import or export: its kind (<c>function</c>, <c>memory</c>, <c>table</c>, <c>global</c>, <c>tag</c>) and what describes it.</summary>
/// <param name="Module">The import module name; null for an export.</param>
/// <param name="Name">The import or export name.</param>
/// <param name="Kind">The kind of the item.</param>
/// <param name="Detail">A function's signature, a memory's or table's limits (<c>min max</c>, <c>-</c> for no maximum), a global's type.</param>
public sealed record WasmItem(string? Module, string Name, string Kind, string Detail);

/// <summary>What the build needs to know about a module: its imports, exports, defined memories, and custom sections.</summary>
public sealed class WasmModuleInfo
{
    /// <summary>The imports, in order.</summary>
    public List<WasmItem> Imports { get; } = new();

    /// <summary>The exports, in order.</summary>
    public List<WasmItem> Exports { get; } = new();

    /// <summary>The limits of each memory the module defines (not imports).</summary>
    public List<string> Memories { get; } = new();

    /// <summary>Whether the module has a start function (code that runs when it is instantiated).</summary>
    public bool HasStart { get; set; }

    /// <summary>The module's own name, from the custom <c>name</c> section, or null.</summary>
    public string? Name { get; set; }

    /// <summary>The custom <c>producers</c> section: (field, tool, version), for example (language, C11, "").</summary>
    public List<(string Field, string Name, string Version)> Producers { get; } = new();
}

/// <summary>
/// Reads the sections of a WebAssembly binary that describe its interface (type, import, function, memory,
/// export, and the custom name and producers sections); code and data are skipped by their section sizes.
/// Written here because the task runs inside MSBuild, where a dependency would have to be shipped and loaded
/// beside it, and the format needed is small and stable (WebAssembly core specification 1.0 and 2.0, section 5).
/// </summary>
public static class WasmReader
{
    private static readonly byte[] Magic = { 0x00, 0x61, 0x73, 0x6D };

    /// <summary>Reads a module's interface.</summary>
    /// <param name="bytes">The whole .wasm file.</param>
    /// <returns>Its imports, exports, memories and custom sections.</returns>
    /// <exception cref="WasmFormatException">The bytes are not a WebAssembly module this reader understands.</exception>
    public static WasmModuleInfo Read(byte[] bytes)
    {
        if (bytes.Length < 8 || bytes[0] != Magic[0] || bytes[1] != Magic[1] || bytes[2] != Magic[2] || bytes[3] != Magic[3])
        {
            throw new WasmFormatException("it does not start with the WebAssembly magic number (\\0asm)");
        }

        uint version = BitConverter.ToUInt32(bytes, 4);
        if (version != 1 && Components.ComponentParser.IsComponent(bytes))
        {
            throw new WasmFormatException($"its binary format version is {version}: it is a component, not a core module; bind it with a BindgenComponent item instead");
        }

        if (version != 1)
        {
            throw new WasmFormatException($"its binary format version is {version} (a component or a newer format); Bindgen reads core modules, version 1");
        }

        var info = new WasmModuleInfo();
        var types = new List<WasmFunctionType?>();
        var functionTypes = new List<uint>();
        var exports = new List<(string Name, byte Kind, uint Index)>();
        var reader = new Reader(bytes, 8, bytes.Length);
        while (!reader.AtEnd)
        {
            byte id = reader.Byte();
            uint size = reader.U32();
            int start = reader.Position;
            if (size > (uint)(bytes.Length - start))
            {
                throw new WasmFormatException($"section {id} at offset {start} is {size} bytes long, past the end of the file");
            }

            var section = new Reader(bytes, start, start + (int)size);
            switch (id)
            {
                case 0: ReadCustom(section, info); break;
                case 1: ReadTypes(section, types); break;
                case 2: ReadImports(section, info, types, functionTypes); break;
                case 3: ReadFunctions(section, functionTypes); break;
                case 5: ReadMemories(section, info); break;
                case 7: ReadExports(section, exports); break;
                case 8: info.HasStart = true; break;
            }

            reader.Position = start + (int)size;
        }

        foreach ((string name, byte kind, uint index) in exports)
        {
            string detail = kind switch
            {
                0 => index < functionTypes.Count ? Signature(types, functionTypes[(int)index]) : throw new WasmFormatException($"export '{name}' names function {index}, which does not exist"),
                2 => MemoryDetail(info, index),
                _ => string.Empty,
            };
            info.Exports.Add(new WasmItem(null, name, KindName(kind), detail));
        }

        return info;
    }

    private static void ReadCustom(Reader section, WasmModuleInfo info)
    {
        string name = section.Name();
        if (name == "name")
        {
            // Subsection 0 is the module name; the others (function and local names) are not needed.
            while (!section.AtEnd)
            {
                byte sub = section.Byte();
                uint length = section.U32();
                if (length > (uint)section.Remaining)
                {
                    throw new WasmFormatException($"the name subsection {sub} at offset {section.Position} is {length} bytes long, past the end of its section");
                }

                int end = section.Position + (int)length;
                if (sub == 0)
                {
                    info.Name = section.Name();
                }

                section.Position = end;
            }
        }
        else if (name == "producers")
        {
            uint fields = section.U32();
            for (uint f = 0; f < fields; f++)
            {
                string field = section.Name();
                uint values = section.U32();
                for (uint v = 0; v < values; v++)
                {
                    info.Producers.Add((field, section.Name(), section.Name()));
                }
            }
        }
    }

    private static void ReadTypes(Reader section, List<WasmFunctionType?> types)
    {
        uint count = section.U32();
        for (uint i = 0; i < count; i++)
        {
            byte form = section.Byte();
            if (form != 0x60)
            {
                // Recursive groups and subtypes (the GC proposal) would need a reader of their own.
                throw new WasmFormatException($"type {i} has form 0x{form:X2} at offset {section.Position - 1} (a GC-proposal type), which Bindgen does not read");
            }

            types.Add(new WasmFunctionType(ValueTypes(section), ValueTypes(section)));
        }
    }

    private static List<string> ValueTypes(Reader section)
    {
        uint count = section.U32();
        var list = new List<string>((int)Math.Min(count, 1024));
        for (uint i = 0; i < count; i++)
        {
            list.Add(ValueType(section));
        }

        return list;
    }

    private static string ValueType(Reader section)
    {
        byte code = section.Byte();
        switch (code)
        {
            case 0x7F: return "i32";
            case 0x7E: return "i64";
            case 0x7D: return "f32";
            case 0x7C: return "f64";
            case 0x7B: return "v128";
            case 0x70: return "funcref";
            case 0x6F: return "externref";
            case 0x64:
            case 0x63:
                section.S33(); // a typed reference's heap type
                return "ref";
            default: throw new WasmFormatException($"unknown value type 0x{code:X2} at offset {section.Position - 1}");
        }
    }

    private static void ReadImports(Reader section, WasmModuleInfo info, List<WasmFunctionType?> types, List<uint> functionTypes)
    {
        uint count = section.U32();
        for (uint i = 0; i < count; i++)
        {
            string module = section.Name();
            string name = section.Name();
            byte kind = section.Byte();
            string detail;
            switch (kind)
            {
                case 0:
                    uint type = section.U32();
                    functionTypes.Add(type);
                    detail = Signature(types, type);
                    break;
                case 1:
                    ValueType(section);
                    detail = Limits(section);
                    break;
                case 2:
                    detail = Limits(section);
                    break;
                case 3:
                    detail = ValueType(section) + (section.Byte() == 1 ? " mut" : string.Empty);
                    break;
                case 4:
                    section.Byte();
                    detail = Signature(types, section.U32());
                    break;
                default:
                    throw new WasmFormatException($"import '{module}.{name}' has unknown kind {kind}");
            }

            info.Imports.Add(new WasmItem(module, name, KindName(kind), detail));
        }
    }

    private static void ReadFunctions(Reader section, List<uint> functionTypes)
    {
        uint count = section.U32();
        for (uint i = 0; i < count; i++)
        {
            functionTypes.Add(section.U32());
        }
    }

    private static void ReadMemories(Reader section, WasmModuleInfo info)
    {
        uint count = section.U32();
        for (uint i = 0; i < count; i++)
        {
            info.Memories.Add(Limits(section));
        }
    }

    private static void ReadExports(Reader section, List<(string, byte, uint)> exports)
    {
        uint count = section.U32();
        for (uint i = 0; i < count; i++)
        {
            exports.Add((section.Name(), section.Byte(), section.U32()));
        }
    }

    /// <summary>Limits as <c>min max</c> in pages (or elements), <c>-</c> for no maximum; flags 0-7 cover shared and 64-bit memories.</summary>
    private static string Limits(Reader section)
    {
        byte flags = section.Byte();
        if (flags > 7)
        {
            throw new WasmFormatException($"unknown limits flags 0x{flags:X2} at offset {section.Position - 1}");
        }

        ulong min = section.U64();
        string max = (flags & 1) != 0 ? section.U64().ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
        return min.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + max;
    }

    private static string MemoryDetail(WasmModuleInfo info, uint index)
    {
        int imported = info.Imports.FindAll(i => i.Kind == "memory").Count;
        if (index < imported)
        {
            return info.Imports.FindAll(i => i.Kind == "memory")[(int)index].Detail;
        }

        return index - imported < info.Memories.Count ? info.Memories[(int)(index - imported)] : string.Empty;
    }

    private static string Signature(List<WasmFunctionType?> types, uint index) =>
        index < types.Count && types[(int)index] is { } type ? type.Text : throw new WasmFormatException($"a function refers to type {index}, which does not exist");

    private static string KindName(byte kind) => kind switch
    {
        0 => "function",
        1 => "table",
        2 => "memory",
        3 => "global",
        4 => "tag",
        _ => "unknown",
    };

    /// <summary>A bounded cursor over the bytes: every read past its end is a format error, never an exception of another type.</summary>
    private sealed class Reader
    {
        private readonly byte[] _bytes;
        private readonly int _end;

        public Reader(byte[] bytes, int start, int end)
        {
            _bytes = bytes;
            Position = start;
            _end = end;
        }

        public int Position { get; set; }

        public bool AtEnd => Position >= _end;

        /// <summary>The bytes left before the end.</summary>
        public int Remaining => _end - Position;

        public byte Byte()
        {
            if (Position >= _end)
            {
                throw new WasmFormatException($"unexpected end of data at offset {Position}");
            }

            return _bytes[Position++];
        }

        public uint U32()
        {
            ulong value = U64();
            return value <= uint.MaxValue ? (uint)value : throw new WasmFormatException($"a 32-bit number is too large before offset {Position}");
        }

        public ulong U64()
        {
            ulong result = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                byte b = Byte();
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }

            throw new WasmFormatException($"a number is encoded in too many bytes before offset {Position}");
        }

        public void S33()
        {
            // Signed LEB128 of at most 5 bytes; only skipped.
            for (int i = 0; i < 5; i++)
            {
                if ((Byte() & 0x80) == 0)
                {
                    return;
                }
            }

            throw new WasmFormatException($"a type index is encoded in too many bytes before offset {Position}");
        }

        public string Name()
        {
            uint length = U32();
            if (length > (uint)(_end - Position))
            {
                throw new WasmFormatException($"a name of {length} bytes at offset {Position} runs past its section");
            }

            string name = Encoding.UTF8.GetString(_bytes, Position, (int)length);
            Position += (int)length;
            return name;
        }
    }
}
