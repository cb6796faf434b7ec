using System.Globalization;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>The bodies of <see cref="CanonicalCodec"/>'s helpers, one shape per WIT type kind.</summary>
internal static class CanonicalCodecCases
{
    private const string Lower = "global::Bindgen.Internals.CanonicalLower";
    private const string Lift = "global::Bindgen.Internals.CanonicalLift";

    public static void EmitPlanBody(CanonicalCodec c, IndentedWriter w, WitType t)
    {
        NullCheck(w, t);
        switch (t.Kind)
        {
            case WitKind.Own or WitKind.Borrow when t.HostResource < 0:
                // A resource the component defines: every object of the argument is checked before any handle is made.
                w.Line($"global::Bindgen.ComponentResource.Check(__v, {CanonicalCodec.Running}, __op, own: {(t.Kind == WitKind.Own ? "true" : "false")});");
                break;
            case WitKind.String:
                foreach (string line in c.StringMeasure())
                {
                    w.Line(line);
                }

                break;
            case WitKind.List:
                WitType e = t.Elements[0];
                w.Line("int __n = __v.Length;");
                w.Line($"__p.Measure({CanonicalLayout.Alignment(e)}, {Lower}.ListSize(__n, {CanonicalLayout.Size(e)}, __op), __n);");
                if (c.Plan(e, "__v[__i]") is { } element)
                {
                    w.Open("for (int __i = 0; __i < __n; __i++)");
                    w.Line(element);
                    w.Close();
                }

                break;
            case WitKind.Record or WitKind.Tuple:
                string[] access = CanonicalCodec.FieldAccess(t, "__v");
                var fields = CanonicalLayout.Fields(t);
                for (int i = 0; i < fields.Count; i++)
                {
                    if (c.Plan(fields[i], access[i]) is { } plan)
                    {
                        w.Line(plan);
                    }
                }

                break;
            case WitKind.Option:
                w.Open(HasValue(t, "__v"));
                w.Line(c.Plan(t.Elements[0], OptionValue(t, "__v"))!);
                w.Close();
                break;
            case WitKind.Result:
                EmitBranches(w, "__v.IsOk", c.Plan(t.Elements[0], "__v.Value"), c.Plan(t.Elements[1], "__v.Error"));
                break;
            case WitKind.Variant:
                var measured = t.Members.Where(m => m.Type is not null && (CanonicalCodec.HasAllocations(m.Type) || CanonicalCodec.HoldsRefusableNull(m.Type))).ToList();
                if (measured.Count == 0)
                {
                    break; // only the variant's own null check
                }

                w.Open("switch (__v)");
                foreach (WitMember m in measured)
                {
                    w.Line($"case {m.Name} __c: {c.Plan(m.Type!, "__c." + m.PayloadMember)} break;");
                }

                w.Close();
                break;
        }
    }

    public static void EmitStoreBody(CanonicalCodec c, IndentedWriter w, WitType t)
    {
        NullCheck(w, t);
        switch (t.Kind)
        {
            case WitKind.String:
                w.Line("int __b = __p.Next(out int __n);");
                w.Line(c.StringStore("__b", "__n", "__v"));
                WritePointer(w);
                break;
            case WitKind.List:
                WitType e = t.Elements[0];
                w.Line("int __b = __p.Next(out int __n);");
                if (CanonicalTypeIsBlittable(e))
                {
                    w.Line($"{Lower}.Primitives<{e.ClrType}>(__m, __b, __v);");
                }
                else
                {
                    w.Open("for (int __i = 0; __i < __n; __i++)");
                    w.Line(c.Store(e, "__v[__i]", $"__b + __i * {CanonicalLayout.Size(e)}"));
                    w.Close();
                }

                WritePointer(w);
                break;
            case WitKind.Record or WitKind.Tuple:
                string[] access = CanonicalCodec.FieldAccess(t, "__v");
                int[] offsets = CanonicalLayout.FieldOffsets(t);
                var fields = CanonicalLayout.Fields(t);
                for (int i = 0; i < fields.Count; i++)
                {
                    w.Line(c.Store(fields[i], access[i], Offset(offsets[i])));
                }

                break;
            case WitKind.Option:
                w.Open(HasValue(t, "__v"));
                w.Line(c.WriteDiscriminant(t, "1", "__a"));
                w.Line(c.Store(t.Elements[0], OptionValue(t, "__v"), Offset(CanonicalLayout.PayloadOffset(t))));
                w.Close();
                w.Open("else");
                w.Line(c.WriteDiscriminant(t, "0", "__a"));
                w.Close();
                break;
            case WitKind.Result:
                string payload = Offset(CanonicalLayout.PayloadOffset(t));
                EmitBranches(w, "__v.IsOk",
                    c.WriteDiscriminant(t, "0", "__a") + " " + c.Store(t.Elements[0], "__v.Value", payload),
                    c.WriteDiscriminant(t, "1", "__a") + " " + c.Store(t.Elements[1], "__v.Error", payload));
                break;
            case WitKind.Variant:
                w.Open("switch (__v)");
                for (int i = 0; i < t.Members.Count; i++)
                {
                    WitMember m = t.Members[i];
                    string store = m.Type is null ? string.Empty : " " + c.Store(m.Type, "__c." + m.PayloadMember, Offset(CanonicalLayout.PayloadOffset(t)));
                    w.Line($"case {m.Name} __c: {c.WriteDiscriminant(t, i.ToString(CultureInfo.InvariantCulture), "__a")}{store} break;");
                }

                w.Line($"default: throw new global::System.ArgumentException(__op + \": \" + __v.GetType() + \" is not a case of {CSharpText.LiteralContent(t.Wit)}\");");
                w.Close();
                break;
        }
    }

    public static void EmitLoadBody(CanonicalCodec c, IndentedWriter w, WitType t)
    {
        switch (t.Kind)
        {
            case WitKind.String:
                w.Line($"return {c.StringLoad($"unchecked((int){Lift}.U32(__m, __a, __op))", $"unchecked((int){Lift}.U32(__m, __a + 4, __op))")};");
                break;
            case WitKind.List:
                WitType e = t.Elements[0];
                int size = CanonicalLayout.Size(e);
                w.Line($"int __b = unchecked((int){Lift}.U32(__m, __a, __op));");
                w.Line($"int __n = unchecked((int){Lift}.U32(__m, __a + 4, __op));");
                if (CanonicalTypeIsBlittable(e))
                {
                    w.Line($"return {Lift}.Primitives<{e.ClrType}>(__m, __b, __n, {CanonicalLayout.Alignment(e)}, __op);");
                    break;
                }

                w.Line($"{Lift}.List(__m, __b, __n, {size}, {CanonicalLayout.Alignment(e)}, __op);");
                w.Line($"var __r = {Lift}.NewArray<{e.ClrType}>(__n);");
                w.Open("for (int __i = 0; __i < __n; __i++)");
                w.Line($"__r[__i] = {c.Load(e, $"__b + __i * {size}")};");
                w.Close();
                w.Line("return __r;");
                break;
            case WitKind.Record or WitKind.Tuple:
                int[] offsets = CanonicalLayout.FieldOffsets(t);
                w.Line("return " + c.Construct(t, CanonicalLayout.Fields(t).Select((f, i) => c.Load(f, Offset(offsets[i]))).ToArray()) + ";");
                break;
            case WitKind.Option:
                w.Open($"if ({c.ReadDiscriminant(t, "__a")} == 0)");
                w.Line("return default;");
                w.Close();
                w.Line($"return {c.Load(t.Elements[0], Offset(CanonicalLayout.PayloadOffset(t)))};");
                break;
            case WitKind.Result:
                string payload = Offset(CanonicalLayout.PayloadOffset(t));
                w.Line($"return {c.ReadDiscriminant(t, "__a")} == 0 ? {t.ClrType}.Ok({c.Load(t.Elements[0], payload)}) : {t.ClrType}.Err({c.Load(t.Elements[1], payload)});");
                break;
            case WitKind.Variant:
                w.Open($"switch ({c.ReadDiscriminant(t, "__a")})");
                for (int i = 0; i < t.Members.Count; i++)
                {
                    WitMember m = t.Members[i];
                    string value = m.Type is null ? string.Empty : c.Load(m.Type, Offset(CanonicalLayout.PayloadOffset(t)));
                    w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}: return new {m.Name}({value});");
                }

                w.Line("default: throw new global::System.InvalidOperationException(\"unreachable: the discriminant was checked\");");
                w.Close();
                break;
        }
    }

    public static void EmitEnum(IndentedWriter w, WitType t, int id)
    {
        w.Open($"private static int __ToCase{id}({t.ClrType} __v, string __op) => __v switch");
        for (int i = 0; i < t.Members.Count; i++)
        {
            w.Line($"{t.ClrType}.{CSharpText.Identifier(t.Members[i].Name)} => {i.ToString(CultureInfo.InvariantCulture)},");
        }

        w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(\"value\", __v, __op + \": not a case of {CSharpText.LiteralContent(t.Wit)}\"),");
        w.Close(";");
        w.Open($"private static {t.ClrType} __FromCase{id}(int __i) => __i switch");
        for (int i = 0; i < t.Members.Count; i++)
        {
            w.Line($"{i.ToString(CultureInfo.InvariantCulture)} => {t.ClrType}.{CSharpText.Identifier(t.Members[i].Name)},");
        }

        w.Line("_ => throw new global::System.InvalidOperationException(\"unreachable: the discriminant was checked\"),");
        w.Close(";");
    }

    public static void EmitFlags(IndentedWriter w, WitType t, int id)
    {
        w.Open($"private static uint __ToFlags{id}({t.ClrType} __v)");
        w.Line("uint __b = 0;");
        for (int i = 0; i < t.Members.Count; i++)
        {
            w.Line($"if ((__v & {t.ClrType}.{CSharpText.Identifier(t.Members[i].Name)}) != 0) __b |= 1u << {i.ToString(CultureInfo.InvariantCulture)};");
        }

        w.Line("return __b;");
        w.Close();
        w.Open($"private static {t.ClrType} __FromFlags{id}(uint __b)");
        w.Line($"{t.ClrType} __v = default;");
        for (int i = 0; i < t.Members.Count; i++)
        {
            w.Line($"if ((__b & (1u << {i.ToString(CultureInfo.InvariantCulture)})) != 0) __v |= {t.ClrType}.{CSharpText.Identifier(t.Members[i].Name)};");
        }

        w.Line("return __v;");
        w.Close();
    }

    /// <summary>A variant-like type whose cases carry nothing, from its discriminant (a flat result).</summary>
    public static void EmitFromDiscriminant(IndentedWriter w, WitType t, int id)
    {
        w.Open($"private static {t.ClrType} __FromDiscriminant{id}(int __i) => __i switch");
        if (t.Kind == WitKind.Result)
        {
            w.Line($"0 => {t.ClrType}.Ok(default),");
            w.Line($"_ => {t.ClrType}.Err(default),");
        }
        else
        {
            for (int i = 0; i < t.Members.Count; i++)
            {
                w.Line($"{i.ToString(CultureInfo.InvariantCulture)} => ({t.ClrType})new {t.Members[i].Name}(),");
            }

            w.Line("_ => throw new global::System.InvalidOperationException(\"unreachable: the discriminant was checked\"),");
        }

        w.Close(";");
    }

    /// <summary>Elements copied as raw little-endian bytes: every primitive but bool, whose bytes must be read as 0 or not.</summary>
    public static bool CanonicalTypeIsBlittable(WitType t) => t.Kind is >= WitKind.S8 and <= WitKind.F64;

    public static string HasValue(WitType option, string v) => option.IsValueType ? $"if ({v}.HasValue)" : $"if ({v} is not null)";

    public static string OptionValue(WitType option, string v) => option.IsValueType ? $"{v}.GetValueOrDefault()" : v;

    private static void NullCheck(IndentedWriter w, WitType t)
    {
        if (!t.IsValueType && !t.IsSpan && t.Kind != WitKind.Option)
        {
            w.Line($"if (__v is null) throw new global::System.ArgumentNullException(\"value\", __op + \": a {CSharpText.LiteralContent(t.Wit)} value is null; only option<T> (T?) can be null\");");
        }
    }

    private static void WritePointer(IndentedWriter w)
    {
        w.Line($"{Lower}.U32(__m, __a, unchecked((uint)__b));");
        w.Line($"{Lower}.U32(__m, __a + 4, unchecked((uint)__n));");
    }

    private static void EmitBranches(IndentedWriter w, string condition, string? ok, string? error)
    {
        if (ok is null && error is null)
        {
            return;
        }

        w.Open($"if ({condition})");
        if (ok is not null)
        {
            w.Line(ok);
        }

        w.Close();
        if (error is not null)
        {
            w.Open("else");
            w.Line(error);
            w.Close();
        }
    }

    private static string Offset(int offset) => offset == 0 ? "__a" : "__a + " + offset.ToString(CultureInfo.InvariantCulture);
}
