using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>Reads one export wrapper: how each argument is lowered, and where the result and a thrown error come from.</summary>
internal static partial class GlueExportReader
{
    /// <param name="jsName">The wrapper's name (<c>f</c>, <c>C.m</c>...).</param>
    /// <param name="jsParameters">The wrapper's parameters.</param>
    /// <param name="body">The wrapper's body.</param>
    /// <param name="helpers">The glue's own functions, which are not exports of the module.</param>
    /// <param name="constructorOf">For a class's constructor, the class (its result is the new instance's pointer).</param>
    public static GlueExport Read(string jsName, string[] jsParameters, string body, HashSet<string> helpers, string? constructorOf = null)
    {
        Match call = Regex.Matches(body, @"wasm\.(\w+)\(").Cast<Match>().FirstOrDefault(m => !helpers.Contains(m.Groups[1].Value) && !m.Groups[1].Value.StartsWith("__wbindgen", StringComparison.Ordinal))!;
        if (call is null)
        {
            return Failed(jsName, "its wrapper calls no export of the module");
        }

        string wasmName = call.Groups[1].Value;
        int close = ClosingParenthesis(body, call.Index + call.Length - 1);
        if (close < 0)
        {
            return Failed(jsName, "its wrapper's call could not be read");
        }

        string[] arguments = SplitTopLevel(body.Substring(call.Index + call.Length, close - call.Index - call.Length));
        var parameters = new List<GlueParameter>();
        bool returnArea = false, takesSelf = false;
        string? problem = null;
        for (int i = 0; i < arguments.Length; i++)
        {
            string argument = arguments[i];
            if (argument == "retptr" && i == 0)
            {
                returnArea = true;
                continue;
            }

            // A class member's own instance, passed first (after the return area), lent for the call.
            if (argument is "this.__wbg_ptr" or "this.ptr" && parameters.Count == 0 && !takesSelf)
            {
                takesSelf = true;
                continue;
            }

            GlueParameter? parameter = Lower(argument, body, jsParameters, ref i, arguments);
            if (parameter is null)
            {
                problem ??= $"its wrapper passes '{Excerpt(argument)}', which Bindgen does not know how to lower";
                continue;
            }

            parameters.Add(parameter);
        }

        // Every JavaScript parameter must have been lowered, in order.
        string[] lowered = parameters.Select(p => p.Name).ToArray();
        if (problem is null && !lowered.SequenceEqual(jsParameters))
        {
            problem = $"its wrapper lowers its parameters ({Excerpt(string.Join(", ", jsParameters))}) in a way Bindgen does not read";
        }

        string prefix = body.Substring(0, call.Index);
        // wasm-bindgen before 0.2.8x declared the result with var (html-rewriter-wasm's `var ret = wasm.x(this.ptr); return ret !== 0;`).
        bool assigned = Regex.IsMatch(prefix, @"(?:const|var|let) ret\s*=\s*$");
        bool multi = assigned && Regex.IsMatch(body, @"\bret\[\d+\]");
        GlueTransport transport = returnArea ? GlueTransport.ReturnArea : multi ? GlueTransport.MultiValue : GlueTransport.Direct;
        Dictionary<string, int> slots = Slots(body, transport);
        (GlueResultKind result, int resultSlot, int lengthSlot, string? resultElement) = TypedArrayResult(body, transport, slots);
        if (constructorOf is not null && Regex.IsMatch(body, @"this\.(?:__wbg_ptr|ptr)\s*=\s*ret(?:\s*>>>\s*0)?\s*;|return\s+\w+\.__wrap\(ret\)"))
        {
            (result, resultSlot, lengthSlot, resultElement) = (GlueResultKind.Instance, -1, -1, constructorOf);
        }
        else if (constructorOf is not null && transport == GlueTransport.ReturnArea
            && Regex.Match(body, @"this\.(?:__wbg_ptr|ptr)\s*=\s*(?<v>r\d)(?:\s*>>>\s*0)?\s*;") is { Success: true } fallible && Slot(fallible.Groups["v"].Value, slots) >= 0)
        {
            // A constructor returning Result<Self, JsValue>: the pointer is a word of the return area.
            (result, resultSlot, lengthSlot, resultElement) = (GlueResultKind.Instance, Slot(fallible.Groups["v"].Value, slots), -1, constructorOf);
        }
        else if (OptionalInstanceResult(body, transport, slots) is { } optionalInstance)
        {
            (result, resultSlot, lengthSlot, resultElement) = (GlueResultKind.OptionalInstance, optionalInstance.Slot, -1, optionalInstance.Class);
        }
        else if (Regex.Match(body, @"return\s+(?<class>\w+)\.__wrap\((?<v>[\w\[\]]+)\)\s*;") is { Success: true } wrap && !Regex.IsMatch(body, @"===\s*0\s*\?\s*(?:undefined|void 0)"))
        {
            int slot = transport == GlueTransport.Direct ? (wrap.Groups["v"].Value == "ret" ? 0 : -1) : Slot(wrap.Groups["v"].Value, slots);
            (result, resultSlot, lengthSlot, resultElement) = slot < 0 ? (GlueResultKind.Other, -1, -1, null) : (GlueResultKind.Instance, transport == GlueTransport.Direct ? -1 : slot, -1, wrap.Groups["class"].Value);
            problem ??= slot < 0 ? "its wrapper returns a class instance from a place Bindgen does not read" : null;
        }
        else if (result != GlueResultKind.Array && transport == GlueTransport.ReturnArea && GlueOptionalResult.ReadFromReturnArea(body) is { } number)
        {
            (result, resultSlot, lengthSlot, resultElement) = (number.Kind, number.Value, number.Flag, number.Element);
        }
        else if (result != GlueResultKind.Array && GlueOptionalResult.Read(body, transport, slots) is { } optional)
        {
            (result, resultSlot, lengthSlot, resultElement) = (GlueResultKind.OptionalNumber, optional.Value, optional.Flag, optional.Element);
        }
        else if (result != GlueResultKind.Array)
        {
            (result, resultSlot, lengthSlot) = Result(body, assigned, transport, slots, ref problem);
        }

        // A u64 result: the glue reads the i64 as unsigned (BigInt.asUintN), so only ulong gives the same value; a string enum's index names its enum.
        if (result == GlueResultKind.Number)
        {
            resultElement = Regex.IsMatch(body, @"return\s+BigInt\.asUintN\(64,\s*ret\)\s*;") ? "u64" : GlueStringEnums.Result(body) is { } e ? GlueStringEnums.ElementPrefix + e : resultElement;
        }

        int errorSlot = -1, flagSlot = -1;
        Match error = Regex.Match(body, @"if\s*\((?<flag>[\w\[\]]+)\)\s*\{?\s*(?:ptr\d+\s*=\s*0;\s*len\d+\s*=\s*0;\s*)?throw\s+(?:takeObject|takeFromExternrefTable0)\((?<error>[\w\[\]]+)\)");
        if (error.Success)
        {
            errorSlot = Slot(error.Groups["error"].Value, slots);
            flagSlot = Slot(error.Groups["flag"].Value, slots);
            if (errorSlot < 0 || flagSlot < 0)
            {
                problem ??= "its wrapper's error check could not be read";
            }
        }

        Match fixedArea = Regex.Match(body, @"const retptr = (\d+);");
        int area = returnArea && fixedArea.Success ? int.Parse(fixedArea.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        int areaSize = AreaSize(body, returnArea && area < 0, ref problem);
        // The words read: a 64-bit value's second word too (its slot is its first).
        int lastWord = new[] { resultSlot + (GlueOptionalResult.IsWide(resultElement) ? 1 : 0), lengthSlot, errorSlot, flagSlot }.Max();
        if (transport == GlueTransport.ReturnArea && (lastWord + 1) * 4 > areaSize)
        {
            problem ??= $"its wrapper reads past the {areaSize}-byte return area";
        }

        return new GlueExport(jsName, wasmName, parameters.ToEquatableArray(), transport, result, resultSlot, lengthSlot, errorSlot, flagSlot, problem, resultElement, area, TakesSelf: takesSelf, AreaSize: areaSize);
    }

    private static GlueParameter? Lower(string argument, string body, string[] jsParameters, ref int index, string[] arguments)
    {
        if (OptionalInstance(argument, body, jsParameters) is { } optionalInstance)
        {
            return optionalInstance;
        }

        // An exported class's instance: moved (its pointer taken out of the JavaScript object) or lent (its pointer read).
        Match instance = Regex.Match(body, @"(?:const|var|let)\s+" + Regex.Escape(argument) + @"\s*=\s*(?<name>\w+)\.(?:__destroy_into_raw\(\)|ptr\s*;)");
        Match borrowedInstance = Regex.Match(argument, @"^(?<name>\w+)\.(?:__wbg_ptr|ptr)$");
        if ((instance.Success && Array.IndexOf(jsParameters, instance.Groups["name"].Value) >= 0) || (borrowedInstance.Success && Array.IndexOf(jsParameters, borrowedInstance.Groups["name"].Value) >= 0))
        {
            string name = instance.Success ? instance.Groups["name"].Value : borrowedInstance.Groups["name"].Value;
            Match asserted = Regex.Match(body, @"_assertClass\(" + Regex.Escape(name) + @",\s*(?<class>\w+)\)");
            if (!asserted.Success || Regex.IsMatch(body, @"isLikeNone\(" + Regex.Escape(name) + @"\)"))
            {
                return new GlueParameter(name, GlueParameterKind.Other, "an optional instance of an exported class, or one whose class the glue does not assert");
            }

            bool moved = instance.Success && instance.Value.Contains("__destroy_into_raw");
            return new GlueParameter(name, moved ? GlueParameterKind.OwnedInstance : GlueParameterKind.BorrowedInstance, argument, asserted.Groups["class"].Value);
        }

        Match pointer = Regex.Match(argument, @"^ptr(\d+)$");
        if (pointer.Success && index + 1 < arguments.Length && arguments[index + 1] == "len" + pointer.Groups[1].Value)
        {
            Match definition = Regex.Match(body, @"(?:const|var|let)\s+" + argument + @"\s*=\s*(?<optional>isLikeNone\((?<opt>\w+)\)\s*\?\s*0\s*:\s*)?(?<helper>passStringToWasm0|passArray(?<element>8|16|32|64|F32|F64)ToWasm0|pass\w+ToWasm0)\((?<name>\w+)");
            if (!definition.Success)
            {
                return null;
            }

            index++;
            string name = definition.Groups["name"].Value;
            bool optional = definition.Groups["optional"].Success;
            GlueParameterKind kind = definition.Groups["helper"].Value switch
            {
                "passStringToWasm0" => optional ? GlueParameterKind.OptionalString : GlueParameterKind.String,
                "passArray8ToWasm0" => optional ? GlueParameterKind.OptionalBytes : GlueParameterKind.Bytes,
                "passArrayJsValueToWasm0" => optional ? GlueParameterKind.OptionalValueArray : GlueParameterKind.ValueArray,
                _ when definition.Groups["element"].Success && !optional => GlueParameterKind.Array,
                _ => GlueParameterKind.Other,
            };
            return new GlueParameter(name, kind, definition.Value, kind == GlueParameterKind.Array ? definition.Groups["element"].Value : null);
        }

        // Before 0.2.6x the lowering was inline: passArray8ToWasm0(x), WASM_VECTOR_LEN.
        Match inline = Regex.Match(argument, @"^(?<helper>passStringToWasm0|passArray(?<element>8|16|32|64|F32|F64)ToWasm0)\((?<name>\w+)\)$");
        if (inline.Success && index + 1 < arguments.Length && arguments[index + 1] == "WASM_VECTOR_LEN")
        {
            index++;
            string element = inline.Groups["element"].Value;
            GlueParameterKind kind = inline.Groups["helper"].Value == "passStringToWasm0" ? GlueParameterKind.String : element == "8" ? GlueParameterKind.Bytes : GlueParameterKind.Array;
            return new GlueParameter(inline.Groups["name"].Value, kind, argument, kind == GlueParameterKind.Array ? element : null);
        }

        Match optionalBool = Regex.Match(argument, @"^isLikeNone\((\w+)\)\s*\?\s*0xFFFFFF\s*:\s*\1\s*\?\s*1\s*:\s*0$");
        if (optionalBool.Success)
        {
            return new GlueParameter(optionalBool.Groups[1].Value, GlueParameterKind.OptionalBool, argument);
        }

        // Option<u32>/Option<i32> as an f64 whose none is 2^32 + 1; Option<u8>, Option<i16>... as an i32 whose none is 0xFFFFFF.
        Match optionalInt = Regex.Match(argument, @"^isLikeNone\((\w+)\)\s*\?\s*(?:0x100000001\s*:\s*\(\1\)\s*(>>>?)\s*0|0xFFFFFF\s*:\s*\1)$");
        if (optionalInt.Success)
        {
            return new GlueParameter(optionalInt.Groups[1].Value, GlueParameterKind.OptionalInt, argument, !optionalInt.Groups[2].Success ? "24" : optionalInt.Groups[2].Value == ">>>" ? "u32" : "i32");
        }

        // Option<f64>, Option<u32>... since 0.2.9x: a flag, then the value (0 for none).
        Match flag = Regex.Match(argument, @"^!isLikeNone\((\w+)\)$");
        if (flag.Success && index + 1 < arguments.Length
            && Regex.IsMatch(arguments[index + 1], @"^isLikeNone\(" + Regex.Escape(flag.Groups[1].Value) + @"\)\s*\?\s*(?:0|0n|BigInt\(0\))\s*:\s*" + Regex.Escape(flag.Groups[1].Value) + "$"))
        {
            index++;
            return new GlueParameter(flag.Groups[1].Value, GlueParameterKind.OptionalNumber, argument + ", " + arguments[index]);
        }

        Match optionalObject = Regex.Match(argument, @"^isLikeNone\((\w+)\)\s*\?\s*0\s*:\s*(?:addHeapObject|addToExternrefTable0)\(\1\)$");
        if (optionalObject.Success)
        {
            return new GlueParameter(optionalObject.Groups[1].Value, GlueParameterKind.OptionalObject, argument);
        }

        Match value = Regex.Match(argument, @"^(?<helper>addHeapObject|addToExternrefTable0|addBorrowedObject)\((?<name>\w+)\)$");
        if (value.Success && Array.IndexOf(jsParameters, value.Groups["name"].Value) >= 0)
        {
            return new GlueParameter(value.Groups["name"].Value, value.Groups["helper"].Value == "addBorrowedObject" ? GlueParameterKind.BorrowedObject : GlueParameterKind.Object, argument);
        }

        if (Array.IndexOf(jsParameters, argument) >= 0)
        {
            return new GlueParameter(argument, GlueParameterKind.Number, argument);
        }

        if (GlueStringEnums.Argument(argument) is { } e && Array.IndexOf(jsParameters, e.Parameter) >= 0)
        {
            return new GlueParameter(e.Parameter, GlueParameterKind.Number, argument, GlueStringEnums.ElementPrefix + e.Enum);
        }

        // Newer glue converts a boolean first: const val2 = +flag; ... wasm.f(val2).
        Match unary = Regex.Match(body, @"(?:const|var|let)\s+" + Regex.Escape(argument) + @"\s*=\s*\+(?<name>\w+)\s*;");
        if (unary.Success && Array.IndexOf(jsParameters, unary.Groups["name"].Value) >= 0)
        {
            return new GlueParameter(unary.Groups["name"].Value, GlueParameterKind.Number, unary.Value, "bool");
        }

        // A JavaScript parameter lowered some other way (a JavaScript object, a class instance): known, not supported.
        string? other = jsParameters.FirstOrDefault(p => Regex.IsMatch(argument, @"(?<![\w.])" + Regex.Escape(p) + @"(?![\w])"));
        return other is null ? null : new GlueParameter(other, GlueParameterKind.Other, argument);
    }

    /// <summary>
    /// The return area the wrapper reserves (<c>const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);</c>): 16 bytes in
    /// most wrappers, 32 when an f64 sits beside an error; read in 16-byte blocks, so a size that is not a multiple of 16
    /// (or over 64) is a problem. 16 when the wrapper reserves none or uses the fixed area of older glue.
    /// </summary>
    private static int AreaSize(string body, bool reserved, ref string? problem)
    {
        Match m = Regex.Match(body, @"const\s+retptr\s*=\s*wasm\.\w+\(\s*-(?<size>\d+)\s*\)");
        if (!reserved || !m.Success)
        {
            return 16;
        }

        int size = int.Parse(m.Groups["size"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (size % 16 != 0 || size > 64 || size == 0)
        {
            problem ??= $"its wrapper reserves a {size}-byte return area, which Bindgen does not read";
            return 16;
        }

        return size;
    }

    private static GlueExport Failed(string jsName, string problem) =>
        new(jsName, jsName, EquatableArray<GlueParameter>.Empty, GlueTransport.Direct, GlueResultKind.Other, -1, -1, -1, -1, problem);

    private static int ClosingParenthesis(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string[] SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                parts.Add(text.Substring(start, i - start).Trim());
                start = i + 1;
            }
        }

        if (text.Trim().Length > 0)
        {
            parts.Add(text.Substring(start).Trim());
        }

        return parts.ToArray();
    }

    /// <summary>Glue quoted in a diagnostic: whitespace runs folded and at most 80 characters, so a message stays a line.</summary>
    internal static string Excerpt(string glue)
    {
        string folded = Regex.Replace(glue.Trim(), @"\s+", " ");
        return folded.Length <= 80 ? folded : folded.Substring(0, 80) + "…";
    }
}
