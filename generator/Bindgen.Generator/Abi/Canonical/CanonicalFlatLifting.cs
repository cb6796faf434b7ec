using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// Lifts an import's arguments from their flat core values (CanonicalABI.md, lift_flat): scalars converted and
/// validated, strings and lists read (bounds-checked) from the (pointer, length) pairs, records assembled, variants
/// from a validated discriminant and the case's payload coerced back from the joined types.
/// </summary>
internal sealed class CanonicalFlatLifting
{
    private readonly IndentedWriter _w;
    private readonly CanonicalCodec _codec;
    private readonly MethodModel _method;
    private int _next;

    public CanonicalFlatLifting(IndentedWriter w, CanonicalCodec codec, MethodModel method)
    {
        _w = w;
        _codec = codec;
        _method = method;
    }

    /// <summary>Emits what lifting needs and returns the lifted value's expression; consumes <paramref name="flat"/> values in order.</summary>
    public string Lift(WitType t, Queue<(string Value, WasmType Type)> flat)
    {
        switch (t.Kind)
        {
            case WitKind.Unit:
                return "default(global::Bindgen.Unit)";
            case WitKind.String:
            {
                string p = flat.Dequeue().Value, n = flat.Dequeue().Value;
                return Local(_codec.StringLoad(p, n), t);
            }

            case WitKind.List:
            {
                string p = flat.Dequeue().Value, n = flat.Dequeue().Value;
                WitType e = t.Elements[0];
                int size = CanonicalLayout.Size(e), align = CanonicalLayout.Alignment(e);
                if (CanonicalCodecCases.CanonicalTypeIsBlittable(e))
                {
                    return Local($"global::Bindgen.Internals.CanonicalLift.Primitives<{e.ClrType}>({_codec.M}, {p}, {n}, {align}, {_codec.Op})", t);
                }

                string list = Name("list");
                string i = Name("i");
                _w.Line($"global::Bindgen.Internals.CanonicalLift.List({_codec.M}, {p}, {n}, {size}, {align}, {_codec.Op});");
                _w.Line($"var {list} = global::Bindgen.Internals.CanonicalLift.NewArray<{e.ClrType}>({n});");
                _w.Open($"for (int {i} = 0; {i} < {n}; {i}++)");
                _w.Line($"{list}[{i}] = {_codec.Load(e, $"{p} + {i} * {size}")};");
                _w.Close();
                return list;
            }

            case WitKind.Record or WitKind.Tuple:
                return Local(_codec.Construct(t, CanonicalLayout.Fields(t).Select(f => Lift(f, flat)).ToArray()), t);

            case WitKind.Option or WitKind.Result or WitKind.Variant:
                return LiftVariant(t, flat);

            default:
                (string value, _) = flat.Dequeue();
                return _codec.FlatLift(t, value);
        }
    }

    private string LiftVariant(WitType t, Queue<(string Value, WasmType Type)> flat)
    {
        List<WasmType> joined = CanonicalLayout.Flatten(t);
        string d = flat.Dequeue().Value;
        var slots = joined.Skip(1).Select(_ => flat.Dequeue()).ToList();
        IReadOnlyList<WitType?> cases = CanonicalLayout.Cases(t);
        string result = Name("var");
        _w.Line($"{t.ClrType} {result};");
        _w.Open($"switch (global::Bindgen.Internals.CanonicalLift.Discriminant(unchecked((uint){d}), {cases.Count}, {CSharpText.Literal(t.Wit)}, {_codec.Op}))");
        for (int c = 0; c < cases.Count; c++)
        {
            _w.Open($"case {c.ToString(CultureInfo.InvariantCulture)}:");
            WitType? payload = cases[c];
            string? value = null;
            if (payload is not null)
            {
                List<WasmType> have = CanonicalLayout.Flatten(payload);
                var sub = new Queue<(string, WasmType)>(have.Select((h, k) => (Coerce(slots[k].Value, slots[k].Type, h), h)));
                value = Lift(payload, sub);
            }

            string built = t.Kind switch
            {
                WitKind.Option => c == 0 ? "default" : value!,
                WitKind.Result => $"{t.ClrType}.{(c == 0 ? "Ok" : "Err")}({value ?? "default"})",
                _ => $"new {t.Members[c].Name}({value})",
            };
            _w.Line($"{result} = {built};");
            _w.Line("break;");
            _w.Close();
        }

        _w.Line($"default: throw new global::System.InvalidOperationException(\"unreachable: the discriminant was checked\");");
        _w.Close();
        return result;
    }

    /// <summary>A joined flat value back as the case's type wants it (CanonicalABI.md, lift_flat_variant).</summary>
    private static string Coerce(string value, WasmType joined, WasmType have) => (joined, have) switch
    {
        _ when joined == have => value,
        (WasmType.I32, WasmType.F32) => $"global::System.BitConverter.Int32BitsToSingle({value})",
        (WasmType.I64, WasmType.I32) => $"unchecked((int){value})",
        (WasmType.I64, WasmType.F32) => $"global::System.BitConverter.Int32BitsToSingle(unchecked((int){value}))",
        _ => $"global::System.BitConverter.Int64BitsToDouble({value})",
    };

    private string Local(string expression, WitType t)
    {
        string name = Name("v");
        _w.Line($"{t.ClrType} {name} = {expression};");
        return name;
    }

    private string Name(string name) => _method.Local("in_" + name + (_next++).ToString(CultureInfo.InvariantCulture));
}
