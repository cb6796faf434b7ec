using System.Collections.Generic;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>
/// The body of the most common wasm-bindgen export (numbers and class instances in, a number, a boolean, an instance
/// or nothing out; nothing allocated in guest memory) as one call expression in one <c>try</c>: no stages to lay out,
/// so no locals, no nested <c>try</c>, and a third of the lines of the staged body. A bound package's hundreds of such
/// methods are most of what a build compiles for it. The checks are the staged body's, in its order: every instance
/// argument is checked before an owned one is moved, and the move is the last thing that can throw before the call.
/// </summary>
internal static class WasmBindgenCompactEmitter
{
    /// <summary>Emits <paramref name="method"/> compactly when its shape allows; false (nothing written) when not.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="module">The binding.</param>
    /// <param name="method">The method.</param>
    /// <param name="owner">Where the binding's fields are (see <see cref="WasmBindgenMethodEmitter.Emit"/>).</param>
    /// <param name="declaration">The member's declaration, or null for a method's own.</param>
    public static bool TryEmit(IndentedWriter w, ModuleModel module, MethodModel method, string owner, string? declaration)
    {
        WasmBindgenSignature s = method.WasmBindgen();
        GlueExport export = s.Export!;
        if (!Fits(module, method, s, export))
        {
            return false;
        }

        string L(string name) => method.Local(name);
        string op = L("op");
        var args = new List<string>();
        if (export.TakesSelf)
        {
            args.Add($"this.Pointer({op})");
        }

        for (int i = 0; i < export.Parameters.Count; i++)
        {
            GlueParameter g = export.Parameters[i];
            ParameterModel p = method.Parameters[i];
            string instance = $"{module.ClassName}.{g.Element}.Of({p.Name}, {owner}, {op}, {CSharpText.Literal(p.PlainName)})";
            args.Add(g.Kind switch
            {
                GlueParameterKind.OwnedInstance => $"{instance}.Move({op})",
                GlueParameterKind.BorrowedInstance => $"{instance}.Pointer({op})",
                _ => NumberArgument(s.Parameters[i], p.Name, p.Type.FullName),
            });
        }

        string call = $"{owner}.{method.FieldName}({string.Join(", ", args)})";
        string statement = export.Result switch
        {
            GlueResultKind.Void => call + ";",
            GlueResultKind.Bool => $"return {call} != 0;",
            GlueResultKind.Instance => $"return new {module.ClassName}.{export.ResultElement}({owner}, {call});",
            _ => $"return {NumberResult(s.Result, method.ReturnType.FullName, call)};",
        };

        if (declaration is null)
        {
            w.Line("/// <inheritdoc/>");
            w.Line("[global::Bindgen.MayGrowMemory]");
        }

        string parameters = string.Join(", ", System.Linq.Enumerable.Select(method.Parameters, p => p.Type.FullName + " " + p.Name));
        w.Open(declaration ?? (method.ImplementExplicitly
            ? $"{method.ReturnType.FullName} {method.DeclaringInterface}.{method.Identifier}({parameters})"
            : $"public {method.ReturnType.FullName} {method.Identifier}({parameters})"));
        string declaringName = owner == "this" ? module.InterfaceName : method.DeclaringInterface.Substring(method.DeclaringInterface.LastIndexOf('.') + 1);
        w.Line($"const string {op} = {CSharpText.Literal($"{declaringName}.{method.Name} (glue function '{export.JsName}')")};");
        string entered = L("entered");
        w.Line($"global::Bindgen.Internals.StoreCall {entered} = {owner}.{StoreGateText.Field}.Call({CSharpText.Literal(module.InterfaceName)}, {CSharpText.Literal(method.Name)}, {CSharpText.Literal(method.ExportName)});");
        w.Open("try");
        if (module.WasmBindgen().Classes.Count > 0)
        {
            w.Line($"{owner}.ReleaseFinalized();");
        }

        w.Line(statement);
        w.Close();
        // A trap becomes the typed exception, noted as the call's outcome; any other exception is noted and goes on.
        w.Line($"catch (global::Wasmtime.WasmtimeException {L("e")}) {{ throw global::Bindgen.Internals.StoreCalls.Fail({entered}, {op}, {L("e")}); }}");
        w.Line($"catch (global::System.Exception {L("failed")}) when ({entered}.Failed({L("failed")})) {{ throw; }}");
        w.Line($"finally {{ {entered}.Leave(); }}");
        w.Close();
        return true;
    }

    /// <summary>A number, boolean or enum argument as the export takes it.</summary>
    /// <param name="code">How the argument crosses.</param>
    /// <param name="name">The parameter's C# name.</param>
    /// <param name="typeName">The parameter's declared type.</param>
    public static string NumberArgument(WasmBindgenType? code, string name, string typeName) => code switch
    {
        WasmBindgenType.Bool => $"{name} ? 1 : 0",
        WasmBindgenType.U32 => $"unchecked((int){name})",
        WasmBindgenType.U64 => $"unchecked((long){name})",
        WasmBindgenType.I32 when typeName != "int" => $"(int){name}", // an enum
        _ => name,
    };

    /// <summary>A number or enum result, read from <paramref name="value"/> as the method declares it.</summary>
    /// <param name="result">How the result crosses.</param>
    /// <param name="returnType">The method's declared return type.</param>
    /// <param name="value">The export's raw result.</param>
    public static string NumberResult(WasmBindgenType result, string returnType, string value) => result switch
    {
        WasmBindgenType.U32 => $"unchecked((uint){value})",
        WasmBindgenType.U64 => $"unchecked((ulong){value})",
        WasmBindgenType.I32 when returnType != "int" => $"({returnType}){value}", // an enum
        _ => value,
    };

    // Numbers and instances in, a number, boolean, instance or nothing out, directly: nothing to allocate, copy, lend or
    // free, no return area, no error slot; at most one owned instance, the last instance argument (see the summary).
    private static bool Fits(ModuleModel module, MethodModel method, WasmBindgenSignature s, GlueExport export)
    {
        if (export.Transport != GlueTransport.Direct || export.FixedArea >= 0 || export.ErrorFlagSlot >= 0
            || export.Parameters.Count != method.Parameters.Count || s.AsyncResult is not null)
        {
            return false;
        }

        bool results = method.Lowered.Results.Count > 0;
        bool resultFits = export.Result switch
        {
            GlueResultKind.Void => !results,
            GlueResultKind.Bool or GlueResultKind.Number or GlueResultKind.Unsigned or GlueResultKind.Instance => results,
            _ => false,
        };
        if (!resultFits)
        {
            return false;
        }

        bool moved = false;
        for (int i = 0; i < export.Parameters.Count; i++)
        {
            GlueParameter g = export.Parameters[i];
            switch (g.Kind)
            {
                case GlueParameterKind.OwnedInstance or GlueParameterKind.BorrowedInstance when moved:
                    return false; // its check would come after the move
                case GlueParameterKind.OwnedInstance:
                    moved = true;
                    break;
                case GlueParameterKind.BorrowedInstance:
                    break;
                case GlueParameterKind.Number when !DirectValue.Is(module.WasmBindgen().Bound!, g, s.Parameters[i]):
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
