using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>The result side of an export wrapper: the return area's slots and what the wrapper lifts from them.</summary>
internal static partial class GlueExportReader
{
    /// <summary>The return-area slots the wrapper reads (<c>rN</c> at word N), or the multi-value results (<c>ret[N]</c>).</summary>
    private static Dictionary<string, int> Slots(string body, GlueTransport transport)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        if (transport == GlueTransport.ReturnArea)
        {
            foreach (Match m in Regex.Matches(body, @"var (r\d+) = (?:getInt32Memory0\(\)\[retptr / 4 \+ (\d+)\]|getDataViewMemory0\(\)\.getInt32\(retptr \+ 4 \* (\d+), true\))"))
            {
                slots[m.Groups[1].Value] = int.Parse(m.Groups[2].Success && m.Groups[2].Length > 0 ? m.Groups[2].Value : m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            // Before 0.2.6x: const memi32 = getInt32Memory(); ... memi32[retptr / 4 + 1]
            foreach (Match m in Regex.Matches(body, @"memi32\[retptr / 4 \+ (\d+)\]"))
            {
                slots[m.Value] = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        else if (transport == GlueTransport.MultiValue)
        {
            foreach (Match m in Regex.Matches(body, @"\bret\[(\d+)\]"))
            {
                slots[m.Value] = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // Aliases: var ptr1 = r0; deferred3_0 = ptr2; ...
        foreach (Match m in Regex.Matches(body, @"(?:var\s+|let\s+)?(\w+)\s*=\s*([\w\[\]]+);"))
        {
            if (slots.TryGetValue(m.Groups[2].Value, out int slot) && !slots.ContainsKey(m.Groups[1].Value))
            {
                slots[m.Groups[1].Value] = slot;
            }
        }

        return slots;
    }

    private static int Slot(string expression, Dictionary<string, int> slots) => slots.TryGetValue(expression, out int slot) ? slot : -1;

    private static (GlueResultKind Kind, int Slot, int Length, string? Element) TypedArrayResult(string body, GlueTransport transport, Dictionary<string, int> slots)
    {
        Match m = Regex.Match(body, @"getArray(?<element>I8|U16|I16|U32|I32|U64|I64|F32|F64)FromWasm0\((?<p>[\w\[\]]+),\s*(?<l>[\w\[\]]+)\)\.slice\(\)");
        if (!m.Success || transport == GlueTransport.Direct)
        {
            return (GlueResultKind.Other, -1, -1, null);
        }

        int pointer = Slot(m.Groups["p"].Value, slots), length = Slot(m.Groups["l"].Value, slots);
        return pointer < 0 || length < 0 ? (GlueResultKind.Other, -1, -1, null) : (GlueResultKind.Array, pointer, length, m.Groups["element"].Value);
    }

    private static (GlueResultKind Kind, int Slot, int Length) Result(string body, bool assigned, GlueTransport transport, Dictionary<string, int> slots, ref string? problem)
    {
        foreach ((string helper, GlueResultKind kind) in new[]
        {
            ("getStringFromWasm0", GlueResultKind.String),
            ("getArrayU8FromWasm0", GlueResultKind.Bytes),
            ("getArrayJsValueFromWasm0", GlueResultKind.StringArray),
        })
        {
            Match m = Regex.Match(body, helper + @"\((?<p>[\w\[\]]+|memi32\[retptr / 4 \+ \d+\]),\s*(?<l>[\w\[\]]+|memi32\[retptr / 4 \+ \d+\])\)");
            if (!m.Success)
            {
                continue;
            }

            int pointer = Slot(m.Groups["p"].Value, slots), length = Slot(m.Groups["l"].Value, slots);
            if (transport == GlueTransport.Direct || pointer < 0 || length < 0)
            {
                problem ??= $"its wrapper reads its result with {helper} from a place Bindgen does not read";
                return (GlueResultKind.Other, -1, -1);
            }

            bool optional = kind is GlueResultKind.String or GlueResultKind.Bytes && Regex.IsMatch(body, @"if\s*\(\s*" + Regex.Escape(m.Groups["p"].Value) + @"\s*!==\s*0\s*\)");
            return (!optional ? kind : kind == GlueResultKind.Bytes ? GlueResultKind.OptionalBytes : GlueResultKind.OptionalString, pointer, length);
        }

        Match taken = Regex.Match(body, @"return\s+(?:takeObject|takeFromExternrefTable0)\((?<v>[\w\[\]]+)\)\s*;");
        if (taken.Success)
        {
            int slot = transport == GlueTransport.Direct ? (taken.Groups["v"].Value == "ret" ? 0 : -1) : Slot(taken.Groups["v"].Value, slots);
            if (slot < 0)
            {
                problem ??= "its wrapper returns a JavaScript value from a place Bindgen does not read";
                return (GlueResultKind.Other, -1, -1);
            }

            return (GlueResultKind.Object, transport == GlueTransport.Direct ? -1 : slot, -1);
        }

        // A char: String.fromCodePoint of the code point, a direct result or a word of the return area (beside an error).
        Match codePoint = Regex.Match(body, @"return\s+String\.fromCodePoint\((?<v>[\w\[\]]+)\)\s*;");
        if (codePoint.Success)
        {
            int slot = transport == GlueTransport.Direct ? (codePoint.Groups["v"].Value == "ret" ? 0 : -1) : Slot(codePoint.Groups["v"].Value, slots);
            if (slot < 0 || transport == GlueTransport.MultiValue)
            {
                problem ??= "its wrapper returns a char from a place Bindgen does not read";
                return (GlueResultKind.Other, -1, -1);
            }

            return (GlueResultKind.Char, transport == GlueTransport.Direct ? -1 : slot, -1);
        }

        if (Regex.IsMatch(body, @"\w+\.__wrap\("))
        {
            problem ??= "its result is an instance of an exported class (classes are not supported)";
            return (GlueResultKind.Other, -1, -1);
        }

        if (Regex.IsMatch(body, @"getArray\w+FromWasm0|takeObject\(ret\)|takeFromExternrefTable0\(ret\)|getObject\(ret\)|Float64|getFloat"))
        {
            problem ??= "its result is a JavaScript value or array Bindgen does not lift";
            return (GlueResultKind.Other, -1, -1);
        }

        // Result<bool, E>, Result<u32, E>, Result<i32, E>... of a multi-value build: ret[0] is the value beside the error's slots.
        if (transport == GlueTransport.MultiValue
            && Regex.Match(body, @"return\s+(?<v>ret\[\d+\])(?<op>\s*!==\s*0|\s*>>>\s*0)?\s*;") is { Success: true } number
            && Slot(number.Groups["v"].Value, slots) is >= 0 and int numberSlot)
        {
            string op = number.Groups["op"].Value.Trim();
            return (op.StartsWith("!==", StringComparison.Ordinal) ? GlueResultKind.Bool : op.StartsWith(">>>", StringComparison.Ordinal) ? GlueResultKind.Unsigned : GlueResultKind.Number, numberSlot, -1);
        }

        if (!assigned || transport != GlueTransport.Direct)
        {
            return (GlueResultKind.Void, -1, -1);
        }

        return Regex.IsMatch(body, @"return\s+ret\s*!==\s*0\s*;") ? (GlueResultKind.Bool, -1, -1)
            : Regex.IsMatch(body, @"return\s+ret\s*>>>\s*0\s*;") ? (GlueResultKind.Unsigned, -1, -1)
            : Regex.IsMatch(body, @"return\s+ret\s*;") ? (GlueResultKind.Number, -1, -1)
            : Regex.IsMatch(body, @"return\s+BigInt\.asUintN\(64,\s*ret\)\s*;") ? (GlueResultKind.Number, -1, -1)
            : GlueStringEnums.Result(body) is not null ? (GlueResultKind.Number, -1, -1)
            : Regex.IsMatch(body, @"return\s") ? Other(ref problem)
            : (GlueResultKind.Void, -1, -1);
    }

    private static (GlueResultKind, int, int) Other(ref string? problem)
    {
        problem ??= "its result is lifted in a way Bindgen does not read";
        return (GlueResultKind.Other, -1, -1);
    }
}
