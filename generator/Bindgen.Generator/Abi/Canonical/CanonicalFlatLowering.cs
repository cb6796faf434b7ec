using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// Lowers one argument to its flat core values (CanonicalABI.md, lower_flat): scalars converted, strings and lists
/// written into their planned blocks, records concatenated, variants as a discriminant plus the cases' payloads
/// coerced to the joined types (unused slots zero).
/// </summary>
internal sealed class CanonicalFlatLowering
{
    private readonly IndentedWriter _w;
    private readonly CanonicalCodec _codec;
    private readonly MethodModel _method;
    private int _next;

    public CanonicalFlatLowering(IndentedWriter w, CanonicalCodec codec, MethodModel method)
    {
        _w = w;
        _codec = codec;
        _method = method;
    }

    /// <summary>Emits what <paramref name="v"/> needs and returns one C# expression per flat value.</summary>
    public List<string> Lower(WitType t, string v)
    {
        switch (t.Kind)
        {
            case WitKind.Bool: return One($"({v} ? 1 : 0)");
            case WitKind.S8 or WitKind.U8 or WitKind.S16 or WitKind.U16: return One($"(int){v}");
            case WitKind.S32: return One(v);
            case WitKind.U32: return One($"unchecked((int){v})");
            case WitKind.U64: return One($"unchecked((long){v})");
            case WitKind.S64 or WitKind.F32 or WitKind.F64: return One(v);
            case WitKind.Char: return One($"{v}.Value");
            case WitKind.Unit: return new List<string>();
            case WitKind.Own or WitKind.Borrow when t.HostResource >= 0:
                // A resource the host implements: the object goes into the instance's table, the guest gets a handle.
                return One($"__component.LowerHost{(t.Kind == WitKind.Own ? "Own" : "Borrow")}({t.HostResource}, {v}, {_codec.Op}, {CSharpText.Literal(v)})");
            case WitKind.Own or WitKind.Borrow:
                // A resource the component defines: an owning handle is moved into its table, a borrow passes the representation.
                return One($"global::Bindgen.ComponentResource.{(t.Kind == WitKind.Own ? "Move" : "Borrow")}({v}, this.__component, {_codec.Op}, {CSharpText.Literal(v)})");
            case WitKind.Enum: return One($"__ToCase{_codec.Id(t)}({v}, {_codec.Op})");
            case WitKind.Flags: return One($"unchecked((int)__ToFlags{_codec.Id(t)}({v}))");
            case WitKind.String or WitKind.List:
            {
                // The block was allocated in the allocation pass: fill it, and pass its address and count.
                string pointer = Local("b");
                string count = Local("n");
                _w.Line($"int {pointer} = {Block(t, v, count)};");
                return new List<string> { pointer, count };
            }

            case WitKind.Record or WitKind.Tuple:
            {
                string value = Local("v");
                _w.Line($"var {value} = {v};");
                if (!t.IsValueType)
                {
                    _w.Line($"if ({value} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(v)}, {_codec.Op} + \": a {CSharpText.LiteralContent(t.Wit)} value is null\");");
                }

                string[] access = CanonicalCodec.FieldAccess(t, value);
                return CanonicalLayout.Fields(t).SelectMany((f, i) => Lower(f, access[i])).ToList();
            }

            default:
                return LowerVariant(t, v);
        }
    }

    /// <summary>Writes a string's or list's block and yields its address; the element count goes to local <paramref name="count"/>.</summary>
    private string Block(WitType t, string v, string count)
    {
        string b = Local("blk");
        _w.Line($"int {b} = {_codec.P}.Next(out int {count});");
        if (t.Kind == WitKind.String)
        {
            _w.Line(_codec.StringStore(b, count, v));
            return b;
        }

        WitType e = t.Elements[0];
        if (CanonicalCodecCases.CanonicalTypeIsBlittable(e))
        {
            _w.Line($"global::Bindgen.Internals.CanonicalLower.Primitives<{e.ClrType}>({_codec.M}, {b}, {v});");
            return b;
        }

        string i = Local("i");
        _w.Open($"for (int {i} = 0; {i} < {count}; {i}++)");
        _w.Line(_codec.Store(e, $"{v}[{i}]", $"{b} + {i} * {CanonicalLayout.Size(e).ToString(CultureInfo.InvariantCulture)}"));
        _w.Close();
        return b;
    }

    private List<string> LowerVariant(WitType t, string v)
    {
        List<WasmType> flat = CanonicalLayout.Flatten(t);
        string d = Local("d");
        var slots = flat.Skip(1).Select(_ => Local("j")).ToList();
        _w.Line($"int {d};");
        for (int k = 0; k < slots.Count; k++)
        {
            _w.Line($"{LoweredSignature.ClrType(flat[k + 1])} {slots[k]} = 0;");
        }

        IReadOnlyList<WitType?> cases = CanonicalLayout.Cases(t);
        switch (t.Kind)
        {
            case WitKind.Option:
                Branch($"if ({v} is null)", d, 0, null, null, flat, slots);
                Branch("else", d, 1, cases[1], CanonicalCodecCases.OptionValue(t, v), flat, slots);
                break;
            case WitKind.Result:
                Branch($"if ({v}.IsOk)", d, 0, cases[0], $"{v}.Value", flat, slots);
                Branch("else", d, 1, cases[1], $"{v}.Error", flat, slots);
                break;
            default:
                string c = Local("c");
                for (int i = 0; i < t.Members.Count; i++)
                {
                    WitMember m = t.Members[i];
                    Branch($"{(i == 0 ? string.Empty : "else ")}if ({v} is {m.Name} {c}_{i})", d, i, m.Type, m.Type is null ? null : $"{c}_{i}.{m.PayloadMember}", flat, slots);
                }

                _w.Line($"else throw new global::System.ArgumentException({_codec.Op} + \": \" + ({v}?.GetType().ToString() ?? \"null\") + \" is not a case of {CSharpText.LiteralContent(t.Wit)}\");");
                break;
        }

        var result = new List<string> { d };
        result.AddRange(slots);
        return result;
    }

    private void Branch(string header, string d, int index, WitType? payload, string? value, List<WasmType> joined, List<string> slots)
    {
        _w.Open(header);
        _w.Line($"{d} = {index.ToString(CultureInfo.InvariantCulture)};");
        if (payload is not null)
        {
            List<WasmType> have = CanonicalLayout.Flatten(payload);
            List<string> values = Lower(payload, value!);
            for (int k = 0; k < values.Count; k++)
            {
                _w.Line($"{slots[k]} = {Coerce(values[k], have[k], joined[k + 1])};");
            }
        }

        _w.Close();
    }

    /// <summary>A case's flat value as the joined type wants it: bit patterns for floats, zero-extension for i32 in i64.</summary>
    private static string Coerce(string value, WasmType have, WasmType want) => (have, want) switch
    {
        _ when have == want => value,
        (WasmType.F32, WasmType.I32) => $"global::System.BitConverter.SingleToInt32Bits({value})",
        (WasmType.I32, WasmType.I64) => $"(long)unchecked((uint)({value}))",
        (WasmType.F32, WasmType.I64) => $"(long)unchecked((uint)global::System.BitConverter.SingleToInt32Bits({value}))",
        _ => $"global::System.BitConverter.DoubleToInt64Bits({value})",
    };

    private List<string> One(string expression) => new() { expression };

    private string Local(string name) => _method.Local(name + (_next++).ToString(CultureInfo.InvariantCulture));
}
