using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// Emits the conversions of structured values: C# to a JavaScript value the module's serde walks (a record's
/// properties, null ones omitted as serde reads a missing field as <c>None</c>), and a structured result back to C#.
/// Record mappings are methods of a nested <c>__JsShapes</c> class, one pair per record type, written out here so
/// that no reflection runs (trimming- and AOT-safe).
/// </summary>
internal static class JsShapeEmitter
{
    private const string Convert = "global::Bindgen.WasmBindgen.JsConvert";

    /// <summary>An expression converting <paramref name="value"/> (of the shape's type) to a JavaScript value.</summary>
    public static string ToJs(JsShape shape, string value, int depth = 0) => shape.Kind switch
    {
        JsShapeKind.Record => $"__JsShapes.ToJs_{shape.Helper}({value})",
        JsShapeKind.Sequence => $"{Convert}.Array({value}, __e{depth} => {ToJs(shape.Element!, "__e" + depth, depth + 1)})",
        JsShapeKind.Map => $"{Convert}.Object({value}, __e{depth} => {ToJs(shape.Element!, "__e" + depth, depth + 1)})",
        _ => $"{Convert}.ToJs({value})",
    };

    /// <summary>An expression converting the JavaScript value <paramref name="value"/> to the shape's type.</summary>
    public static string FromJs(JsShape shape, string value, string operation, int depth = 0)
    {
        string element(int d) => shape.Element is null ? string.Empty : FromJs(shape.Element, "__e" + d, operation, d + 1);
        return shape.Kind switch
        {
            JsShapeKind.Record => $"__JsShapes.FromJs_{shape.Helper}({value}, {operation})",
            JsShapeKind.Sequence => $"{Convert}.ToList<{shape.Element!.Type}>({value}, {operation}, __e{depth} => {element(depth)}){(shape.IsArray ? "?.ToArray()" : string.Empty)}{Bang(shape)}",
            JsShapeKind.Map => $"{Convert}.ToDictionary<{shape.Element!.Type}>({value}, {operation}, __e{depth} => {element(depth)}){Bang(shape)}",
            _ => $"{Convert}.FromJs<{shape.Type}>({value}, {operation})",
        };
    }

    /// <summary>A non-nullable declared type takes the converted value as it is (a JavaScript null stays null, as the module gave it).</summary>
    private static string Bang(JsShape shape) => shape.Type.EndsWith("?", System.StringComparison.Ordinal) ? string.Empty : "!";

    /// <summary>The record mappings every method and class member of the binding uses.</summary>
    public static void EmitHelpers(IndentedWriter w, ModuleModel module)
    {
        var records = new List<JsRecordType>();
        foreach (MethodModel method in module.Methods.Concat(module.WasmBindgen().Classes.SelectMany(c => c.Members)))
        {
            foreach (JsRecordType record in method.WasmBindgen().Records)
            {
                if (!records.Any(r => r.Type == record.Type))
                {
                    records.Add(record);
                }
            }
        }

        if (records.Count == 0)
        {
            return;
        }

        w.Line();
        w.Line("/// <summary>The mappings of the records the binding's methods take and return, property by property.</summary>");
        w.Open("private static class __JsShapes");
        foreach (JsRecordType record in records)
        {
            EmitToJs(w, record);
            EmitFromJs(w, record);
        }

        w.Close();
    }

    private static void EmitToJs(IndentedWriter w, JsRecordType record)
    {
        w.Open($"internal static object? ToJs_{record.Helper}({record.Type}{(record.IsValueType ? string.Empty : "?")} __value)");
        if (!record.IsValueType)
        {
            w.Line("if (__value is null) return null;");
        }

        w.Line("var __object = new global::Bindgen.WasmBindgen.JsObject();");
        w.Line("object? __property;");
        foreach (JsMember member in record.Members)
        {
            w.Line($"__property = {ToJs(member.Shape, "__value." + CSharpText.Identifier(member.Property))};");
            w.Line($"if (__property is not null) __object[{CSharpText.Literal(member.JsName)}] = __property;");
        }

        w.Line("return __object;");
        w.Close();
    }

    private static void EmitFromJs(IndentedWriter w, JsRecordType record)
    {
        w.Open($"internal static {record.Type} FromJs_{record.Helper}(object? __value, string __op)");
        if (!record.Constructible)
        {
            w.Line($"throw new global::Bindgen.GuestProtocolException(__op, {CSharpText.Literal($"{record.Type.Replace("global::", string.Empty)} has no public constructor whose parameters name its properties, so a result cannot be made of it")});");
            w.Close();
            return;
        }

        w.Line("if (__value is null || __value is global::Bindgen.WasmBindgen.JsUndefined) return default!;");
        w.Line($"global::Bindgen.WasmBindgen.JsObject __object = global::Bindgen.WasmBindgen.JsConvert.ExpectObject(__value, {CSharpText.Literal(record.Type.Replace("global::", string.Empty))}, __op);");
        string Read(JsMember m) => FromJs(m.Shape, $"__object[{CSharpText.Literal(m.JsName)}]", "__op");
        string arguments = string.Join(", ", record.ConstructorProperties.Select(p => Read(record.Members.First(m => m.Property == p))));
        JsMember[] rest = record.Members.Where(m => m.Settable && !record.ConstructorProperties.Contains(m.Property)).ToArray();
        w.Line($"return new {record.Type}({arguments})" + (rest.Length == 0 ? ";" : string.Empty));
        if (rest.Length > 0)
        {
            w.Line("{");
            foreach (JsMember member in rest)
            {
                w.Line($"    {CSharpText.Identifier(member.Property)} = {Read(member)},");
            }

            w.Line("};");
        }

        w.Close();
    }
}
