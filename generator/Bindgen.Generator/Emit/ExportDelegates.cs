using System.Linq;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Emit;

/// <summary>The Wasmtime delegate an export method of a [WasmModule] class calls, from the method's lowered signature.</summary>
internal static class ExportDelegates
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
}
