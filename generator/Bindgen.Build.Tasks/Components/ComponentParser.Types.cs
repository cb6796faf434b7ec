using System;
using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>Type definitions, core types (skipped but checked) and canonical definitions.</summary>
internal sealed partial class ComponentParser
{
    private static readonly string[] Primitives =
    {
        "bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char", "string",
    };

    internal static string? PrimitiveName(byte code) => code switch
    {
        >= 0x73 and <= 0x7F => Primitives[0x7F - code],
        0x64 => "error-context",
        _ => null,
    };

    internal static ValTypeSyntax ValType(ComponentCursor s)
    {
        int at = s.Position;
        if (PrimitiveName(s.Peek()) is { } primitive)
        {
            s.Byte();
            return new ValTypeSyntax(at, primitive, 0);
        }

        long index = s.S64();
        if (index < 0 || index > uint.MaxValue)
        {
            throw new ComponentFormatException($"unknown value type code {index} at offset {at}");
        }

        return new ValTypeSyntax(at, null, (uint)index);
    }

    private static ValTypeSyntax? OptionalValType(ComponentCursor s)
    {
        int at = s.Position;
        return s.Byte() switch
        {
            0x00 => null,
            0x01 => ValType(s),
            var b => throw new ComponentFormatException($"optional type flag 0x{b:X2} at offset {at}"),
        };
    }

    internal static TypeSyntax DefType(ComponentCursor s, int depth)
    {
        int at = s.Position;
        byte code = s.Peek();
        if (PrimitiveName(code) is not null)
        {
            return ValType(s);
        }

        s.Byte();
        switch (code)
        {
            case 0x72:
                var fields = Vector(s, "record fields", c => (c.Name(), (ValTypeSyntax?)ValType(c)));
                return Defined("record", fields);
            case 0x71:
                var cases = Vector(s, "variant cases", c =>
                {
                    string label = c.Name();
                    ValTypeSyntax? payload = OptionalValType(c);
                    if (c.Byte() == 0x01)
                    {
                        c.U32(); // an old 'refines' index: read and ignored
                    }

                    return (label, payload);
                });
                return Defined("variant", cases);
            case 0x70: return new DefinedTypeSyntax(at, "list", Array.Empty<string>(), new ValTypeSyntax?[] { ValType(s) }, 0);
            case 0x67:
                ValTypeSyntax element = ValType(s);
                return new DefinedTypeSyntax(at, "fixed-list", Array.Empty<string>(), new ValTypeSyntax?[] { element }, s.U32());
            case 0x6F: return new DefinedTypeSyntax(at, "tuple", Array.Empty<string>(), Vector(s, "tuple types", c => (ValTypeSyntax?)ValType(c)), 0);
            case 0x6E: return new DefinedTypeSyntax(at, "flags", Vector(s, "flags", c => c.Name()), Array.Empty<ValTypeSyntax?>(), 0);
            case 0x6D: return new DefinedTypeSyntax(at, "enum", Vector(s, "enum cases", c => c.Name()), Array.Empty<ValTypeSyntax?>(), 0);
            case 0x6B: return new DefinedTypeSyntax(at, "option", Array.Empty<string>(), new ValTypeSyntax?[] { ValType(s) }, 0);
            case 0x6A:
                ValTypeSyntax? ok = OptionalValType(s);
                return new DefinedTypeSyntax(at, "result", Array.Empty<string>(), new[] { ok, OptionalValType(s) }, 0);
            case 0x69: return new DefinedTypeSyntax(at, "own", Array.Empty<string>(), Array.Empty<ValTypeSyntax?>(), s.U32());
            case 0x68: return new DefinedTypeSyntax(at, "borrow", Array.Empty<string>(), Array.Empty<ValTypeSyntax?>(), s.U32());
            case 0x66: return new DefinedTypeSyntax(at, "stream", Array.Empty<string>(), new[] { OptionalValType(s) }, 0);
            case 0x65: return new DefinedTypeSyntax(at, "future", Array.Empty<string>(), new[] { OptionalValType(s) }, 0);
            case 0x63:
                ValTypeSyntax key = ValType(s);
                return new DefinedTypeSyntax(at, "map", Array.Empty<string>(), new ValTypeSyntax?[] { key, ValType(s) }, 0);
            case 0x40:
            case 0x43:
                var parameters = Vector(s, "parameters", c => (c.Name(), ValType(c)));
                ValTypeSyntax? result;
                byte results = s.Byte();
                if (results == 0x00)
                {
                    result = ValType(s);
                }
                else if (results == 0x01 && s.Byte() == 0x00)
                {
                    result = null;
                }
                else
                {
                    throw new ComponentFormatException($"the function type at offset {at} has named or several results, which this component model version no longer allows");
                }

                return new FuncTypeSyntax(at, parameters, result, code == 0x43);
            case 0x41:
            case 0x42:
                if (depth > MaxNesting)
                {
                    throw new ComponentFormatException($"types nest more than {MaxNesting} deep at offset {at}");
                }

                var declarations = Vector(s, "declarators", c => Declaration(c, code == 0x42, depth + 1));
                return new InstanceTypeSyntax(at, code == 0x42, declarations);
            case 0x3F:
                byte rep = CoreValType(s);
                if (rep != 0x7F)
                {
                    throw new ComponentFormatException($"the resource type at offset {at} has representation 0x{rep:X2}; the component model allows only i32");
                }

                uint? destructor = null;
                int flagAt = s.Position;
                switch (s.Byte())
                {
                    case 0x00: break;
                    case 0x01: destructor = s.U32(); break;
                    case var b: throw new ComponentFormatException($"destructor flag 0x{b:X2} at offset {flagAt}");
                }

                return new ResourceTypeSyntax(at, destructor);
            default:
                throw new ComponentFormatException($"unknown type form 0x{code:X2} at offset {at}");
        }

        DefinedTypeSyntax Defined(string kind, IReadOnlyList<(string Label, ValTypeSyntax? Type)> items)
        {
            var labels = new List<string>();
            var types = new List<ValTypeSyntax?>();
            foreach ((string label, ValTypeSyntax? type) in items)
            {
                labels.Add(label);
                types.Add(type);
            }

            return new DefinedTypeSyntax(at, kind, labels, types, 0);
        }
    }

    private static DeclarationSyntax Declaration(ComponentCursor s, bool inInstance, int depth)
    {
        int at = s.Position;
        byte kind = s.Byte();
        switch (kind)
        {
            case 0x00: CoreType(s, depth); return new CoreTypeDeclaration(at);
            case 0x01: return new TypeDeclaration(at, DefType(s, depth));
            case 0x02: return new AliasDeclaration(at, Alias(s, at + 1));
            case 0x03 when !inInstance: return new ImportDeclaration(at, ExternName(s), Extern(s));
            case 0x04: return new ExportDeclaration(at, ExternName(s), Extern(s));
            default: throw new ComponentFormatException($"unknown {(inInstance ? "instance" : "component")} type declarator 0x{kind:X2} at offset {at}");
        }
    }

    /// <summary>A core type: a function type or a module type (read to skip it; the GC proposal's types are refused).</summary>
    private static void CoreType(ComponentCursor s, int depth)
    {
        int at = s.Position;
        byte form = s.Byte();
        switch (form)
        {
            case 0x60:
                Vector(s, "core parameters", CoreValType);
                Vector(s, "core results", CoreValType);
                return;
            case 0x50:
                if (depth > MaxNesting)
                {
                    throw new ComponentFormatException($"types nest more than {MaxNesting} deep at offset {at}");
                }

                Vector(s, "module type declarators", c => { ModuleDeclaration(c, depth + 1); return 0; });
                return;
            default:
                throw new ComponentFormatException($"core type form 0x{form:X2} at offset {at} (a GC-proposal type) is not read by Bindgen");
        }
    }

    private static void ModuleDeclaration(ComponentCursor s, int depth)
    {
        int at = s.Position;
        switch (s.Byte())
        {
            case 0x00: s.Name(); s.Name(); CoreExtern(s); return;
            case 0x01: CoreType(s, depth); return;
            case 0x02:
                if (s.Byte() != 0x10 || s.Byte() != 0x01)
                {
                    throw new ComponentFormatException($"a module type alias at offset {at} is not an outer type alias");
                }

                s.U32();
                s.U32();
                return;
            case 0x03: s.Name(); CoreExtern(s); return;
            default: throw new ComponentFormatException($"unknown module type declarator at offset {at}");
        }
    }

    private static void CoreExtern(ComponentCursor s)
    {
        int at = s.Position;
        switch (s.Byte())
        {
            case 0x00: s.U32(); return;
            case 0x01: CoreValType(s); Limits(s); return;
            case 0x02: Limits(s); return;
            case 0x03: CoreValType(s); s.Byte(); return;
            case 0x04: s.Byte(); s.U32(); return;
            default: throw new ComponentFormatException($"unknown core extern type at offset {at}");
        }
    }

    private static void Limits(ComponentCursor s)
    {
        int at = s.Position;
        byte flags = s.Byte();
        if (flags > 7)
        {
            throw new ComponentFormatException($"unknown limits flags 0x{flags:X2} at offset {at}");
        }

        s.S64();
        if ((flags & 1) != 0)
        {
            s.S64();
        }
    }

    private static byte CoreValType(ComponentCursor s)
    {
        int at = s.Position;
        byte code = s.Byte();
        switch (code)
        {
            case 0x7F: case 0x7E: case 0x7D: case 0x7C: case 0x7B: case 0x70: case 0x6F:
                return code;
            case 0x64: case 0x63:
                s.S64(); // heap type
                return code;
            default:
                throw new ComponentFormatException($"unknown core value type 0x{code:X2} at offset {at}");
        }
    }
}
