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
    private const string ReturnArea = "__return_area";

    public static string Emit(ModuleModel module)
    {
        IndentedWriter w = IndentedWriter.ForGeneratedFile(module);

        w.Line("/// <summary>");
        w.Line($"/// Provides the host functions of <see cref=\"{module.InterfaceFullName}\"/> to WebAssembly modules that import them from");
        w.Line($"/// module \"{StubEmitter.Escape(module.ImportModule!)}\", following Bindgen's C convention.");
        w.Line("/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"{GeneratorVersion.Value}\")]");
        w.Open($"{module.Accessibility} static partial class {module.ClassName}");
        w.Line($"private const string Binding = \"{StubEmitter.Escape(module.InterfaceName)}\";");
        w.Line();
        w.Line($"/// <summary>The module name the guest imports these functions from.</summary>");
        w.Line($"public const string ModuleName = \"{StubEmitter.Escape(module.ImportModule!)}\";");
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
        w.Line("if (linker is null) throw new global::System.ArgumentNullException(nameof(linker));");
        w.Line("if (implementation is null) throw new global::System.ArgumentNullException(nameof(implementation));");
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
            wasmParameters.Add(ReturnArea);
            wasmTypes.Add("int");
        }

        string? wasmResult = method.ReturnType.Kind == MarshalKind.Void || resultInGuest ? null : Scalar(method.ReturnType.Kind).WasmTypes;
        string delegateType = wasmResult is null
            ? (wasmTypes.Count == 0 ? "global::Wasmtime.CallerAction" : $"global::Wasmtime.CallerAction<{string.Join(", ", wasmTypes)}>")
            : $"global::Wasmtime.CallerFunc<{string.Join(", ", wasmTypes.Concat(new[] { wasmResult }))}>";

        w.Line();
        w.Line($"linker.DefineFunction(ModuleName, \"{StubEmitter.Escape(method.ExportName)}\", new {delegateType}(({string.Join(", ", new[] { "__caller" }.Concat(wasmParameters))}) =>");
        w.Line("{");
        w.Line($"    const string __operation = \"{module.InterfaceName}.{method.Name} (import '{StubEmitter.Escape(module.ImportModule!)}'.'{StubEmitter.Escape(method.ExportName)}')\";");
        if (needsMemory)
        {
            w.Line($"    global::Bindgen.GuestMemory __memory = __memories.For(__caller, withAllocator: {(resultInGuest ? "true" : "false")});");
        }

        // Read: copies of string and byte[] arguments, through fresh views that check the range.
        var arguments = new List<string>();
        foreach (ParameterModel p in method.Parameters)
        {
            switch (p.Type.Kind)
            {
                case MarshalKind.Utf8String:
                    w.Line($"    string {Local(p, "value")} = __memory.ReadUtf8(new global::Bindgen.GuestRange({Local(p, "address")}, {Local(p, "length")}), __operation);");
                    arguments.Add(Local(p, "value"));
                    break;
                case MarshalKind.ByteArray:
                    w.Line($"    byte[] {Local(p, "value")} = __memory.ReadBytes(new global::Bindgen.GuestRange({Local(p, "address")}, {Local(p, "length")}), __operation);");
                    arguments.Add(Local(p, "value"));
                    break;
                case MarshalKind.ReadOnlyByteSpan:
                case MarshalKind.ByteSpan:
                    // Borrowed: the view is taken as the argument, after every other step that touches the guest.
                    arguments.Add($"__memory.GetView({Local(p, "address")}, {Local(p, "length")}, __operation)");
                    break;
                default:
                    arguments.Add(Scalar(p.Type.Kind).FromWasm(Local(p, "wasm"), p.Type));
                    break;
            }
        }

        if (borrows)
        {
            w.Line("    global::Bindgen.MemorySnapshot __snapshot = __memory.Snapshot();");
        }

        string call = $"implementation.{method.Name}({string.Join(", ", arguments)});";
        if (method.ReturnType.Kind != MarshalKind.Void)
        {
            w.Line($"    {method.ReturnType.FullName} __result;");
            call = "__result = " + call;
        }

        w.Line("    try");
        w.Line("    {");
        w.Line("        " + call);
        w.Line("    }");
        w.Line("    catch (global::System.Exception __exception)");
        w.Line("    {");
        w.Line("        throw global::Bindgen.GuestFailures.FromImplementation(__operation, __exception);");
        w.Line("    }");
        if (borrows)
        {
            w.Line("    // Checked mode: the borrowed views must not have gone stale while the implementation held them.");
            w.Line("    __memory.VerifyUnchanged(__snapshot, __operation);");
        }

        switch (method.ReturnType.Kind)
        {
            case MarshalKind.Void:
                break;
            case MarshalKind.Utf8String:
                w.Line("    // Allocate in the guest first (it may grow memory), then write through fresh views.");
                w.Line($"    __memory.ReturnUtf8({ReturnArea}, __result, __operation);");
                break;
            case MarshalKind.ByteArray:
                w.Line("    // Allocate in the guest first (it may grow memory), then write through fresh views.");
                w.Line($"    __memory.ReturnBytes({ReturnArea}, __result, __operation);");
                break;
            default:
                w.Line($"    return {Scalar(method.ReturnType.Kind).ToWasm("__result")};");
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
