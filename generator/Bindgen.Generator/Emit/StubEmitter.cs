using System.Linq;
using Bindgen.Generator.Abi.C;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Emit;

/// <summary>
/// Emits one export method of a [WasmModule] class: its declaration and the Wasmtime delegate it calls, both from
/// the method's lowered signature; <see cref="StageDriver"/> writes the body.
/// </summary>
internal static class StubEmitter
{
    public static string DelegateField(MethodModel method) => method.FieldName;

    /// <summary>The Wasmtime typed delegate type, e.g. <c>global::System.Func&lt;int, int, int&gt;</c>.</summary>
    public static string DelegateType(MethodModel method)
    {
        if (!method.Lowered.IsTyped)
        {
            return "global::Wasmtime.Function";
        }

        string[] types = method.Lowered.ParameterClrTypes;
        if (method.Lowered.ResultClrType is { } result)
        {
            return "global::System.Func<" + string.Join(", ", types.Append(result)) + ">";
        }

        return types.Length == 0 ? "global::System.Action" : "global::System.Action<" + string.Join(", ", types) + ">";
    }

    /// <summary>
    /// The <c>ExportResolver</c> method that resolves the typed delegate, e.g. <c>Func&lt;int, int, int&gt;</c>: a plain
    /// generic call per export, which compiles to much less than a wrapping lambda per export.
    /// </summary>
    public static string ResolveCall(MethodModel method)
    {
        string[] types = method.Lowered.ParameterClrTypes;
        if (method.Lowered.ResultClrType is { } result)
        {
            return "Func<" + string.Join(", ", types.Append(result)) + ">";
        }

        return types.Length == 0 ? "Action" : "Action<" + string.Join(", ", types) + ">";
    }

    /// <summary>The parameter's modifier as the interface declares it.</summary>
    private static string Modifier(ParameterModel p) => p.IsParams ? "params " : p.Passing switch
    {
        Passing.Ref => "ref ",
        Passing.Out => "out ",
        Passing.In => "in ",
        Passing.RefReadonly => "ref readonly ",
        _ => string.Empty,
    };

    public static void Emit(IndentedWriter w, ModuleModel module, MethodModel method)
    {
        string parameters = string.Join(", ", method.Parameters.Select(p => Modifier(p) + p.Type.FullName + " " + p.Name)
            .Concat(method.CancellationToken is { } token ? new[] { "global::System.Threading.CancellationToken " + token } : System.Array.Empty<string>()));

        // A name the generated class already uses (or that object declares), and a member that is not public, is
        // implemented explicitly, so the interface's method never clashes with or hides a member of the binding class.
        string declaration = method.ImplementExplicitly
            ? $"{method.ReturnType.FullName} {method.DeclaringInterface}.{method.Identifier}({parameters})"
            : $"public {method.ReturnType.FullName} {method.Identifier}({parameters})";
        w.Line("/// <inheritdoc/>");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open(declaration);
        w.Line($"const string {method.Local("operation")} = {CSharpText.Literal($"{module.InterfaceName}.{method.Name} (export '{method.ExportName}')")};");
        StageDriver.EmitExportBody(w, method);
        w.Close();
    }
}
