using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// Sizes, alignments, field offsets and flattening of WIT types, exactly as the component model's
/// CanonicalABI.md defines them (alignment, elem_size, discriminant_type, flatten_type with join).
/// </summary>
internal static class CanonicalLayout
{
    public static int Alignment(WitType t) => t.Kind switch
    {
        WitKind.Bool or WitKind.S8 or WitKind.U8 or WitKind.Unit => 1,
        WitKind.S16 or WitKind.U16 => 2,
        WitKind.S32 or WitKind.U32 or WitKind.F32 or WitKind.Char or WitKind.String or WitKind.List or WitKind.Own or WitKind.Borrow => 4,
        WitKind.S64 or WitKind.U64 or WitKind.F64 => 8,
        WitKind.Tuple or WitKind.Record => Fields(t).Select(Alignment).DefaultIfEmpty(1).Max(),
        WitKind.Flags => FlagsSize(t.Members.Count),
        _ => Math.Max(DiscriminantSize(t), MaxCaseAlignment(t)),
    };

    public static int Size(WitType t)
    {
        switch (t.Kind)
        {
            case WitKind.Bool or WitKind.S8 or WitKind.U8:
                return 1;
            case WitKind.Unit:
                return 0;
            case WitKind.S16 or WitKind.U16:
                return 2;
            case WitKind.S32 or WitKind.U32 or WitKind.F32 or WitKind.Char or WitKind.Own or WitKind.Borrow:
                return 4;
            case WitKind.S64 or WitKind.U64 or WitKind.F64 or WitKind.String or WitKind.List:
                return 8;
            case WitKind.Flags:
                return FlagsSize(t.Members.Count);
            case WitKind.Tuple or WitKind.Record:
                int s = 0;
                foreach (WitType f in Fields(t))
                {
                    s = AlignTo(s, Alignment(f)) + Size(f);
                }

                return AlignTo(s, Alignment(t));
            default:
                int size = AlignTo(DiscriminantSize(t), MaxCaseAlignment(t)) + Cases(t).Select(c => c is null ? 0 : Size(c)).DefaultIfEmpty(0).Max();
                return AlignTo(size, Alignment(t));
        }
    }

    /// <summary>The offsets of a record's or tuple's fields.</summary>
    public static int[] FieldOffsets(WitType t)
    {
        var offsets = new List<int>();
        int s = 0;
        foreach (WitType f in Fields(t))
        {
            s = AlignTo(s, Alignment(f));
            offsets.Add(s);
            s += Size(f);
        }

        return offsets.ToArray();
    }

    /// <summary>The offset of a variant-like type's payload.</summary>
    public static int PayloadOffset(WitType t) => AlignTo(DiscriminantSize(t), MaxCaseAlignment(t));

    /// <summary>1, 2 or 4: the discriminant of a variant, enum, option or result.</summary>
    public static int DiscriminantSize(WitType t)
    {
        int n = Cases(t).Count;
        return n <= 256 ? 1 : n <= 65536 ? 2 : 4;
    }

    /// <summary>The fields of a record or tuple.</summary>
    public static IReadOnlyList<WitType> Fields(WitType t) =>
        t.Kind == WitKind.Record ? t.Members.Select(m => m.Type!).ToArray() : t.Elements.ToArray();

    /// <summary>The cases' payloads of a variant-like type (null for no payload).</summary>
    public static IReadOnlyList<WitType?> Cases(WitType t) => t.Kind switch
    {
        WitKind.Option => new[] { null, t.Elements[0] },
        WitKind.Result => new[] { NullIfUnit(t.Elements[0]), NullIfUnit(t.Elements[1]) },
        WitKind.Enum => t.Members.Select(_ => (WitType?)null).ToArray(),
        _ => t.Members.Select(m => m.Type).ToArray(),
    };

    /// <summary>flatten_type: the core value types a value of <paramref name="t"/> takes on the stack.</summary>
    public static List<WasmType> Flatten(WitType t)
    {
        switch (t.Kind)
        {
            case WitKind.Unit:
                return new List<WasmType>();
            case WitKind.S64 or WitKind.U64:
                return new List<WasmType> { WasmType.I64 };
            case WitKind.F32:
                return new List<WasmType> { WasmType.F32 };
            case WitKind.F64:
                return new List<WasmType> { WasmType.F64 };
            case WitKind.String or WitKind.List:
                return new List<WasmType> { WasmType.I32, WasmType.I32 };
            case WitKind.Tuple or WitKind.Record:
                return Fields(t).SelectMany(Flatten).ToList();
            case WitKind.Option or WitKind.Result or WitKind.Variant or WitKind.Enum:
                var flat = new List<WasmType>();
                foreach (WitType? c in Cases(t))
                {
                    if (c is null)
                    {
                        continue;
                    }

                    List<WasmType> caseFlat = Flatten(c);
                    for (int i = 0; i < caseFlat.Count; i++)
                    {
                        if (i < flat.Count)
                        {
                            flat[i] = Join(flat[i], caseFlat[i]);
                        }
                        else
                        {
                            flat.Add(caseFlat[i]);
                        }
                    }
                }

                flat.Insert(0, WasmType.I32);
                return flat;
            default:
                return new List<WasmType> { WasmType.I32 }; // bool, ints up to 32 bits, char, flags up to 32
        }
    }

    public static WasmType Join(WasmType a, WasmType b) =>
        a == b ? a
        : (a == WasmType.I32 && b == WasmType.F32) || (a == WasmType.F32 && b == WasmType.I32) ? WasmType.I32
        : WasmType.I64;

    public static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    private static int FlagsSize(int n) => n <= 8 ? 1 : n <= 16 ? 2 : 4;

    private static int MaxCaseAlignment(WitType t) => Cases(t).Select(c => c is null ? 1 : Alignment(c)).DefaultIfEmpty(1).Max();

    private static WitType? NullIfUnit(WitType t) => t.Kind == WitKind.Unit ? null : t;
}
