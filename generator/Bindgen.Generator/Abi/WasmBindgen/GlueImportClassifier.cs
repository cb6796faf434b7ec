using System.Text.RegularExpressions;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Names the operation an import's JavaScript body performs, from the shapes wasm-bindgen and js-sys generate
/// (docs/wasm-bindgen.md lists them). The body is normalized (whitespace collapsed, the heap or externref return
/// form folded) and matched as a whole; anything else is <c>unknown</c>.
/// </summary>
internal static partial class GlueImportClassifier
{
    private static readonly (string Operation, Regex Body)[] Shapes =
    {
        ("string_new", Body(@"const ret = getStringFromWasm0\(arg0, arg1\); RETURN")),
        ("error_new", Body(@"const ret = (?:new )?Error\(getStringFromWasm0\(arg0, arg1\)\); RETURN")),
        ("error_new_empty", Body(@"const ret = new Error\(\); RETURN")),
        ("throw", Body(@"throw new Error\(getStringFromWasm0\(arg0, arg1\)\);")),
        ("rethrow", Body(@"throw takeObject\(arg0\);|throw arg0;")),
        ("object_drop_ref", Body(@"takeObject\(arg0\);")),
        ("object_clone_ref", Body(@"const ret = getObject\(arg0\); RETURN")),
        ("number_new", Body(@"(?:// Cast intrinsic for `F64 -> Externref`\. )?const ret = arg0; RETURN")),
        ("bigint_from_u64", Body(@"(?:// Cast intrinsic for `U64 -> Externref`\. )?const ret = BigInt\.asUintN\(64, arg0\); RETURN")),
        ("bigint_from_i64", Body(@"// Cast intrinsic for `I64 -> Externref`\. const ret = arg0; RETURN")),
        ("string_new", Body(@"// Cast intrinsic for `Ref\(String\) -> Externref`\. const ret = getStringFromWasm0\(arg0, arg1\); RETURN")),
        ("object_new", Body(@"const ret = new Object\(\); RETURN")),
        ("array_new", Body(@"const ret = new Array\(\); RETURN")),
        ("set_property", Body(@"(?:getObject\(arg0\)|arg0)\[(?:takeObject\(arg1\)|arg1)\] = (?:takeObject\(arg2\)|arg2);")),
        ("array_push", Body(@"const ret = (?:getObject\(arg0\)|arg0)\.push\((?:getObject\(arg1\)|arg1)\); return ret;")),
        ("debug_string", Body(@"const ret = debugString\((?:getObject\(arg1\)|arg1)\); STRING_OUT")),
        ("string_get", Body(@"const obj = (?:getObject\(arg1\)|arg1); const ret = typeof\(obj\) === 'string' \? obj : undefined; var ptr1 = isLikeNone\(ret\) \? 0 : passStringToWasm0\(ret, wasm\.\w+, wasm\.\w+\); var len1 = WASM_VECTOR_LEN; (?:getInt32Memory0\(\)\[arg0 / 4 \+ 1\] = len1; getInt32Memory0\(\)\[arg0 / 4 \+ 0\] = ptr1;|getDataViewMemory0\(\)\.setInt32\(arg0 \+ 4 \* 1, len1, true\); getDataViewMemory0\(\)\.setInt32\(arg0 \+ 4 \* 0, ptr1, true\);)")),
        ("error_stack", Body(@"const ret = (?:getObject\(arg1\)|arg1)\.stack; STRING_OUT")),
        ("number_get", Body(@"const obj = (?:getObject\(arg1\)|arg1); const ret = typeof\(obj\) === 'number' \? obj : undefined; (?:getFloat64Memory0\(\)\[arg0 / 8 \+ 1\] = isLikeNone\(ret\) \? 0 : ret; getInt32Memory0\(\)\[arg0 / 4 \+ 0\] = !isLikeNone\(ret\);|getDataViewMemory0\(\)\.setFloat64\(arg0 \+ 8 \* 1, isLikeNone\(ret\) \? 0 : ret, true\); getDataViewMemory0\(\)\.setInt32\(arg0 \+ 4 \* 0, !isLikeNone\(ret\), true\);)")),
        ("boolean_get", Body(@"const v = (?:getObject\(arg0\)|arg0); const ret = typeof\(v\) === 'boolean' \? v : undefined; return isLikeNone\(ret\) \? 0xFFFFFF : ret \? 1 : 0;")),
        ("boolean_get_2", Body(@"const v = (?:getObject\(arg0\)|arg0); const ret = typeof\(v\) === 'boolean' \? \(v \? 1 : 0\) : 2; return ret;")),
        ("is_undefined", Body(@"const ret = (?:getObject\(arg0\)|arg0) === undefined; return ret;")),
        ("is_null", Body(@"const ret = (?:getObject\(arg0\)|arg0) === null; return ret;")),
        ("is_string", Body(@"const ret = typeof\((?:getObject\(arg0\)|arg0)\) === 'string'; return ret;")),
        ("is_function", Body(@"const ret = typeof\((?:getObject\(arg0\)|arg0)\) === 'function'; return ret;")),
        ("is_bigint", Body(@"const ret = typeof\((?:getObject\(arg0\)|arg0)\) === 'bigint'; return ret;")),
        ("is_object", Body(@"const val = (?:getObject\(arg0\)|arg0); const ret = typeof\(val\) === 'object' && val !== null; return ret;")),
        ("jsval_eq", Body(@"const ret = (?:getObject\(arg0\)|arg0) === (?:getObject\(arg1\)|arg1); return ret;")),
        ("init_externref_table", Body(@"const table = wasm\.\w+; const offset = table\.grow\(4\); table\.set\(0, undefined\); table\.set\(offset \+ 0, undefined\); table\.set\(offset \+ 1, null\); table\.set\(offset \+ 2, true\); table\.set\(offset \+ 3, false\)[; ]*")),
        ("console_error", Body(@"console\.error\(getStringFromWasm0\(arg0, arg1\)\);")),
        ("console_log", Body(@"console\.log\(getStringFromWasm0\(arg0, arg1\)\);")),
        ("console_error_value", Body(@"console\.error\((?:getObject\(arg0\)|arg0)\);")),
        ("console_log_value", Body(@"console\.log\((?:getObject\(arg0\)|arg0)\);")),
        ("error_message", Body(@"const ret = (?:getObject\(arg0\)|arg0)\.message; RETURN")),
        ("console_error_owned", Body(@"try \{ console\.error\(getStringFromWasm0\(arg0, arg1\)\); \} finally \{ wasm\.\w+\(arg0, arg1(?:, 1)?\); \}")),
        ("console_error_owned", Body(@"let deferred0_0; let deferred0_1; try \{ deferred0_0 = arg0; deferred0_1 = arg1; console\.error\(getStringFromWasm0\(arg0, arg1\)\); \} finally \{ wasm\.\w+\(deferred0_0, deferred0_1(?:, 1)?\); \}")),
        ("length", Body(@"const ret = (?:getObject\(arg0\)|arg0)\.length; return ret;")),
        ("uint8array_new_from", Body(@"const ret = new Uint8Array\((?:getObject\(arg0\)|arg0)\); RETURN")),
        ("uint8array_new_with_length", Body(@"const ret = new Uint8Array\(arg0 >>> 0\); RETURN")),
        ("uint8array_view", Body(@"const ret = new Uint8Array\((?:getObject\(arg0\)|arg0), arg1 >>> 0, arg2 >>> 0\); RETURN")),
        ("uint8array_set", Body(@"(?:getObject\(arg0\)|arg0)\.set\((?:getObject\(arg1\)|arg1), arg2 >>> 0\);")),
        ("subarray", Body(@"const ret = (?:getObject\(arg0\)|arg0)\.subarray\(arg1 >>> 0, arg2 >>> 0\); RETURN")),
        ("prototypesetcall", Body(@"Uint8Array\.prototype\.set\.call\(getArrayU8FromWasm0\(arg0, arg1\), (?:getObject\(arg2\)|arg2)\);")),
        ("memory", Body(@"const ret = wasm\.memory; RETURN")),
        ("buffer", Body(@"const ret = (?:getObject\(arg0\)|arg0)\.buffer; RETURN")),
        ("json_stringify", Body(@"const ret = JSON\.stringify\((?:getObject\(arg0\)|arg0)\); RETURN")),
        ("random_fill", Body(@"(?:getObject\(arg0\)|arg0)\.getRandomValues\(getArrayU8FromWasm0\(arg1, arg2\)\);|crypto\.getRandomValues\(getArrayU8FromWasm0\(arg0, arg1\)\);")),
    };

    public static string Classify(string name, string body)
    {
        string normalized = Normalize(body);
        if (ClassifyFixedExternrefTable(normalized) is { } fixedTable)
        {
            return fixedTable;
        }

        foreach ((string operation, Regex shape) in Shapes)
        {
            if (shape.IsMatch(normalized))
            {
                return operation == "random_fill" && normalized.StartsWith("getObject", System.StringComparison.Ordinal) ? "unknown" : operation;
            }
        }

        return ClassifyObjectWalk(normalized);
    }

    /// <summary>
    /// The body with whitespace collapsed and the guard some packages add to every import (<c>if (wasm == null) throw
    /// new Error("...");</c>, as tiktoken does) removed: it cannot fire once the module is instantiated.
    /// </summary>
    internal static string Normalize(string body) =>
        Regex.Replace(
            Regex.Replace(Regex.Replace(body, @"\s+", " ").Trim(), @"^if \(wasm == null\) throw new Error\(""[^""]*""\); ", string.Empty),
            @"(?<=^|; )var ret = ", "const ret = "); // wasm-bindgen before 0.2.7x declared results with var

    internal static Regex Body(string pattern) => new(
        "^" + pattern
            .Replace("RETURN", @"return (?:addHeapObject\(ret\)|ret);")
            .Replace("STRING_OUT", @"(?:const|var) ptr(?<n>\d) = passStringToWasm0\(ret, wasm\.\w+, wasm\.\w+\); (?:const|var) len\k<n> = WASM_VECTOR_LEN; (?:getInt32Memory0\(\)\[arg0 / 4 \+ 1\] = len\k<n>; getInt32Memory0\(\)\[arg0 / 4 \+ 0\] = ptr\k<n>;|getDataViewMemory0\(\)\.setInt32\((?<a>arg0|\(arg0 >>> 0\)) \+ 4 \* 1, len\k<n>, true\); getDataViewMemory0\(\)\.setInt32\(\k<a> \+ 4 \* 0, ptr\k<n>, true\);)")
            + "$",
        RegexOptions.CultureInvariant);
}
