using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Check;
using Bindgen.Generator.Diagnostics;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Binds a wasm-bindgen interface to its glue: finds each method's wrapper, checks the declared C# types against
/// how the wrapper lowers and lifts, computes the wasm signature the module must have, and reports the imports
/// Bindgen does not implement.
/// </summary>
internal static class WasmBindgenBinder
{
    public static ModuleModel Bind(ModuleModel module, EquatableArray<AbiInput> inputs)
    {
        if (module.Kind != BindingKind.Exports || !module.CanEmit)
        {
            return module;
        }

        WasmBindgenModule part = module.WasmBindgen();
        var diagnostics = new List<DiagnosticInfo>(module.Diagnostics);
        if (string.IsNullOrEmpty(part.Glue))
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueNotFound, part.GlueLocation ?? module.Location, module.InterfaceName, "set Glue = \"x.js\" on [WasmModule]"));
            return module with { Diagnostics = diagnostics.ToEquatableArray(), CanEmit = false };
        }

        GlueModel? glue = inputs.AsSpan().ToArray().OfType<GlueModel>().FirstOrDefault(g => string.Equals(g.FileName, part.Glue, StringComparison.OrdinalIgnoreCase));
        if (glue is null)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueNotFound, part.GlueLocation ?? module.Location, module.InterfaceName,
                $"no AdditionalFiles item is named '{part.Glue}'; add <AdditionalFiles Include=\"path/to/{part.Glue}\" /> to the project"));
            return module with { Diagnostics = diagnostics.ToEquatableArray(), CanEmit = false };
        }

        if (glue.Problem is not null)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueNotFound, part.GlueLocation ?? module.Location, module.InterfaceName, $"'{glue.FileName}' is there, but {glue.Problem}"));
            return module with { Diagnostics = diagnostics.ToEquatableArray(), CanEmit = false };
        }

        bool canEmit = true;
        var methods = new List<MethodModel>();
        foreach (MethodModel method in module.Methods)
        {
            // A method of the binding interface calls a free function, or a class's constructor or static method.
            MethodModel? bound = BindMethod(glue, method, glue.Exports.AsSpan().ToArray().Where(e => e.Member is GlueMemberKind.Function or GlueMemberKind.Constructor or GlueMemberKind.Static).ToArray(), diagnostics);
            canEmit &= bound is not null;
            methods.Add(bound ?? method);
        }

        EquatableArray<WasmBindgenClass> classes = WasmBindgenClassBinder.Bind(part.Classes, glue, diagnostics, (m, candidates) => BindMethod(glue, m, candidates, diagnostics), ref canEmit);
        foreach (GlueImport import in glue.Imports.AsSpan())
        {
            if (import.Operation == "unknown" && import.SnippetFunction is { } function)
            {
                diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueSnippetNotDescribed, part.GlueLocation ?? module.Location, glue.FileName, import.Name, function, import.SnippetModule ?? string.Empty));
            }
            else if (import.Operation == "unknown")
            {
                diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueImportUnknown, part.GlueLocation ?? module.Location, glue.FileName, import.Name));
            }
        }

        return module with { Methods = methods.ToEquatableArray(), Diagnostics = diagnostics.ToEquatableArray(), CanEmit = canEmit, Abi = part with { Bound = glue, Classes = classes, Snippets = WasmBindgenSnippets.Bind(glue, inputs) } };
    }

    /// <summary>Binds <paramref name="method"/> to the first of <paramref name="exports"/> named as it is (a class member's names carry the class: <c>X.name</c>).</summary>
    internal static MethodModel? BindMethod(GlueModel glue, MethodModel method, GlueExport[] exports, List<DiagnosticInfo> diagnostics)
    {
        WasmBindgenSignature signature = method.WasmBindgen();
        GlueExport? export = exports.FirstOrDefault(e => e.JsName == method.ExportName)
            ?? (signature.NameGiven ? null : exports.FirstOrDefault(e => e.JsName == signature.SnakeName));
        if (export is null)
        {
            IReadOnlyList<string> closest = SignatureAdvice.ClosestNames(method.ExportName, exports.Select(e => e.JsName));
            string hint = closest.Count > 0 ? $"; did you mean {string.Join(" or ", closest.Select(n => "'" + n + "'"))}?" : string.Empty;
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueExportNotFound, method.Location, method.Name, method.ExportName, glue.FileName, hint));
            return null;
        }

        string? problem = export.Problem ?? Mismatch(glue, signature, export);
        if (problem is not null)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueExportMismatch, method.Location, method.Name, export.JsName, problem));
            return null;
        }

        LoweredSignature lowered = Lower(glue, signature, export);
        if (!lowered.IsTyped)
        {
            diagnostics.Add(ParseSupport.Diagnostic(DiagnosticDescriptors.GlueExportMismatch, method.Location, method.Name, export.JsName,
                $"it takes {lowered.Parameters.Count} wasm parameters, and Bindgen calls wasm-bindgen exports of at most {LoweredSignature.MaxTypedParameters}"));
            return null;
        }

        return method with { Lowered = lowered, Abi = signature with { Export = export } };
    }

    private static string? Mismatch(GlueModel glue, WasmBindgenSignature signature, GlueExport export)
    {
        GlueParameter[] glueParameters = export.Parameters.AsSpan().ToArray();
        if (signature.Parameters.Count > glueParameters.Length)
        {
            return $"it declares {signature.Parameters.Count} parameters, and the JavaScript function takes {glueParameters.Length}";
        }

        for (int i = 0; i < glueParameters.Length; i++)
        {
            GlueParameter g = glueParameters[i];
            if (i >= signature.Parameters.Count)
            {
                if (g.Kind is not (GlueParameterKind.OptionalObject or GlueParameterKind.OptionalString or GlueParameterKind.OptionalBool or GlueParameterKind.OptionalInt or GlueParameterKind.OptionalNumber or GlueParameterKind.OptionalBytes
                    or GlueParameterKind.OptionalValueArray or GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance))
                {
                    return $"it omits parameter '{g.Name}', which is not optional";
                }

                continue;
            }

            WasmBindgenType code = signature.Parameters[i];
            bool fits = g.Kind switch
            {
                GlueParameterKind.Number => code.IsNumber() || code == WasmBindgenType.Bool || DirectValue.Is(glue, g, code),
                GlueParameterKind.String => code == WasmBindgenType.String,
                GlueParameterKind.OptionalString => code is WasmBindgenType.String or WasmBindgenType.NullableString,
                GlueParameterKind.Bytes or GlueParameterKind.OptionalBytes => code == WasmBindgenType.Bytes,
                GlueParameterKind.Array => ArrayElement.Accepts(g.Element!, code),
                GlueParameterKind.OptionalBool => code is WasmBindgenType.Bool or WasmBindgenType.NullableBool,
                GlueParameterKind.OptionalInt => ArrayElement.AcceptsOptionalInt(g.Element, code),
                GlueParameterKind.OptionalNumber => code.IsNullableNumber() || code.IsNumber(),
                GlueParameterKind.Object or GlueParameterKind.BorrowedObject => IsJsValue(code),
                GlueParameterKind.OptionalObject => code is WasmBindgenType.Js or WasmBindgenType.Structured,
                GlueParameterKind.OwnedInstance or GlueParameterKind.BorrowedInstance or GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance
                    => code == WasmBindgenType.Instance && signature.ParameterClasses[i] == g.Element,
                GlueParameterKind.ValueArray or GlueParameterKind.OptionalValueArray => code == WasmBindgenType.Structured && signature.ParameterShapes[i]?.Kind == JsShapeKind.Sequence,
                _ => false,
            };
            if (!fits)
            {
                return g.Kind switch
                {
                    GlueParameterKind.OptionalObject => $"parameter {i + 1} is declared {code.Display()}, and the glue takes '{g.Name}' as an optional JavaScript object (declare object, a dictionary or a record; null passes undefined)",
                    GlueParameterKind.Other when g.Text.StartsWith("an optional instance", StringComparison.Ordinal) => $"parameter '{g.Name}' is {g.Text}, which Bindgen does not support",
                    GlueParameterKind.OwnedInstance or GlueParameterKind.BorrowedInstance or GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance => $"parameter {i + 1} is declared {Declared(code, signature.ParameterClasses[i])}, and the glue takes '{g.Name}' as an instance of class '{g.Element}' (declare the nested interface I{g.Element})",
                    GlueParameterKind.Other => $"parameter '{g.Name}' is lowered as '{GlueExportReader.Excerpt(g.Text)}', which Bindgen does not support",
                    GlueParameterKind.Number when g.Element?.StartsWith(GlueStringEnums.ElementPrefix, StringComparison.Ordinal) == true => $"parameter {i + 1} is declared {code.Display()}, and the glue passes '{g.Name}' as the index of a string of its string enum '{g.Element.Substring(GlueStringEnums.ElementPrefix.Length)}' (declare a C# enum whose members are its strings in the glue's order)",
                    _ => $"parameter {i + 1} is declared {code.Display()}, and the glue lowers '{g.Name}' as {Describe(g.Kind)}",
                };
            }
        }

        if (signature.Enums.Count > 0 && Enumerable.Range(0, signature.Parameters.Count).Select(i => StringEnumCheck.Mismatch(glue, glueParameters[i].Element, signature.Enums[i], $"parameter {i + 1}")).FirstOrDefault(m => m is not null) is { } enumMismatch)
        {
            return enumMismatch;
        }

        if (export.Result == GlueResultKind.Number && signature.Enums.Count > signature.Parameters.Count && StringEnumCheck.Mismatch(glue, export.ResultElement, signature.Enums[signature.Parameters.Count], "the result") is { } resultEnumMismatch)
        {
            return resultEnumMismatch;
        }

        if (signature.AsyncResult is not null)
        {
            return WasmBindgenAsync.ResultMismatch(signature, export);
        }

        bool resultFits = export.Result switch
        {
            GlueResultKind.Void => signature.Result == WasmBindgenType.Void,
            GlueResultKind.Number or GlueResultKind.Unsigned or GlueResultKind.Bool or GlueResultKind.OptionalNumber when export.ResultElement?.StartsWith("area-", StringComparison.Ordinal) == true
                => GlueOptionalResult.AreaFits(export.ResultElement, signature.Result) && (export.Result == GlueResultKind.OptionalNumber) == signature.Result.IsNullableNumber()
                && (export.Result == GlueResultKind.Bool) == (signature.Result == WasmBindgenType.Bool),
            GlueResultKind.Number => signature.Result.IsNumber() && (export.ResultElement != "u64" || signature.Result == WasmBindgenType.U64),
            GlueResultKind.Bool => signature.Result == WasmBindgenType.Bool,
            GlueResultKind.Unsigned => signature.Result is WasmBindgenType.U32 or WasmBindgenType.I32,
            GlueResultKind.String => signature.Result is WasmBindgenType.String or WasmBindgenType.NullableString,
            GlueResultKind.OptionalString => signature.Result == WasmBindgenType.NullableString,
            GlueResultKind.Bytes or GlueResultKind.OptionalBytes => signature.Result == WasmBindgenType.Bytes,
            GlueResultKind.Char => signature.Result is WasmBindgenType.String or WasmBindgenType.NullableString,
            GlueResultKind.Array => ArrayElement.TypeOfResult(export.ResultElement!) == signature.Result,
            GlueResultKind.StringArray => signature.Result is WasmBindgenType.StringArray or WasmBindgenType.Js || signature.ResultShape?.Kind == JsShapeKind.Sequence,
            GlueResultKind.Object => IsJsValue(signature.Result),
            GlueResultKind.Instance or GlueResultKind.OptionalInstance => signature.Result == WasmBindgenType.Instance && signature.ResultClass == export.ResultElement,
            GlueResultKind.OptionalNumber => export.ResultElement == "bool24" ? signature.Result == WasmBindgenType.NullableBool : signature.Result.IsNullableNumber(),
            _ => false,
        };
        return resultFits ? null
            : export.Result == GlueResultKind.Instance ? $"it returns {Declared(signature.Result, signature.ResultClass)}, and the glue's result is a new instance of class '{export.ResultElement}' (declare the nested interface I{export.ResultElement})"
            : $"it returns {Declared(signature.Result, signature.ResultClass)}, and the glue's result is {(export.ResultElement == "u64" ? "an unsigned 64-bit BigInt (declare ulong)" : Describe(export.Result))}";
    }

    private static string Declared(WasmBindgenType type, string? cls) => type == WasmBindgenType.Instance ? $"an instance of class '{cls}'" : type.Display();

    private static LoweredSignature Lower(GlueModel glue, WasmBindgenSignature signature, GlueExport export)
    {
        var parameters = new List<WasmType>();
        if (export.Transport == GlueTransport.ReturnArea)
        {
            parameters.Add(WasmType.I32);
        }

        if (export.TakesSelf)
        {
            parameters.Add(WasmType.I32);
        }

        for (int i = 0; i < export.Parameters.Count; i++)
        {
            switch (export.Parameters[i].Kind)
            {
                case GlueParameterKind.Number:
                    parameters.Add(DirectValue.Is(glue, export.Parameters[i], signature.Parameters[i]) ? WasmType.Externref : signature.Parameters[i].CrossesAs());
                    break;
                case GlueParameterKind.OptionalNumber:
                    // The flag, then the value as the declared type crosses (an omitted one as the module's f64: Option<f64> is the common case).
                    parameters.Add(WasmType.I32);
                    parameters.Add(i < signature.Parameters.Count ? signature.Parameters[i].CrossesAs() : WasmType.F64);
                    break;
                case GlueParameterKind.OptionalInt:
                    // The glue passes a JavaScript number (a BigInt would be needed for an i64): an f64; an 8- or 16-bit one as an i32.
                    parameters.Add(export.Parameters[i].Element == "24" ? WasmType.I32 : WasmType.F64);
                    break;
                case GlueParameterKind.String or GlueParameterKind.OptionalString or GlueParameterKind.Bytes or GlueParameterKind.OptionalBytes or GlueParameterKind.Array
                    or GlueParameterKind.ValueArray or GlueParameterKind.OptionalValueArray:
                    parameters.Add(WasmType.I32);
                    parameters.Add(WasmType.I32);
                    break;
                default:
                    parameters.Add(WasmType.I32);
                    break;
            }
        }

        var results = new List<WasmType>();
        if (export.Transport == GlueTransport.MultiValue)
        {
            int count = new[] { export.ResultSlot, export.LengthSlot, export.ErrorSlot, export.ErrorFlagSlot }.Max() + 1;
            results.AddRange(Enumerable.Repeat(WasmType.I32, count));
            if (export.Result is GlueResultKind.OptionalNumber or GlueResultKind.Number)
            {
                results[export.ResultSlot] = signature.Result.CrossesAs(); // the value beside its flag or error, as the declared type crosses
            }
        }
        else if (export.Transport == GlueTransport.Direct && export.Result == GlueResultKind.OptionalNumber)
        {
            results.Add(export.ResultElement == "sentinel32" ? WasmType.F64 : WasmType.I32);
        }
        else if (export.Transport == GlueTransport.Direct && export.Result != GlueResultKind.Void)
        {
            results.Add(export.Result is GlueResultKind.Bool or GlueResultKind.Unsigned or GlueResultKind.Object or GlueResultKind.Instance or GlueResultKind.OptionalInstance ? WasmType.I32 : signature.Result.CrossesAs());
        }

        return new LoweredSignature(parameters.ToEquatableArray(), results.ToEquatableArray(), ReturnArea: export.Transport == GlueTransport.ReturnArea);
    }

    /// <summary>The C# types a JavaScript value (<c>addHeapObject</c>, <c>takeObject</c>) may be declared as.</summary>
    internal static bool IsJsValue(WasmBindgenType type) =>
        type is WasmBindgenType.Bytes or WasmBindgenType.String or WasmBindgenType.F64 or WasmBindgenType.Bool or WasmBindgenType.Js or WasmBindgenType.Structured;

    private static string Describe(GlueParameterKind kind) => kind switch
    {
        GlueParameterKind.Number => "a number or boolean (a JavaScript value only in a reference-types build)",
        GlueParameterKind.String => "a string",
        GlueParameterKind.OptionalString => "an optional string",
        GlueParameterKind.Bytes => "a Uint8Array",
        GlueParameterKind.OptionalBytes => "an optional Uint8Array",
        GlueParameterKind.Array => "a typed array",
        GlueParameterKind.OptionalBool => "an optional boolean",
        GlueParameterKind.OptionalInt => "an optional 32-bit integer",
        GlueParameterKind.OptionalNumber => "an optional number (a flag and a value)",
        GlueParameterKind.OptionalObject => "an optional JavaScript object",
        GlueParameterKind.Object or GlueParameterKind.BorrowedObject => "a JavaScript value",
        GlueParameterKind.OwnedInstance or GlueParameterKind.BorrowedInstance => "a class instance",
        GlueParameterKind.OptionalOwnedInstance or GlueParameterKind.OptionalBorrowedInstance => "an optional class instance",
        GlueParameterKind.ValueArray or GlueParameterKind.OptionalValueArray => "an array of JavaScript values (declare object?[] or another sequence)",
        _ => "something else",
    };

    private static string Describe(GlueResultKind kind) => kind switch
    {
        GlueResultKind.Void => "undefined",
        GlueResultKind.Number => "a number",
        GlueResultKind.Bool => "a boolean",
        GlueResultKind.Unsigned => "an unsigned 32-bit number",
        GlueResultKind.String => "a string",
        GlueResultKind.OptionalString => "a string or undefined",
        GlueResultKind.Bytes => "a Uint8Array",
        GlueResultKind.OptionalBytes => "a Uint8Array or undefined (declare byte[]?)",
        GlueResultKind.Char => "a char, one code point as a string (declare string)",
        GlueResultKind.Array => "a typed array",
        GlueResultKind.StringArray => "an array of JavaScript values (declare string[], object, or a sequence such as object?[] or a list of records)",
        GlueResultKind.Object => "a JavaScript value",
        GlueResultKind.Instance => "a class instance",
        GlueResultKind.OptionalInstance => "a class instance or undefined",
        GlueResultKind.OptionalNumber => "an optional number (declare a nullable number, or bool? for an optional boolean)",
        _ => "something Bindgen does not lift",
    };
}
