using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// An optional number as an export's result (<c>Option&lt;u32&gt;</c>, <c>Option&lt;f64&gt;</c>...), in the three forms the
/// glue lifts it: an f64 whose none is 2^32 + 1 (<c>ret === 0x100000001 ? undefined : ret</c>, 32-bit integers), an i32
/// whose none is 0xFFFFFF (<c>ret === 0xFFFFFF ? undefined : ret</c>, 8- and 16-bit integers, and booleans with
/// <c>ret !== 0</c>), or a flag and a value (<c>ret[0] === 0 ? undefined : ret[1]</c>, multi-value results: 64-bit
/// integers and floats). The element says which: <c>sentinel32</c>, <c>sentinel24</c>, <c>bool24</c>, <c>flag</c>.
/// </summary>
internal static class GlueOptionalResult
{
    /// <summary>The form, the value's slot and the flag's slot (-1 for the sentinel forms); null when the wrapper lifts no optional number.</summary>
    public static (string Element, int Value, int Flag)? Read(string body, GlueTransport transport, Dictionary<string, int> slots)
    {
        if (transport == GlueTransport.Direct)
        {
            return Regex.IsMatch(body, @"return\s+ret\s*===\s*0x100000001\s*\?\s*undefined\s*:\s*ret\s*;") ? ("sentinel32", -1, -1)
                : Regex.IsMatch(body, @"return\s+ret\s*===\s*0xFFFFFF\s*\?\s*undefined\s*:\s*ret\s*;") ? ("sentinel24", -1, -1)
                : Regex.IsMatch(body, @"return\s+ret\s*===\s*0xFFFFFF\s*\?\s*undefined\s*:\s*ret\s*!==\s*0\s*;") ? ("bool24", -1, -1)
                : null;
        }

        Match flagged = Regex.Match(body, @"return\s+(?<flag>[\w\[\]]+)\s*===\s*0\s*\?\s*undefined\s*:\s*(?<value>[\w\[\]]+)\s*;");
        if (transport == GlueTransport.MultiValue && flagged.Success
            && slots.TryGetValue(flagged.Groups["flag"].Value, out int flag) && slots.TryGetValue(flagged.Groups["value"].Value, out int value))
        {
            return ("flag", value, flag);
        }

        return null;
    }

    /// <summary>
    /// A number a wrapper reads from its return area, the <c>Result&lt;u32, E&gt;</c> and <c>Option&lt;f64&gt;</c> forms of every
    /// wasm-bindgen since the shadow stack: <c>var r2 = getDataViewMemory0().getFloat64(retptr + 8 * 1, true);</c> (0.2.9x) or
    /// <c>var r2 = getFloat64Memory0()[retptr / 8 + 1];</c> (before), then <c>return r0 === 0 ? undefined : r2;</c> for an
    /// optional one, <c>return r0 &gt;&gt;&gt; 0;</c>, <c>return r0 !== 0;</c> or <c>return r0;</c> for a plain one. The element
    /// names the value's type as the glue reads it (<c>area-i32</c>, <c>area-u32</c>, <c>area-f32</c>, <c>area-f64</c>,
    /// <c>area-i64</c>, <c>area-u64</c>), the value's slot is its first 32-bit word, the flag's slot is -1 for a plain number.
    /// </summary>
    public static (GlueResultKind Kind, int Value, int Flag, string Element)? ReadFromReturnArea(string body)
    {
        var words = new Dictionary<string, (int Word, string Type)>(System.StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(body, @"var (?<v>r\d+) = (?:get(?<t>Int32|Float32|Float64|BigInt64)Memory0\(\)\[retptr / (?<size>4|8) \+ (?<i>\d+)\]|getDataViewMemory0\(\)\.get(?<t>Int32|Float32|Float64|BigInt64)\(retptr \+ (?<size>4|8) \* (?<i>\d+), true\));"))
        {
            int index = int.Parse(m.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture);
            int word = m.Groups["size"].Value == "8" ? 2 * index : index;
            words[m.Groups["v"].Value] = (word, m.Groups["t"].Value switch { "Int32" => "i32", "Float32" => "f32", "Float64" => "f64", _ => "i64" });
        }

        // Option<u32>/Option<i32> beside an error: an f64 whose none is 2^32 + 1, as a direct result has it.
        Match sentinel = Regex.Match(body, @"return\s+(?<v>r\d+)\s*===\s*0x100000001\s*\?\s*(?:undefined|void 0)\s*:\s*\k<v>\s*;");
        if (sentinel.Success)
        {
            return words.TryGetValue(sentinel.Groups["v"].Value, out (int Word, string Type) f64) && f64.Type == "f64"
                ? (GlueResultKind.OptionalNumber, f64.Word, -1, Sentinel32) : null;
        }

        const string Value = @"(?<unsigned>BigInt\.asUintN\(64,\s*)?(?<v>r\d+)\)?(?<u32>\s*>>>\s*0)?";
        Match optional = Regex.Match(body, @"return\s+(?<flag>r\d+)\s*===\s*0\s*\?\s*(?:undefined|void 0)\s*:\s*" + Value + @"\s*;");
        Match plain = Regex.Match(body, @"return\s+" + Value + @"(?<bool>\s*!==\s*0)?\s*;");
        Match found = optional.Success ? optional : plain;
        if (!found.Success || !words.TryGetValue(found.Groups["v"].Value, out (int Word, string Type) value)
            || (optional.Success && !(words.TryGetValue(optional.Groups["flag"].Value, out (int Word, string Type) flag) && flag.Type == "i32")))
        {
            return null;
        }

        string type = found.Groups["unsigned"].Success && value.Type == "i64" ? "u64" : found.Groups["u32"].Success && value.Type == "i32" ? "u32" : value.Type;
        GlueResultKind kind = optional.Success ? GlueResultKind.OptionalNumber
            : plain.Groups["bool"].Success && type == "i32" ? GlueResultKind.Bool
            : type == "u32" ? GlueResultKind.Unsigned
            : GlueResultKind.Number;
        return (kind, value.Word, optional.Success ? words[optional.Groups["flag"].Value].Word : -1, "area-" + type);
    }

    /// <summary>An f64 read from the return area whose none is 2^32 + 1 (<c>return r0 === 0x100000001 ? undefined : r0;</c>).</summary>
    public const string Sentinel32 = "area-sentinel32";

    /// <summary>Whether a result element occupies two words of the return area (an f64 or a 64-bit integer).</summary>
    public static bool IsWide(string? element) => element is "area-f64" or "area-i64" or "area-u64" or Sentinel32;

    /// <summary>The C# expression of a number read from the return area's words (<paramref name="words"/>.R0..R3), as the glue reads it.</summary>
    public static string AreaValue(string element, int word, string words) => element switch
    {
        "area-u32" => $"unchecked((uint){words}.R{word})",
        "area-f32" => $"global::System.BitConverter.Int32BitsToSingle({words}.R{word})",
        "area-f64" or Sentinel32 => $"global::System.BitConverter.Int64BitsToDouble(((long){words}.R{word + 1} << 32) | (uint){words}.R{word})",
        "area-i64" => $"(((long){words}.R{word + 1} << 32) | (uint){words}.R{word})",
        "area-u64" => $"unchecked((ulong)(((long){words}.R{word + 1} << 32) | (uint){words}.R{word}))",
        _ => $"{words}.R{word}",
    };

    /// <summary>Whether a declared number type holds every value of a return-area number: a float is not an integer, 64 bits fit only 64.</summary>
    public static bool AreaFits(string element, WasmBindgenType type) => element switch
    {
        "area-f64" => type is WasmBindgenType.F64 or WasmBindgenType.NullableF64,
        Sentinel32 => type is WasmBindgenType.NullableF64 or WasmBindgenType.NullableI64 or WasmBindgenType.NullableI32 or WasmBindgenType.NullableU32,
        "area-f32" => type is WasmBindgenType.F32 or WasmBindgenType.F64 or WasmBindgenType.NullableF32 or WasmBindgenType.NullableF64,
        "area-i64" => type is WasmBindgenType.I64 or WasmBindgenType.NullableI64,
        "area-u64" => type is WasmBindgenType.U64 or WasmBindgenType.NullableU64,
        _ => type is WasmBindgenType.I32 or WasmBindgenType.U32 or WasmBindgenType.I64 or WasmBindgenType.F64 or WasmBindgenType.Bool
            or WasmBindgenType.NullableI32 or WasmBindgenType.NullableU32 or WasmBindgenType.NullableI64 or WasmBindgenType.NullableF64,
    };

    /// <summary>The C# type a package binding declares for a return-area number (nullable for an optional one).</summary>
    public static string AreaType(string element) => element switch
    {
        "area-u32" => "uint",
        "area-f32" => "float",
        "area-f64" or Sentinel32 => "double",
        "area-i64" => "long",
        "area-u64" => "ulong",
        _ => "int",
    };

    /// <summary>The C# type of the value of a nullable number type (<c>uint</c> for <c>uint?</c>).</summary>
    public static string Underlying(WasmBindgenType type) => type switch
    {
        WasmBindgenType.NullableBool => "bool",
        WasmBindgenType.NullableI32 => "int",
        WasmBindgenType.NullableU32 => "uint",
        WasmBindgenType.NullableI64 => "long",
        WasmBindgenType.NullableU64 => "ulong",
        WasmBindgenType.NullableF32 => "float",
        _ => "double",
    };
}
