using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.WasmBindgen;

namespace Bindgen.Build.Tasks.Packages;

/// <summary>One export's C# signature as the binder maps it, or the reason it has none.</summary>
/// <param name="Parameters">(name in the glue, C# type) of each parameter declared; trailing optional objects are left out unless asked for.</param>
/// <param name="Result">The C# result type.</param>
/// <param name="Omitted">The glue's parameters left out (optional JavaScript objects, passed as undefined).</param>
/// <param name="Problem">Why the export cannot be bound, or null.</param>
internal sealed record ExportTypes(IReadOnlyList<(string Name, string Type)> Parameters, string Result, IReadOnlyList<string> Omitted, string? Problem)
{
    public static ExportTypes Failed(string problem) => new(Array.Empty<(string, string)>(), "void", Array.Empty<string>(), problem);
}

/// <summary>
/// Maps an export wrapper of the glue to C# types: the glue says how each value crosses (the helper it calls), the
/// module says which wasm type a number is (i32 -&gt; <c>int</c>, i64 -&gt; <c>long</c>, f32 -&gt; <c>float</c>, f64 -&gt;
/// <c>double</c>), and the <c>.d.ts</c> refines what both allow (<c>boolean</c>, unsigned typed arrays, a string or
/// bytes for a JavaScript value). The wasm signature the generator will call is computed as the generator computes it
/// and compared with the module's: an export whose signature differs is not bound, so the binding always instantiates.
/// </summary>
internal static class ExportTypeMapper
{
    private const int MaxTypedParameters = 16;

    public static ExportTypes Map(GlueExport export, TsDeclaration? declaration, string? wasmSignature, Func<string, string?> classInterface, ISet<string>? declaredTypes = null, IReadOnlyDictionary<string, TsEnum>? enums = null, bool passOptionalObjects = false)
    {
        if (export.Problem is not null)
        {
            return ExportTypes.Failed(export.Problem);
        }

        if (wasmSignature is null)
        {
            return ExportTypes.Failed($"the module has no function export '{export.WasmName}'");
        }

        (List<string> wasmParameters, List<string> wasmResults) = Split(wasmSignature);
        var lowered = new List<string>();
        if (export.Transport == GlueTransport.ReturnArea)
        {
            lowered.Add("i32");
        }

        if (export.TakesSelf)
        {
            lowered.Add("i32");
        }

        var parameters = new List<(string, string)>();
        var omitted = new List<string>();
        GlueParameter[] glue = export.Parameters.AsSpan().ToArray();
        for (int i = 0; i < glue.Length; i++)
        {
            GlueParameter g = glue[i];
            string? ts = declaration is not null && i < declaration.Parameters.Count ? declaration.Parameters[i].Type : null;
            if (g.Kind == GlueParameterKind.OptionalObject && !passOptionalObjects)
            {
                if (glue.Skip(i).Any(p => p.Kind is not (GlueParameterKind.OptionalObject or GlueParameterKind.OptionalString or GlueParameterKind.OptionalBool or GlueParameterKind.OptionalInt or GlueParameterKind.OptionalNumber or GlueParameterKind.OptionalBytes
                    or GlueParameterKind.OptionalValueArray or GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance)))
                {
                    return ExportTypes.Failed($"parameter '{g.Name}' is an optional JavaScript object ({ts ?? "any"}), which Bindgen cannot pass yet, and a required parameter follows it");
                }

                // Left out, they still cross: the generated call passes none for each, as JavaScript passes undefined.
                foreach (GlueParameter rest in glue.Skip(i))
                {
                    omitted.Add(rest.Name);
                    lowered.AddRange(rest.Kind switch
                    {
                        GlueParameterKind.OptionalString or GlueParameterKind.OptionalBytes or GlueParameterKind.OptionalValueArray => new[] { "i32", "i32" },
                        GlueParameterKind.OptionalInt => new[] { rest.Element == "24" ? "i32" : "f64" },
                        GlueParameterKind.OptionalNumber => new[] { "i32", "f64" },
                        _ => new[] { "i32" },
                    });
                }

                break;
            }

            int position = lowered.Count;
            if ((g.Kind is GlueParameterKind.Object or GlueParameterKind.BorrowedObject || (g.Kind == GlueParameterKind.Number && At(wasmParameters, position) == "externref")) && JsBuiltins.IsHostObject(ts, declaredTypes ?? new HashSet<string>()))
            {
                return ExportTypes.Failed($"parameter '{g.Name}' is a {ts}, an object of the browser, which has no .NET form");
            }

            string? type = g.Kind switch
            {
                GlueParameterKind.Number when At(wasmParameters, position) == "externref" => DirectValue(ts),
                GlueParameterKind.Number => EnumOr(Number(At(wasmParameters, position), g.Element == "bool" ? "boolean" : ts), ts, enums),
                GlueParameterKind.String => "string",
                GlueParameterKind.OptionalString => "string?",
                GlueParameterKind.Bytes => "byte[]",
                GlueParameterKind.OptionalBytes => "byte[]?",
                GlueParameterKind.Array => ParameterArray(g.Element, ts),
                GlueParameterKind.OptionalBool => "bool?",
                GlueParameterKind.OptionalInt => g.Element == "u32" ? "uint?" : g.Element is "i32" or "24" ? "int?" : null,
                GlueParameterKind.OptionalNumber => Number(At(wasmParameters, position + 1), null) is { } value && value != "bool" ? value + "?" : null,
                // A JavaScript function (&js_sys::Function): a delegate given the call's arguments, its result returned.
                GlueParameterKind.Object or GlueParameterKind.BorrowedObject when CallbackTypes.IsFunction(ts) => ts == "Function" ? CallbackTypes.Untyped : CallbackTypes.Delegate(ts!),
                // A js_sys::Map (Map<K, V>): the module calls Map's own methods on it, so a plain object will not do.
                GlueParameterKind.Object or GlueParameterKind.BorrowedObject when ts is not null && ts.StartsWith("Map<", StringComparison.Ordinal) => "global::Bindgen.WasmBindgen.JsMap",
                GlueParameterKind.Object or GlueParameterKind.BorrowedObject => JsValue(ts) is "object" ? "object?" : JsValue(ts),
                // An options object serde reads: a dictionary, a record or an anonymous object, walked as a JavaScript object; null passes undefined.
                GlueParameterKind.OptionalObject => "object?",
                GlueParameterKind.OwnedInstance or GlueParameterKind.BorrowedInstance => g.Element is null ? null : classInterface(g.Element),
                GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance => g.Element is null || classInterface(g.Element) is not { } optional ? null : optional + "?",
                // Vec<JsValue> (any[]): each element any value, as JsConvert converts it (a class instance crosses as itself).
                GlueParameterKind.ValueArray => "object?[]",
                GlueParameterKind.OptionalValueArray => "object?[]?",
                _ => null,
            };
            if (type is null)
            {
                return ExportTypes.Failed(g.Kind switch
                {
                    GlueParameterKind.OwnedInstance or GlueParameterKind.BorrowedInstance or GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance => $"parameter '{g.Name}' is an instance of class '{g.Element}', which is not bound",
                    GlueParameterKind.Other => $"parameter '{g.Name}' ({ts ?? "?"}) is {(g.Text.StartsWith("an ", StringComparison.Ordinal) ? g.Text : $"lowered as '{Shorten(g.Text)}'")}, which Bindgen does not pass yet",
                    _ => $"parameter '{g.Name}' ({ts ?? "?"}) crosses as a {At(wasmParameters, position) ?? "missing"} wasm value Bindgen does not map",
                });
            }

            lowered.AddRange(g.Kind switch
            {
                GlueParameterKind.Number => new[] { At(wasmParameters, position) == "externref" ? "externref" : CrossesAs(type) },
                GlueParameterKind.OptionalInt => new[] { g.Element == "24" ? "i32" : "f64" },
                GlueParameterKind.OptionalNumber => new[] { "i32", CrossesAs(type.TrimEnd('?')) },
                GlueParameterKind.String or GlueParameterKind.OptionalString or GlueParameterKind.Bytes or GlueParameterKind.OptionalBytes or GlueParameterKind.Array
                    or GlueParameterKind.ValueArray or GlueParameterKind.OptionalValueArray => new[] { "i32", "i32" },
                _ => new[] { "i32" },
            });
            parameters.Add((g.Name, type));
        }

        string? result = Result(export, wasmResults, declaration?.Result, classInterface);
        if (export.Result is GlueResultKind.Number or GlueResultKind.Unsigned)
        {
            result = EnumOr(result == "uint" ? "int" : result, declaration?.Result, enums) is { } e && e != "int" ? e : result;
        }

        if (result is null)
        {
            return ExportTypes.Failed(export.Result is GlueResultKind.Instance or GlueResultKind.OptionalInstance
                ? $"its result is an instance of class '{export.ResultElement}', which is not bound"
                : export.Result == GlueResultKind.StringArray
                ? $"its result ({declaration?.Result}) is an array of class instances the module wraps through an import, which Bindgen does not lift"
                : $"its result ({declaration?.Result ?? "?"}) is lifted in a way Bindgen does not map");
        }

        var results = new List<string>();
        if (export.Transport == GlueTransport.MultiValue)
        {
            int count = new[] { export.ResultSlot, export.LengthSlot, export.ErrorSlot, export.ErrorFlagSlot }.Max() + 1;
            results.AddRange(Enumerable.Repeat("i32", count));
            if (export.Result is GlueResultKind.OptionalNumber or GlueResultKind.Number)
            {
                results[export.ResultSlot] = CrossesAs(result.TrimEnd('?'));
            }
        }
        else if (export.Transport == GlueTransport.Direct && export.Result == GlueResultKind.OptionalNumber)
        {
            results.Add(export.ResultElement == "sentinel32" ? "f64" : "i32");
        }
        else if (export.Transport == GlueTransport.Direct && export.Result != GlueResultKind.Void)
        {
            results.Add(export.Result is GlueResultKind.Bool or GlueResultKind.Unsigned or GlueResultKind.Object or GlueResultKind.Instance or GlueResultKind.OptionalInstance or GlueResultKind.Char ? "i32" : CrossesAs(result));
        }

        if (lowered.Count > MaxTypedParameters)
        {
            return ExportTypes.Failed($"it takes {lowered.Count} wasm parameters, and Bindgen calls wasm-bindgen exports of at most {MaxTypedParameters}");
        }

        string expected = "(" + string.Join(", ", lowered) + ") -> " + (results.Count == 1 ? results[0] : "(" + string.Join(", ", results) + ")");
        return expected == wasmSignature
            ? new ExportTypes(parameters, result, omitted, null)
            : ExportTypes.Failed($"the module's '{export.WasmName}' is {wasmSignature}, and the glue's wrapper calls it as {expected}");
    }

    private static string? Result(GlueExport export, List<string> wasmResults, string? ts, Func<string, string?> classInterface) => export.Result switch
    {
        GlueResultKind.Void => "void",
        GlueResultKind.Number or GlueResultKind.Unsigned when export.ResultElement?.StartsWith("area-", StringComparison.Ordinal) == true => GlueOptionalResult.AreaType(export.ResultElement),
        GlueResultKind.OptionalNumber when export.ResultElement?.StartsWith("area-", StringComparison.Ordinal) == true => GlueOptionalResult.AreaType(export.ResultElement) + "?",
        GlueResultKind.Number => export.ResultElement == "u64" ? "ulong"
            : Number(wasmResults.Count == 1 ? wasmResults[0] : export.Transport == GlueTransport.MultiValue && export.ResultSlot >= 0 && export.ResultSlot < wasmResults.Count ? wasmResults[export.ResultSlot] : null, ts),
        GlueResultKind.Bool => "bool",
        GlueResultKind.Unsigned => "uint",
        GlueResultKind.String => "string",
        GlueResultKind.OptionalString => "string?",
        GlueResultKind.Bytes => "byte[]",
        GlueResultKind.OptionalBytes => "byte[]?",
        // A char: String.fromCodePoint's string, two UTF-16 units for a code point outside the BMP.
        GlueResultKind.Char => "string",
        GlueResultKind.Array => export.ResultElement switch
        {
            "I16" => "short[]",
            "U16" => "ushort[]",
            "I32" => "int[]",
            "U32" => "uint[]",
            "I64" => "long[]",
            "U64" => "ulong[]",
            "F32" => "float[]",
            "F64" => "double[]",
            _ => null,
        },
        // getArrayJsValueFromWasm0 reads any JavaScript values: strings (or an undeclared element) as string[], others as they are.
        // An array of class instances the module made through an import (__wbg_x_new: X.__wrap), each one .NET then owns.
        GlueResultKind.StringArray => ts is null or "string[]" or "Array<string>" ? "string[]" : InstanceArray(ts, classInterface) ? classInterface(ts.Substring(0, ts.Length - 2)) + "[]" : "object?[]",
        // An async export's Promise<T> (wasm-bindgen-futures) is a Task of T's value.
        GlueResultKind.Object when ts is not null && ts.StartsWith("Promise<", StringComparison.Ordinal) && ts.EndsWith(">", StringComparison.Ordinal)
            => $"global::System.Threading.Tasks.Task<{(JsValue(ts.Substring(8, ts.Length - 9).Trim()) is "object" ? "object?" : JsValue(ts.Substring(8, ts.Length - 9).Trim()))}>",
        GlueResultKind.Object => JsValue(ts) is "object" ? "object?" : JsValue(ts),
        GlueResultKind.Instance => export.ResultElement is null ? null : classInterface(export.ResultElement),
        GlueResultKind.OptionalInstance => export.ResultElement is null || classInterface(export.ResultElement) is not { } optional ? null : optional + "?",
        // Option<u32>/Option<i32> (the glue cannot tell which) as double?, narrower integers as int?, a flag's value as the module gives it.
        GlueResultKind.OptionalNumber => export.ResultElement switch
        {
            "sentinel32" => "double?",
            "sentinel24" => "int?",
            "bool24" => "bool?",
            _ => Number(export.ResultSlot < wasmResults.Count ? wasmResults[export.ResultSlot] : null, null) is { } value ? value + "?" : null,
        },
        _ => null,
    };

    /// <summary>A TypeScript enum's C# enum (nested in the binding interface) where an <c>int</c> is declared as one.</summary>
    private static string? EnumOr(string? type, string? ts, IReadOnlyDictionary<string, TsEnum>? enums) =>
        type == "int" && ts is not null && enums is not null && enums.ContainsKey(ts) ? ts : type;

    /// <summary>An array of an exported class's instances (<c>BarcodeResult[]</c>).</summary>
    private static bool InstanceArray(string ts, Func<string, string?> classInterface) =>
        ts.EndsWith("[]", StringComparison.Ordinal) && classInterface(ts.Substring(0, ts.Length - 2)) is not null;

    /// <summary>A number: the wasm type decides, a <c>boolean</c> in the declarations makes an i32 a <c>bool</c>.</summary>
    private static string? Number(string? wasm, string? ts) => wasm switch
    {
        "i32" => ts == "boolean" ? "bool" : "int",
        "i64" => "long",
        "f32" => "float",
        "f64" => "double",
        _ => null,
    };

    private static string? ParameterArray(string? element, string? ts) => element switch
    {
        "16" => ts == "Uint16Array" ? "ushort[]" : "short[]",
        "32" => ts == "Uint32Array" ? "uint[]" : "int[]",
        "64" => ts == "BigUint64Array" ? "ulong[]" : "long[]",
        "F32" => "float[]",
        "F64" => "double[]",
        _ => null,
    };

    /// <summary>A JavaScript value: a string, bytes, a number or a boolean where the declarations say so, else any value.</summary>
    private static string JsValue(string? ts) => ts switch
    {
        "string" => "string",
        "Uint8Array" => "byte[]",
        "number" => "double",
        "boolean" => "bool",
        _ => "object",
    };

    /// <summary>
    /// A JavaScript value passed as an externref (<c>any</c>, <c>&amp;JsValue</c>, <c>&amp;Uint8Array</c>): a string or bytes
    /// where the declarations say so, else any value (a number or boolean too: the generator lowers only those as numbers).
    /// </summary>
    private static string DirectValue(string? ts) => JsValue(ts) is "string" or "byte[]" ? JsValue(ts) : "object?";

    private static string CrossesAs(string type) => type switch
    {
        "long" or "ulong" => "i64",
        "float" => "f32",
        "double" => "f64",
        _ => "i32",
    };

    private static string? At(List<string> list, int index) => index < list.Count ? list[index] : null;

    private static (List<string>, List<string>) Split(string signature)
    {
        int arrow = signature.IndexOf(") -> ", StringComparison.Ordinal);
        List<string> Items(string text) => text.Trim('(', ')').Split(new[] { ", " }, StringSplitOptions.RemoveEmptyEntries).ToList();
        return (Items(signature.Substring(0, arrow + 1)), Items(signature.Substring(arrow + 5)));
    }

    private static string Shorten(string text) => text.Length > 60 ? text.Substring(0, 57) + "..." : text;
}
