using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.C;

/// <summary>
/// Emits one export method of a C-convention [WasmModule] class: its declaration, from the interface's, and its
/// body, which <see cref="StageDriver"/> writes.
/// </summary>
internal static class ExportMethodEmitter
{
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
        if (InlinedCall.Applies(method))
        {
            InlinedCall.EmitBody(w, method);
            w.Close();
            return;
        }

        StoreGateText.Enter(w, module, method);
        w.Line($"const string {method.Local("operation")} = {CSharpText.Literal($"{module.InterfaceName}.{method.Name} (export '{method.ExportName}')")};");
        StageDriver.EmitExportBody(w, method);
        StoreGateText.Exit(w, method);
        w.Close();
    }
}
