using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// The per-type helpers of a canonical-ABI binding: for each compound WIT type a <c>__Plan</c> (allocate every
/// guest block of a value, in tree order), a <c>__Store</c> (write the value at an address, taking the blocks back
/// in the same order) and a <c>__Load</c> (lift, bounds-checked and validated). Helpers are emitted once per
/// distinct type; the expression builders return C# text that calls them.
/// </summary>
internal sealed class CanonicalCodec
{
    private const string Lower = "global::Bindgen.Internals.CanonicalLower";
    private const string Lift = "global::Bindgen.Internals.CanonicalLift";
    private const string Strings = "global::Bindgen.Internals.CanonicalStrings";

    /// <summary>The instance whose call runs: helpers are static, and a resource the host implements lives in its table.</summary>
    internal const string Running = "global::Bindgen.Internals.ComponentInstance.Running";

    private readonly Dictionary<(WitType, string), int> _ids = new();

    /// <summary>The names of the view, plan, guest and operation the built expressions refer to (helpers use these defaults; a method sets its own).</summary>
    public string M { get; set; } = "__m";

    public string P { get; set; } = "__p";

    public string G { get; set; } = "__g";

    public string Op { get; set; } = "__op";

    /// <summary>Points the expressions at a method's locals.</summary>
    public void UseNames(string m, string p, string g, string op)
    {
        M = m;
        P = p;
        G = g;
        Op = op;
    }
    private readonly List<(WitType Type, string Encoding)> _pending = new();

    /// <summary>The <c>string-encoding</c> canonical option the built expressions use: <c>utf8</c>, <c>utf16</c> or <c>latin1+utf16</c>.</summary>
    public string Encoding { get; set; } = "utf8";

    /// <summary>Whether a value of <paramref name="t"/> owns guest blocks (strings, lists) that the allocation pass makes.</summary>
    public static bool HasAllocations(WitType t) => t.Kind switch
    {
        WitKind.String or WitKind.List => true,
        WitKind.Record or WitKind.Variant => t.Members.Any(m => m.Type is not null && HasAllocations(m.Type)),
        WitKind.Tuple or WitKind.Option or WitKind.Result => t.Elements.Any(HasAllocations),
        _ => false,
    };

    /// <summary>Whether passing <paramref name="t"/> flat or in memory ever touches guest memory.</summary>
    public static bool UsesMemory(WitType t) => HasAllocations(t);

    /// <summary>
    /// Whether a value of <paramref name="t"/> can hold, anywhere in its tree, a null the canonical ABI refuses (a
    /// reference that is not an option): the measuring pass checks it before any block is allocated.
    /// </summary>
    public static bool HoldsRefusableNull(WitType t) =>
        (!t.IsValueType && !t.IsSpan && t.Kind != WitKind.Option) || t.Kind switch
        {
            WitKind.Record or WitKind.Variant => t.Members.Any(m => m.Type is not null && HoldsRefusableNull(m.Type)),
            WitKind.Tuple or WitKind.Option or WitKind.Result or WitKind.List => t.Elements.Any(HoldsRefusableNull),
            _ => false,
        };

    /// <summary>
    /// Whether a value of <paramref name="t"/> holds a borrowed handle of a resource the component defines: only ever an
    /// argument of the component's exports (the guest never lends the host its own resources), so it is never lifted.
    /// </summary>
    private static bool HoldsGuestBorrow(WitType t) =>
        t.Kind == WitKind.Borrow ? t.HostResource < 0
        : t.Elements.Any(HoldsGuestBorrow) || t.Members.Any(m => m.Type is not null && HoldsGuestBorrow(m.Type));

    /// <summary>The measuring pass for value <paramref name="v"/>: its blocks and its checks (nothing for a type with neither).</summary>
    public string? Plan(WitType t, string v) => HasAllocations(t) || HoldsRefusableNull(t) ? $"__Plan{Id(t)}({P}, {v}, {Op});" : null;

    /// <summary>A statement that writes <paramref name="v"/> at <paramref name="a"/> in view <c>__m</c>.</summary>
    public string Store(WitType t, string v, string a) => t.Kind switch
    {
        WitKind.Bool => $"{Lower}.U8({M}, {a}, (byte)({v} ? 1 : 0));",
        WitKind.S8 => $"{Lower}.U8({M}, {a}, unchecked((byte){v}));",
        WitKind.U8 => $"{Lower}.U8({M}, {a}, {v});",
        WitKind.S16 => $"{Lower}.U16({M}, {a}, unchecked((ushort){v}));",
        WitKind.U16 => $"{Lower}.U16({M}, {a}, {v});",
        WitKind.S32 => $"{Lower}.U32({M}, {a}, unchecked((uint){v}));",
        WitKind.U32 => $"{Lower}.U32({M}, {a}, {v});",
        WitKind.S64 => $"{Lower}.U64({M}, {a}, unchecked((ulong){v}));",
        WitKind.U64 => $"{Lower}.U64({M}, {a}, {v});",
        WitKind.F32 => $"{Lower}.F32({M}, {a}, {v});",
        WitKind.F64 => $"{Lower}.F64({M}, {a}, {v});",
        WitKind.Char => $"{Lower}.U32({M}, {a}, (uint){v}.Value);",
        WitKind.Unit => ";",
        WitKind.Enum => WriteDiscriminant(t, $"__ToCase{Id(t)}({v}, {Op})", a),
        WitKind.Flags => WriteDiscriminant(t, $"__ToFlags{Id(t)}({v})", a, CanonicalLayout.Size(t)),
        WitKind.Own or WitKind.Borrow when t.HostResource >= 0 =>
            $"{Lower}.U32({M}, {a}, unchecked((uint){Running}.LowerHost{(t.Kind == WitKind.Own ? "Own" : "Borrow")}({t.HostResource}, {v}, {Op}, \"value\")));",
        WitKind.Own or WitKind.Borrow =>
            $"{Lower}.U32({M}, {a}, unchecked((uint)global::Bindgen.ComponentResource.{(t.Kind == WitKind.Own ? "Move" : "Borrow")}({v}, {Running}, {Op}, \"value\")));",
        _ => $"__Store{Id(t)}({M}, {P}, {v}, {a}, {Op});",
    };

    /// <summary>An expression that lifts a value of <paramref name="t"/> from <paramref name="a"/> in view <c>__m</c>.</summary>
    public string Load(WitType t, string a) => t.Kind switch
    {
        WitKind.Bool => $"({Lift}.U8({M}, {a}, {Op}) != 0)",
        WitKind.S8 => $"unchecked((sbyte){Lift}.U8({M}, {a}, {Op}))",
        WitKind.U8 => $"{Lift}.U8({M}, {a}, {Op})",
        WitKind.S16 => $"unchecked((short){Lift}.U16({M}, {a}, {Op}))",
        WitKind.U16 => $"{Lift}.U16({M}, {a}, {Op})",
        WitKind.S32 => $"unchecked((int){Lift}.U32({M}, {a}, {Op}))",
        WitKind.U32 => $"{Lift}.U32({M}, {a}, {Op})",
        WitKind.S64 => $"unchecked((long){Lift}.U64({M}, {a}, {Op}))",
        WitKind.U64 => $"{Lift}.U64({M}, {a}, {Op})",
        WitKind.F32 => $"{Lift}.F32({M}, {a}, {Op})",
        WitKind.F64 => $"{Lift}.F64({M}, {a}, {Op})",
        WitKind.Char => $"{Lift}.Char({Lift}.U32({M}, {a}, {Op}), {Op})",
        WitKind.Unit => "default(global::Bindgen.Unit)",
        WitKind.Enum => $"__FromCase{Id(t)}({ReadDiscriminant(t, a)})",
        WitKind.Flags => $"__FromFlags{Id(t)}({ReadUnsigned(CanonicalLayout.Size(t), a)})",
        WitKind.Own or WitKind.Borrow when t.HostResource >= 0 =>
            $"{Running}.LiftHost{(t.Kind == WitKind.Own ? "Own" : "Borrow")}<{t.ClrType}>({t.HostResource}, unchecked((int){Lift}.U32({M}, {a}, {Op})), {Op})",
        WitKind.Own => $"{t.ClrType}.__Lift(unchecked((int){Lift}.U32({M}, {a}, {Op})), {Op})",
        _ => $"__Load{Id(t)}({M}, {a}, {Op})",
    };

    /// <summary>Lifts a result that is one flat value <paramref name="r"/> (primitives, enums, flags, one-field records, payload-less variants).</summary>
    public string FlatLift(WitType t, string r)
    {
        switch (t.Kind)
        {
            case WitKind.Bool: return $"({r} != 0)";
            case WitKind.S8: return $"unchecked((sbyte){r})";
            case WitKind.U8: return $"unchecked((byte){r})";
            case WitKind.S16: return $"unchecked((short){r})";
            case WitKind.U16: return $"unchecked((ushort){r})";
            case WitKind.U32: return $"unchecked((uint){r})";
            case WitKind.U64: return $"unchecked((ulong){r})";
            case WitKind.S32 or WitKind.S64 or WitKind.F32 or WitKind.F64: return r;
            case WitKind.Char: return $"{Lift}.Char(unchecked((uint){r}), {Op})";
            case WitKind.Own or WitKind.Borrow when t.HostResource >= 0:
                // A resource the host implements: the object behind the guest's handle, from the instance's table.
                return $"__component.LiftHost{(t.Kind == WitKind.Own ? "Own" : "Borrow")}<{t.ClrType}>({t.HostResource}, {r}, {Op})";
            case WitKind.Own: return $"{t.ClrType}.__Own(this, {r}, {Op})";
            case WitKind.Flags: return $"__FromFlags{Id(t)}(unchecked((uint){r}))";
            case WitKind.Enum: return $"__FromCase{Id(t)}({Lift}.Discriminant(unchecked((uint){r}), {t.Members.Count}, {CSharpText.Literal(t.Wit)}, {Op}))";
            case WitKind.Record:
                return Construct(t, new[] { FlatLift(t.Members[0].Type!, r) });
            case WitKind.Tuple:
                return Construct(t, new[] { FlatLift(t.Elements[0], r) });
            default:
                // Enums, and variants, options and results whose cases carry nothing: the discriminant alone.
                return $"__FromDiscriminant{Id(t)}({Lift}.Discriminant(unchecked((uint){r}), {CanonicalLayout.Cases(t).Count}, {CSharpText.Literal(t.Wit)}, {Op}))";
        }
    }

    public int Id(WitType t)
    {
        // Helpers of types that hold strings are made once per encoding; the others are the same in every encoding.
        (WitType, string) key = (t, HoldsString(t) ? Encoding : "utf8");
        if (!_ids.TryGetValue(key, out int id))
        {
            id = _ids.Count;
            _ids.Add(key, id);
            _pending.Add(key);
        }

        return id;
    }

    /// <summary>Whether a value of <paramref name="t"/> holds a string anywhere in its tree.</summary>
    public static bool HoldsString(WitType t) => t.Kind switch
    {
        WitKind.String => true,
        WitKind.Record or WitKind.Variant => t.Members.Any(m => m.Type is not null && HoldsString(m.Type)),
        WitKind.Tuple or WitKind.Option or WitKind.Result or WitKind.List => t.Elements.Any(HoldsString),
        _ => false,
    };

    /// <summary>The measuring pass of string <c>__v</c> in <see cref="Encoding"/>: its length into <c>__n</c>, its block measured.</summary>
    public string[] StringMeasure() => Encoding switch
    {
        "utf16" => new[] { $"int __n = {Strings}.Utf16Length(__v, __op);", $"__p.Measure(2, {Strings}.Utf16Size(__n, __op), __n);" },
        "latin1+utf16" => new[] { $"int __n = {Strings}.Latin1Utf16Length(__v, __op);", $"__p.Measure(2, {Strings}.Latin1Utf16Size(__n), __n);" },
        _ => new[] { $"int __n = {Lower}.Utf8Length(__v, __op);", "__p.Measure(1, __n, __n);" },
    };

    /// <summary>A statement that writes string <paramref name="v"/> into block <paramref name="b"/> of length <paramref name="n"/> in view <see cref="M"/>.</summary>
    public string StringStore(string b, string n, string v) => Encoding switch
    {
        "utf16" => $"{Strings}.StoreUtf16({M}, {b}, {v});",
        "latin1+utf16" => $"{Strings}.StoreLatin1Utf16({M}, {b}, {n}, {v});",
        _ => $"{Lower}.Utf8({M}, {b}, {n}, {v});",
    };

    /// <summary>An expression that lifts the string at (<paramref name="pointer"/>, <paramref name="length"/>) from view <see cref="M"/>.</summary>
    public string StringLoad(string pointer, string length) => Encoding switch
    {
        "utf16" => $"{Strings}.Utf16({M}, {pointer}, {length}, {Op})",
        "latin1+utf16" => $"{Strings}.Latin1Utf16({M}, {pointer}, {length}, {Op})",
        _ => $"{Lift}.Utf8({M}, {pointer}, {length}, {Op})",
    };

    /// <summary>Emits the helpers of every type used so far, and of the types they use in turn.</summary>
    public void EmitHelpers(IndentedWriter w)
    {
        UseNames("__m", "__p", "__g", "__op");
        string encoding = Encoding;
        for (int i = 0; i < _pending.Count; i++)
        {
            (WitType t, Encoding) = _pending[i];
            int id = _ids[_pending[i]];
            w.Line();
            w.Line($"// {t.Wit}: size {CanonicalLayout.Size(t)}, alignment {CanonicalLayout.Alignment(t)}{(Encoding == "utf8" ? string.Empty : ", strings " + Encoding)}.");
            switch (t.Kind)
            {
                case WitKind.Enum:
                    CanonicalCodecCases.EmitEnum(w, t, id);
                    break;
                case WitKind.Flags:
                    CanonicalCodecCases.EmitFlags(w, t, id);
                    break;
                case WitKind.Own or WitKind.Borrow:
                    EmitPlan(w, t, id); // the null check only: a handle is written and read in place
                    break;
                default:
                    if (HasAllocations(t) || HoldsRefusableNull(t))
                    {
                        EmitPlan(w, t, id);
                    }

                    EmitStore(w, t, id);
                    if (!t.IsSpan && !HoldsGuestBorrow(t))
                    {
                        EmitLoad(w, t, id);
                    }

                    if (CanonicalLayout.Flatten(t).Count == 1 && t.Kind is WitKind.Variant or WitKind.Option or WitKind.Result)
                    {
                        CanonicalCodecCases.EmitFromDiscriminant(w, t, id);
                    }

                    break;
            }
        }

        Encoding = encoding;
    }

    public string Construct(WitType t, IReadOnlyList<string> values)
    {
        if (t.Kind == WitKind.Tuple)
        {
            return values.Count == 1 ? $"new {t.ClrType}({values[0]})" : "(" + string.Join(", ", values) + ")";
        }

        return t.Construction == "ctor"
            ? $"new {t.ClrType}({string.Join(", ", values)})"
            : $"new {t.ClrType} {{ {string.Join(", ", t.Members.Select((m, i) => m.Name + " = " + values[i]))} }}";
    }

    public string WriteDiscriminant(WitType t, string value, string a, int? size = null) => (size ?? CanonicalLayout.DiscriminantSize(t)) switch
    {
        1 => $"{Lower}.U8({M}, {a}, unchecked((byte){value}));",
        2 => $"{Lower}.U16({M}, {a}, unchecked((ushort){value}));",
        _ => $"{Lower}.U32({M}, {a}, unchecked((uint){value}));",
    };

    public string ReadDiscriminant(WitType t, string a) =>
        $"{Lift}.Discriminant({ReadUnsigned(CanonicalLayout.DiscriminantSize(t), a)}, {CanonicalLayout.Cases(t).Count}, {CSharpText.Literal(t.Wit)}, {Op})";

    /// <summary>The field accessors of a record or tuple value <paramref name="v"/>.</summary>
    public static string[] FieldAccess(WitType t, string v) => t.Kind == WitKind.Record
        ? t.Members.Select(m => $"{v}.{m.Name}").ToArray()
        : t.Elements.Select((_, i) => $"{v}.Item{(i + 1).ToString(CultureInfo.InvariantCulture)}").ToArray();

    private string ReadUnsigned(int size, string a) => size switch
    {
        1 => $"{Lift}.U8({M}, {a}, {Op})",
        2 => $"{Lift}.U16({M}, {a}, {Op})",
        _ => $"{Lift}.U32({M}, {a}, {Op})",
    };

    private void EmitPlan(IndentedWriter w, WitType t, int id)
    {
        w.Open($"private static void __Plan{id}(global::Bindgen.Internals.CanonicalPlan __p, {t.ClrType} __v, string __op)");
        CanonicalCodecCases.EmitPlanBody(this, w, t);
        w.Close();
    }

    private void EmitStore(IndentedWriter w, WitType t, int id)
    {
        w.Open($"private static void __Store{id}(global::System.Span<byte> __m, global::Bindgen.Internals.CanonicalPlan __p, {t.ClrType} __v, int __a, string __op)");
        CanonicalCodecCases.EmitStoreBody(this, w, t);
        w.Close();
    }

    private void EmitLoad(IndentedWriter w, WitType t, int id)
    {
        w.Open($"private static {t.ClrType} __Load{id}(global::System.ReadOnlySpan<byte> __m, int __a, string __op)");
        CanonicalCodecCases.EmitLoadBody(this, w, t);
        w.Close();
    }
}
