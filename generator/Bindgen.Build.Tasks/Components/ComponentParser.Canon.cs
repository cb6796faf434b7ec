using System.Collections.Generic;

namespace Bindgen.Build.Tasks.Components;

/// <summary>Canonical definitions: lift and lower with their options; every other built-in read by its immediates and named.</summary>
internal sealed partial class ComponentParser
{
    /// <summary>The canonical definition at the cursor, or null for an opcode this reader does not know (its length is unknown).</summary>
    private static Definition? Canon(ComponentCursor s, int at)
    {
        byte code = s.Byte();
        switch (code)
        {
            case 0x00:
                ExpectFuncSort(s, "canon lift");
                uint core = s.U32();
                CanonOptions options = Options(s);
                return new CanonLift(at, core, options, s.U32());
            case 0x01:
                ExpectFuncSort(s, "canon lower");
                uint func = s.U32();
                return new CanonLower(at, func, Options(s));
            case 0x02: return new CanonBuiltin(at, "resource.new", s.U32());
            case 0x03: return new CanonBuiltin(at, "resource.drop", s.U32());
            case 0x07: return new CanonBuiltin(at, "resource.drop async", s.U32());
            case 0x04: return new CanonBuiltin(at, "resource.rep", s.U32());
            case 0x24: return new CanonBuiltin(at, "backpressure.inc", null);
            case 0x25: return new CanonBuiltin(at, "backpressure.dec", null);
            case 0x05: return new CanonBuiltin(at, "task.cancel", null);
            case 0x0D: return new CanonBuiltin(at, "subtask.drop", null);
            case 0x1E: return new CanonBuiltin(at, "error-context.drop", null);
            case 0x1F: return new CanonBuiltin(at, "waitable-set.new", null);
            case 0x22: return new CanonBuiltin(at, "waitable-set.drop", null);
            case 0x23: return new CanonBuiltin(at, "waitable.join", null);
            case 0x26: return new CanonBuiltin(at, "thread.index", null);
            case 0x28: return new CanonBuiltin(at, "thread.resume-later", null);
            case 0x09:
                if (s.Byte() == 0x00)
                {
                    ValType(s);
                }
                else
                {
                    s.Byte();
                }

                Options(s);
                return new CanonBuiltin(at, "task.return", null);
            case 0x0A:
            case 0x0B:
                s.Byte();
                s.U32();
                return new CanonBuiltin(at, code == 0x0A ? "context.get" : "context.set", null);
            case 0x06: s.Byte(); return new CanonBuiltin(at, "subtask.cancel", null);
            case 0x0E: case 0x13: case 0x14: case 0x15: case 0x1A: case 0x1B:
                return new CanonBuiltin(at, StreamName(code), s.U32());
            case 0x0F: case 0x10: case 0x16: case 0x17:
                uint type = s.U32();
                Options(s);
                return new CanonBuiltin(at, StreamName(code), type);
            case 0x11: case 0x12: case 0x18: case 0x19:
                uint cancelled = s.U32();
                s.Byte();
                return new CanonBuiltin(at, StreamName(code), cancelled);
            case 0x1C: case 0x1D:
                Options(s);
                return new CanonBuiltin(at, code == 0x1C ? "error-context.new" : "error-context.debug-message", null);
            case 0x20: case 0x21:
                s.Byte();
                s.U32();
                return new CanonBuiltin(at, code == 0x20 ? "waitable-set.wait" : "waitable-set.poll", null);
            case 0x27:
                s.U32();
                s.U32();
                return new CanonBuiltin(at, "thread.new-indirect", null);
            case 0x29: case 0x0C: case 0x2A: case 0x2B: case 0x2C: case 0x2D:
                s.Byte();
                return new CanonBuiltin(at, code == 0x0C ? "thread.yield" : "thread.suspend (or a variant)", null);
            case 0x40: s.Byte(); s.U32(); return new CanonBuiltin(at, "thread.spawn-ref", null);
            case 0x41: s.Byte(); s.U32(); s.U32(); return new CanonBuiltin(at, "thread.spawn-indirect", null);
            case 0x42: s.Byte(); return new CanonBuiltin(at, "thread.available-parallelism", null);
            default: return null;
        }
    }

    private static string StreamName(byte code) => code switch
    {
        0x0E => "stream.new",
        0x0F => "stream.read",
        0x10 => "stream.write",
        0x11 => "stream.cancel-read",
        0x12 => "stream.cancel-write",
        0x13 => "stream.drop-readable",
        0x14 => "stream.drop-writable",
        0x15 => "future.new",
        0x16 => "future.read",
        0x17 => "future.write",
        0x18 => "future.cancel-read",
        0x19 => "future.cancel-write",
        0x1A => "future.drop-readable",
        _ => "future.drop-writable",
    };

    private static void ExpectFuncSort(ComponentCursor s, string what)
    {
        int at = s.Position;
        if (s.Byte() != 0x00)
        {
            throw new ComponentFormatException($"{what} at offset {at} does not name a function (sort byte 0x{s.Bytes[at]:X2})");
        }
    }

    private static CanonOptions Options(ComponentCursor s)
    {
        int at = s.Position;
        uint? memory = null, realloc = null, postReturn = null, callback = null;
        string encoding = "utf8";
        bool async = false;
        uint count = s.Count("canonical options");
        for (uint i = 0; i < count; i++)
        {
            int optionAt = s.Position;
            byte option = s.Byte();
            switch (option)
            {
                case 0x00: encoding = "utf8"; break;
                case 0x01: encoding = "utf16"; break;
                case 0x02: encoding = "latin1+utf16"; break;
                case 0x03: memory = s.U32(); break;
                case 0x04: realloc = s.U32(); break;
                case 0x05: postReturn = s.U32(); break;
                case 0x06: async = true; break;
                case 0x07: callback = s.U32(); break;
                default: throw new ComponentFormatException($"unknown canonical option 0x{option:X2} at offset {optionAt} (options at offset {at})");
            }
        }

        return new CanonOptions(memory, realloc, postReturn, encoding, async, callback);
    }
}

/// <summary>Which index spaces each definition adds an entry to (every export, like an alias, adds one).</summary>
internal static class IndexSpaces
{
    public static IEnumerable<Sort> Added(Definition definition)
    {
        switch (definition)
        {
            case CoreModuleDefinition: yield return Sort.CoreModule; break;
            case CoreInstantiate or CoreInlineExports: yield return Sort.CoreInstance; break;
            case CoreTypeDefinition: yield return Sort.CoreType; break;
            case NestedComponent: yield return Sort.Component; break;
            case ComponentInstantiate or ComponentInlineExports: yield return Sort.Instance; break;
            case AliasDefinition alias: yield return alias.Sort; break;
            case TypeDefinition: yield return Sort.Type; break;
            case CanonLift: yield return Sort.Func; break;
            case CanonLower or CanonBuiltin: yield return Sort.CoreFunc; break;
            case StartDefinition start:
                for (uint i = 0; i < start.Results && i < 64; i++)
                {
                    yield return Sort.Value;
                }

                break;
            case ImportDefinition import: yield return import.Type.Sort; break;
            case ExportDefinition export: yield return export.Sort; break;
            case UnsupportedDefinition unsupported: yield return unsupported.Sort; break;
        }
    }
}
