using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Model;
using Bindgen.Generator.Abi.C;
using Bindgen.Generator.Emit;

namespace Bindgen.Generator.Abi.C;

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
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"{GeneratorVersion.Value}\")]");
        w.Open($"{module.Accessibility} static partial class {module.ClassName}");
        w.Line($"private const string Binding = {CSharpText.Literal(module.InterfaceName)};");
        w.Line();
        w.Line($"/// <summary>The module name the guest imports these functions from.</summary>");
        w.Line($"public const string ModuleName = {CSharpText.Literal(module.ImportModule!)};");
        w.Line();
        string cache = module.Convention() is { } names
            ? $"new global::Bindgen.Internals.CallerMemoryCache(Binding, options, {names.Expression})"
            : "new global::Bindgen.Internals.CallerMemoryCache(Binding, options)";
        string implementation = $"{module.InterfaceFullName} implementation";
        w.Line("/// <summary>");
        w.Line("/// Defines every import on <paramref name=\"linker\"/>, each calling <paramref name=\"implementation\"/>, for every instance");
        w.Line("/// the linker creates: each call asks which instance is calling. Span parameters the implementation receives are");
        w.Line("/// borrowed views of guest memory, valid only until it returns, and only until it calls back into the guest.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"linker\">The linker to define the imports on.</param>");
        w.Line("/// <param name=\"implementation\">The host implementation.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Open($"public static void Define(global::Wasmtime.Linker linker, {implementation}, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line("if (linker is null) throw new global::System.ArgumentNullException(\"linker\");");
        w.Line($"DefineOn(linker, implementation, {cache});");
        w.Close();
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Defines every import for the one instance <paramref name=\"imports\"/> creates, each calling <paramref name=\"implementation\"/>");
        w.Line("/// with that instance's memory, found once. Span parameters the implementation receives are borrowed views of guest");
        w.Line("/// memory, valid only until it returns, and only until it calls back into the guest.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"imports\">The imports of one instantiation.</param>");
        w.Line("/// <param name=\"implementation\">The host implementation.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Open($"public static void Define(global::Bindgen.InstanceImports imports, {implementation}, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line("if (imports is null) throw new global::System.ArgumentNullException(\"imports\");");
        w.Line($"DefineOn(imports.Linker, implementation, imports.Register({cache}));");
        w.Close();
        w.Line();
        w.Open($"private static void DefineOn(global::Wasmtime.Linker linker, {implementation}, global::Bindgen.Internals.CallerMemoryCache __memories)");
        w.Line("if (implementation is null) throw new global::System.ArgumentNullException(\"implementation\");");
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
        bool resultInGuest = method.Lowered.ReturnArea;
        var wasmParameters = method.Parameters.SelectMany(p => MarshallerResolver.For(p).ImportParameterNames(p)).ToList();
        if (resultInGuest)
        {
            wasmParameters.Add(method.Local("return_area"));
        }

        if (method.Lowered.ResultPointer)
        {
            wasmParameters.Insert(0, method.Local("result_pointer"));
        }

        string caller = method.Local("caller");
        w.Line();
        if (UntypedCallback.Needed(method.Lowered))
        {
            w.Line(UntypedCallback.Define(method.ExportName, method));
            w.Line("{");
            w.Line("    " + UntypedCallback.Call(method));
            w.Line();
            w.Line("    " + UntypedCallback.Signature(method, wasmParameters));
            w.Line("    {");
            EmitBody(w, module, method, resultInGuest, caller);
            w.Line("    }");
            w.Line("}" + UntypedCallback.Kinds(method.Lowered));
            return;
        }

        string[] wasmTypes = method.Lowered.ParameterClrTypes;
        string delegateType = method.Lowered.ResultClrType is not { } wasmResult
            ? (wasmTypes.Length == 0 ? "global::Wasmtime.CallerAction" : $"global::Wasmtime.CallerAction<{string.Join(", ", wasmTypes)}>")
            : $"global::Wasmtime.CallerFunc<{string.Join(", ", wasmTypes.Append(wasmResult))}>";
        w.Line($"linker.DefineFunction(ModuleName, {CSharpText.Literal(method.ExportName)}, new {delegateType}(({string.Join(", ", new[] { caller }.Concat(wasmParameters))}) =>");
        w.Line("{");
        EmitBody(w, module, method, resultInGuest, caller);
        w.Line("}));");
    }

    /// <summary>The callback's body: its operation name, the caller's memory, the return-area check, then the stages.</summary>
    private static void EmitBody(IndentedWriter w, ModuleModel module, MethodModel method, bool resultInGuest, string caller)
    {
        w.Line($"    const string {method.Local("operation")} = {CSharpText.Literal($"{module.InterfaceName}.{method.Name} (import '{module.ImportModule}'.'{method.ExportName}')")};");
        if (MarshallerResolver.NeedsMemory(method))
        {
            bool allocates = MarshallerResolver.For(method.ReturnType).ImportResultAllocates;
            w.Line($"    global::Bindgen.GuestMemory {method.Local("memory")} = __memories.For({caller}, withAllocator: {(allocates ? "true" : "false")});");
        }

        if (resultInGuest)
        {
            w.Line("    // Check: the guest's return area, before the implementation runs, so a doomed call has no host-side effects.");
            w.Line($"    {method.Local("memory")}.CheckReturnArea({method.Local("return_area")}, {method.Local("operation")});");
        }

        StageDriver.EmitImportBody(w, module, method);
    }
}
