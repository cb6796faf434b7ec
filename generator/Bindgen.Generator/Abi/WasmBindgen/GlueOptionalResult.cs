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
