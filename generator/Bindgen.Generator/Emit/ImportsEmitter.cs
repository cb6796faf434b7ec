using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Bindgen.Generator.Parse;

namespace Bindgen.Generator.Emit;

/// <summary>
/// Emit stage for [WasmImports] interfaces: a static class whose <c>Define</c> registers one Wasmtime callback
/// per method on a linker. Each callback keeps the same stage order as an export stub: read arguments
/// (copies through fresh views, bounds-checked), call the implementation with borrowed views taken last,
/// then allocate any result in the guest before writing it through fresh views.
/// </summary>
internal static class ImportsEmitter
{
    public static string Emit(ModuleModel module)
    {
        IndentedWriter w = IndentedWriter.ForGeneratedFile(module);

        w.Line("/// <summary>");
        w.Line($"/// Provides the host functions of <see cref=\"{module.InterfaceFullName}\"/> to WebAssembly modules that import them from");
        w.Line($"/// module \"{CSharpText.DocText(module.ImportModule!)}\", following Bindgen's C convention.");
        w.Line("/// </summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"1.0.0\")]");
        w.Open($"{module.Accessibility} static partial class {module.ClassName}");
        w.Line($"private const string Binding = {CSharpText.Literal(module.InterfaceName)};");
        w.Line();
        w.Line($"/// <summary>The module name the guest imports these functions from.</summary>");
        w.Line($"public const string ModuleName = {CSharpText.Literal(module.ImportModule!)};");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Defines every import on <paramref name=\"linker\"/>, each calling <paramref name=\"implementation\"/>.");
        w.Line("/// Span parameters the implementation receives are borrowed views of guest memory, valid only until it returns,");
        w.Line("/// and only until it calls back into the guest.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"linker\">The linker to define the imports on.</param>");
        w.Line("/// <param name=\"implementation\">The host implementation.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Open($"public static void Define(global::Wasmtime.Linker linker, {module.InterfaceFullName} implementation, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line("if (linker is null) throw new global::System.ArgumentNullException(\"linker\");");
        w.Line("if (implementation is null) throw new global::System.ArgumentNullException(\"implementation\");");
        if (module.Methods.Any(NeedsMemory))
        {
            w.Line("var __memories = new global::Bindgen.CallerMemoryCache(Binding, options);");
        }
        foreach (MethodModel method in module.Methods)
        {
            EmitCallback(w, module, method);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitCallback(IndentedWriter w, ModuleModel module, MethodModel method)
    {
        bool resultInGuest = TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind);
        bool needsMemory = NeedsMemory(method);
        bool borrows = method.Parameters.Any(p => IsBorrowed(p.Type.Kind));

        var wasmParameters = new List<string>();
        var wasmTypes = new List<string>();
        foreach (ParameterModel p in method.Parameters)
        {
            if (TypeClassifier.IsBuffer(p.Type.Kind))
            {
                wasmParameters.Add(Local(p, "address"));
                wasmParameters.Add(Local(p, "length"));
                wasmTypes.Add("int");
                wasmTypes.Add("int");
            }
            else
            {
                wasmParameters.Add(Local(p, "wasm"));
                wasmTypes.Add(ParameterMarshaller.For(p.Type.Kind).WasmTypes);
            }
        }

        if (resultInGuest)
        {
            wasmParameters.Add(method.Local("return_area"));
            wasmTypes.Add("int");
        }

        string? wasmResult = method.ReturnType.Kind == MarshalKind.Void || resultInGuest ? null : Scalar(method.ReturnType.Kind).WasmTypes;
        string delegateType = wasmResult is null
            ? (wasmTypes.Count == 0 ? "global::Wasmtime.CallerAction" : $"global::Wasmtime.CallerAction<{string.Join(", ", wasmTypes)}>")
            : $"global::Wasmtime.CallerFunc<{string.Join(", ", wasmTypes.Concat(new[] { wasmResult }))}>";

        w.Line();
        string caller = method.Local("caller");
        string operation = method.Local("operation");
        string memory = method.Local("memory");
        string result = method.Local("result");
        w.Line($"linker.DefineFunction(ModuleName, {CSharpText.Literal(method.ExportName)}, new {delegateType}(({string.Join(", ", new[] { caller }.Concat(wasmParameters))}) =>");
        w.Line("{");
        w.Line($"    const string {operation} = {CSharpText.Literal($"{module.InterfaceName}.{method.Name} (import '{module.ImportModule}'.'{method.ExportName}')")};");
        if (needsMemory)
        {
            w.Line($"    global::Bindgen.GuestMemory {memory} = __memories.For({caller}, withAllocator: {(resultInGuest ? "true" : "false")});");
        }

        // Read: copies of string and byte[] arguments, through fresh views that check the range.
        var arguments = new List<string>();
        foreach (ParameterModel p in method.Parameters)
        {
            switch (p.Type.Kind)
            {
                case MarshalKind.Utf8String:
                    w.Line($"    string {Local(p, "value")} = {memory}.ReadUtf8(new global::Bindgen.GuestRange({Local(p, "address")}, {Local(p, "length")}), {operation});");
                    arguments.Add(Local(p, "value"));
                    break;
                case MarshalKind.ByteArray:
                    w.Line($"    byte[] {Local(p, "value")} = {memory}.ReadBytes(new global::Bindgen.GuestRange({Local(p, "address")}, {Local(p, "length")}), {operation});");
                    arguments.Add(Local(p, "value"));
                    break;
                case MarshalKind.ReadOnlyByteSpan:
                case MarshalKind.ByteSpan:
                    // Borrowed: the view is taken as the argument, after every other step that touches the guest.
                    arguments.Add($"{memory}.GetView({Local(p, "address")}, {Local(p, "length")}, {operation})");
                    break;
                default:
                    arguments.Add(Scalar(p.Type.Kind).FromWasm(Local(p, "wasm"), p.Type));
                    break;
            }
        }

        if (borrows)
        {
            w.Line($"    global::Bindgen.MemorySnapshot {method.Local("snapshot")} = {memory}.Snapshot();");
        }

        string call = $"implementation.{method.Identifier}({string.Join(", ", arguments)});";
        if (method.ReturnType.Kind != MarshalKind.Void)
        {
            w.Line($"    {method.ReturnType.FullName} {result};");
            call = result + " = " + call;
        }

        w.Line("    try");
        w.Line("    {");
        w.Line("        " + call);
        w.Line("    }");
        w.Line($"    catch (global::System.Exception {method.Local("exception")})");
        w.Line("    {");
        w.Line($"        throw global::Bindgen.GuestFailures.FromImplementation({operation}, {method.Local("exception")});");
        w.Line("    }");
        if (borrows)
        {
            w.Line("    // Checked mode: the borrowed views must not have gone stale while the implementation held them.");
            w.Line($"    {memory}.VerifyUnchanged({method.Local("snapshot")}, {operation});");
        }

        switch (method.ReturnType.Kind)
        {
            case MarshalKind.Void:
                break;
            case MarshalKind.Utf8String:
                w.Line("    // Allocate in the guest first (it may grow memory), then write through fresh views.");
                w.Line($"    {memory}.ReturnUtf8({method.Local("return_area")}, {result}, {operation});");
                break;
            case MarshalKind.ByteArray:
                w.Line("    // Allocate in the guest first (it may grow memory), then write through fresh views.");
                w.Line($"    {memory}.ReturnBytes({method.Local("return_area")}, {result}, {operation});");
                break;
            default:
                w.Line($"    return {Scalar(method.ReturnType.Kind).ToWasm(result)};");
                break;
        }

        w.Line("}));");
    }

    private static bool NeedsMemory(MethodModel method) =>
        TypeClassifier.ReturnsThroughReturnArea(method.ReturnType.Kind) || method.Parameters.Any(p => TypeClassifier.IsBuffer(p.Type.Kind));

    private static bool IsBorrowed(MarshalKind kind) => kind is MarshalKind.ReadOnlyByteSpan or MarshalKind.ByteSpan;

    private static ScalarMarshaller Scalar(MarshalKind kind) => (ScalarMarshaller)ParameterMarshaller.For(kind);

    private static string Local(ParameterModel p, string suffix) => ParameterMarshaller.Local(p, suffix);
}
