using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// Reads a component binary into its definitions, section by section, as the component model's Binary.md gives
/// them (preamble version 0x0d, layer 1). Nested components are read recursively; core modules are kept as byte
/// ranges, numbered in file order. Nothing is evaluated here: see <see cref="ComponentFlattener"/>.
/// </summary>
internal sealed partial class ComponentParser
{
    /// <summary>Components and component/instance types may nest this deep; deeper is treated as corrupt.</summary>
    public const int MaxNesting = 64;

    private readonly byte[] _bytes;

    private ComponentParser(byte[] bytes) => _bytes = bytes;

    /// <summary>The core modules of the whole file (nested components included), in file order.</summary>
    public List<(int Start, int End)> Modules { get; } = new();

    /// <summary>Whether the bytes start like a component (magic, then version 0x0d and layer 1).</summary>
    public static bool IsComponent(byte[] bytes) =>
        bytes.Length >= 8 && bytes[0] == 0 && bytes[1] == 0x61 && bytes[2] == 0x73 && bytes[3] == 0x6D && bytes[6] == 1 && bytes[7] == 0;

    public static (ComponentSyntax Root, List<(int Start, int End)> Modules) Parse(byte[] bytes)
    {
        var parser = new ComponentParser(bytes);
        var cursor = new ComponentCursor(bytes, 0, bytes.Length);
        ComponentSyntax root = parser.Component(cursor, null, 0);
        return (root, parser.Modules);
    }

    private ComponentSyntax Component(ComponentCursor cursor, ComponentSyntax? parent, int depth)
    {
        int start = cursor.Position;
        if (depth > MaxNesting)
        {
            throw new ComponentFormatException($"components nest more than {MaxNesting} deep at offset {start}");
        }

        Preamble(cursor);
        var component = new ComponentSyntax(parent, start);
        while (!cursor.AtEnd)
        {
            int sectionStart = cursor.Position;
            byte id = cursor.Byte();
            ComponentCursor section = cursor.Window(cursor.U32(), $"section {id}");
            Section(id, sectionStart, section, component, depth);
        }

        return component;
    }

    private static void Preamble(ComponentCursor cursor)
    {
        int at = cursor.Position;
        if (cursor.End - at < 8 || cursor.Byte() != 0 || cursor.Byte() != 0x61 || cursor.Byte() != 0x73 || cursor.Byte() != 0x6D)
        {
            throw new ComponentFormatException($"no WebAssembly magic number (\\0asm) at offset {at}");
        }

        byte version = cursor.Byte();
        byte versionHigh = cursor.Byte();
        byte layer = cursor.Byte();
        byte layerHigh = cursor.Byte();
        if (layer != 1 || layerHigh != 0)
        {
            throw new ComponentFormatException($"the preamble at offset {at} has layer {layer} (a core module, not a component)");
        }

        if (version != 0x0D || versionHigh != 0)
        {
            throw new ComponentFormatException($"the component at offset {at} has binary version 0x{versionHigh:X2}{version:X2}; Bindgen reads version 0x0d (the pre-standard component model)");
        }
    }

    private void Section(byte id, int offset, ComponentCursor section, ComponentSyntax component, int depth)
    {
        List<Definition> defs = component.Definitions;
        switch (id)
        {
            case 0:
                return; // custom sections (names, producers) do not change the meaning
            case 1:
                Modules.Add((section.Position, section.End));
                defs.Add(new CoreModuleDefinition(offset, Modules.Count - 1));
                return;
            case 4:
                defs.Add(new NestedComponent(offset, Component(section, component, depth + 1)));
                return;
            case 9:
                int startAt = section.Position;
                uint startFunc = section.U32();
                uint arguments = (uint)Vector(section, "start arguments", s => s.U32()).Count;
                defs.Add(new StartDefinition(startAt, startFunc, arguments, section.U32()));
                break;
            case > 12:
                defs.Add(new UnsupportedDefinition(offset, Sort.Type, $"section id {id}, which the component binary format does not define"));
                return;
            default:
                uint count = section.Count($"section {id}");
                for (uint i = 0; i < count; i++)
                {
                    int at = section.Position;
                    switch (id)
                    {
                        case 2: defs.Add(CoreInstance(section, at)); break;
                        case 3: CoreType(section, depth); defs.Add(new CoreTypeDefinition(at)); break;
                        case 5: defs.Add(Instance(section, at)); break;
                        case 6: defs.Add(Alias(section, at)); break;
                        case 7: defs.Add(new TypeDefinition(at, DefType(section, depth))); break;
                        case 8:
                            Definition? canon = Canon(section, at);
                            if (canon is null)
                            {
                                defs.Add(new UnsupportedDefinition(at, Sort.CoreFunc, $"a canonical built-in with opcode 0x{_bytes[at]:X2} that Bindgen does not know (the rest of its section was skipped)"));
                                section.Position = section.End;
                                return;
                            }

                            defs.Add(canon);
                            break;
                        case 10: defs.Add(new ImportDefinition(at, ExternName(section), Extern(section))); break;
                        case 11: defs.Add(Export(section, at)); break;
                        case 12:
                            ValType(section);
                            section.Window(section.U32(), "a value");
                            defs.Add(new UnsupportedDefinition(at, Sort.Value, "a value definition (the gated 'value' feature)"));
                            break;
                    }
                }

                break;
        }

        if (!section.AtEnd)
        {
            throw new ComponentFormatException($"section {id} at offset {offset} has {section.End - section.Position} bytes left over after its contents");
        }
    }

    private static Definition CoreInstance(ComponentCursor s, int at)
    {
        byte kind = s.Byte();
        if (kind == 0x00)
        {
            uint module = s.U32();
            var args = Vector(s, "instantiation arguments", c =>
            {
                string name = c.Name();
                byte sort = c.Byte();
                if (sort != 0x12)
                {
                    throw new ComponentFormatException($"a core instantiation argument '{name}' at offset {c.Position - 1} is not an instance (sort 0x{sort:X2})");
                }

                return (name, c.U32());
            });
            return new CoreInstantiate(at, module, args);
        }

        if (kind == 0x01)
        {
            return new CoreInlineExports(at, Vector(s, "inline exports", c => (c.Name(), CoreSort(c), c.U32())));
        }

        throw new ComponentFormatException($"unknown core instance form 0x{kind:X2} at offset {at}");
    }

    private static Definition Instance(ComponentCursor s, int at)
    {
        byte kind = s.Byte();
        if (kind == 0x00)
        {
            uint component = s.U32();
            return new ComponentInstantiate(at, component, Vector(s, "instantiation arguments", c => (c.Name(), SortOf(c), c.U32())));
        }

        if (kind == 0x01)
        {
            return new ComponentInlineExports(at, Vector(s, "inline exports", c => (ExternName(c), SortOf(c), c.U32())));
        }

        throw new ComponentFormatException($"unknown instance form 0x{kind:X2} at offset {at}");
    }

    private static AliasDefinition Alias(ComponentCursor s, int at)
    {
        Sort sort = SortOf(s);
        byte kind = s.Byte();
        switch (kind)
        {
            case 0x00: return new AliasDefinition(at, sort, AliasKind.InstanceExport, s.U32(), s.Name(), 0, 0);
            case 0x01: return new AliasDefinition(at, sort, AliasKind.CoreInstanceExport, s.U32(), s.Name(), 0, 0);
            case 0x02:
                if (sort is not (Sort.Type or Sort.CoreType or Sort.CoreModule or Sort.Component))
                {
                    throw new ComponentFormatException($"an outer alias at offset {at} aliases sort {sort}, which outer aliases cannot");
                }

                return new AliasDefinition(at, sort, AliasKind.Outer, 0, string.Empty, s.U32(), s.U32());
            default: throw new ComponentFormatException($"unknown alias form 0x{kind:X2} at offset {at}");
        }
    }

    private static ExportDefinition Export(ComponentCursor s, int at)
    {
        string name = ExternName(s);
        Sort sort = SortOf(s);
        uint index = s.U32();
        ExternSyntax? type = s.Byte() switch
        {
            0x00 => null,
            0x01 => Extern(s),
            var b => throw new ComponentFormatException($"export '{name}' at offset {at} has optional-type flag 0x{b:X2}"),
        };
        return new ExportDefinition(at, name, sort, index, type);
    }

    internal static string ExternName(ComponentCursor s)
    {
        int at = s.Position;
        byte kind = s.Byte();
        string name = s.Name();
        if (kind == 0x02)
        {
            uint attributes = s.Count("name attributes");
            for (uint i = 0; i < attributes; i++)
            {
                byte attribute = s.Byte();
                if (attribute > 2)
                {
                    throw new ComponentFormatException($"unknown name attribute 0x{attribute:X2} on '{name}' at offset {s.Position - 1}");
                }

                s.Name(); // implements / version suffix / external id: not part of the binding
            }
        }
        else if (kind > 0x02)
        {
            throw new ComponentFormatException($"unknown name form 0x{kind:X2} at offset {at}");
        }

        return name;
    }

    internal static ExternSyntax Extern(ComponentCursor s)
    {
        int at = s.Position;
        byte kind = s.Byte();
        switch (kind)
        {
            case 0x00:
                byte module = s.Byte();
                if (module != 0x11)
                {
                    throw new ComponentFormatException($"a core extern type at offset {at} is 0x{module:X2}, not a module (0x11)");
                }

                return new ExternSyntax(at, Sort.CoreModule, s.U32(), false);
            case 0x01: return new ExternSyntax(at, Sort.Func, s.U32(), false);
            case 0x02:
                if (s.Byte() == 0x00)
                {
                    s.U32();
                }
                else
                {
                    ValType(s);
                }

                return new ExternSyntax(at, Sort.Value, 0, false);
            case 0x03:
                byte bound = s.Byte();
                return bound switch
                {
                    0x00 => new ExternSyntax(at, Sort.Type, s.U32(), false),
                    0x01 => new ExternSyntax(at, Sort.Type, 0, true),
                    _ => throw new ComponentFormatException($"unknown type bound 0x{bound:X2} at offset {at + 1}"),
                };
            case 0x04: return new ExternSyntax(at, Sort.Component, s.U32(), false);
            case 0x05: return new ExternSyntax(at, Sort.Instance, s.U32(), false);
            default: throw new ComponentFormatException($"unknown extern type 0x{kind:X2} at offset {at}");
        }
    }

    internal static Sort SortOf(ComponentCursor s)
    {
        int at = s.Position;
        byte sort = s.Byte();
        return sort switch
        {
            0x00 => CoreSort(s),
            0x01 => Sort.Func,
            0x02 => Sort.Value,
            0x03 => Sort.Type,
            0x04 => Sort.Component,
            0x05 => Sort.Instance,
            _ => throw new ComponentFormatException($"unknown sort 0x{sort:X2} at offset {at}"),
        };
    }

    internal static Sort CoreSort(ComponentCursor s)
    {
        int at = s.Position;
        byte sort = s.Byte();
        return sort switch
        {
            0x00 => Sort.CoreFunc,
            0x01 => Sort.CoreTable,
            0x02 => Sort.CoreMemory,
            0x03 => Sort.CoreGlobal,
            0x04 => Sort.CoreTag,
            0x10 => Sort.CoreType,
            0x11 => Sort.CoreModule,
            0x12 => Sort.CoreInstance,
            _ => throw new ComponentFormatException($"unknown core sort 0x{sort:X2} at offset {at}"),
        };
    }

    internal static IReadOnlyList<T> Vector<T>(ComponentCursor s, string what, System.Func<ComponentCursor, T> read)
    {
        uint count = s.Count(what);
        var list = new List<T>();
        for (uint i = 0; i < count; i++)
        {
            list.Add(read(s));
        }

        return list;
    }
}
