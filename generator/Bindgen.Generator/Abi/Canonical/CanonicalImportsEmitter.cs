using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Canonical;

/// <summary>
/// Emit stage for [WasmImports(..., Abi = WasmAbi.Canonical)]: a static class whose <c>Define</c> registers one
/// callback per import. Each callback lifts the arguments through one fresh view (bounds-checked, validated) and
/// checks the guest's return pointer, calls the implementation, then lowers the result: every block of the result
/// tree allocated with the guest's <c>cabi_realloc</c> first, then written through a view taken after the last one.
/// </summary>
internal static class CanonicalImportsEmitter
{
    public static string Emit(ModuleModel module)
    {
        IndentedWriter w = IndentedWriter.ForGeneratedFile(module);
        var codec = new CanonicalCodec();
        w.Line("/// <summary>");
        w.Line($"/// Provides the host functions of <see cref=\"{module.InterfaceFullName}\"/> to WebAssembly modules that import them from");
        w.Line($"/// \"{CSharpText.DocText(module.ImportModule!)}\", following the component model's canonical ABI.");
        w.Line("/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"{GeneratorVersion.Value}\")]");
        w.Open($"{module.Accessibility} static partial class {module.ClassName}");
        w.Line($"private const string Binding = {CSharpText.Literal(module.InterfaceName)};");
        w.Line();
        w.Line("/// <summary>The module name the guest imports these functions from.</summary>");
        w.Line($"public const string ModuleName = {CSharpText.Literal(module.ImportModule!)};");
        w.Line();
        w.Line("/// <summary>Defines every import on <paramref name=\"linker\"/>, each calling <paramref name=\"implementation\"/>.</summary>");
        w.Line("/// <param name=\"linker\">The linker to define the imports on.</param>");
        w.Line("/// <param name=\"implementation\">The host implementation.</param>");
        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Open($"public static void Define(global::Wasmtime.Linker linker, {module.InterfaceFullName} implementation, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line("if (linker is null) throw new global::System.ArgumentNullException(\"linker\");");
        w.Line("if (implementation is null) throw new global::System.ArgumentNullException(\"implementation\");");
        foreach (MethodModel method in module.Methods)
        {
            EmitCallback(w, codec, module, method);
        }

        w.Close();
        codec.EmitHelpers(w);
        w.Close();
        return w.ToString();
    }

    /// <summary>
    /// One import's callback. By default it is defined on <c>linker</c> and finds memory and realloc through its caller;
    /// a component's lowering instead passes <paramref name="register"/> (the line that opens a typed lambda: <c>{0}</c> is the
    /// delegate type, <c>{1}</c> the parameters), <paramref name="registerUntyped"/> (the call that takes an untyped callback
    /// and its value kinds, up to its first argument, for more parameters than typed callbacks take) and
    /// <paramref name="guest"/> (the expression for the canonical guest its options name); a resource's method passes
    /// <paramref name="onSelf"/> (called on its first argument, the resource) and <paramref name="afterCall"/> (a statement
    /// run when the implementation returned: ending the loans of borrowed handles).
    /// </summary>
    internal static void EmitCallback(IndentedWriter w, CanonicalCodec codec, ModuleModel module, MethodModel method, string? register = null, string? guest = null, string? registerUntyped = null,
        bool onSelf = false, string? afterCall = null)
    {
        CanonicalSignature s = method.Canonical();
        string L(string name) => method.Local(name);
        bool spillParams = CanonicalAbi.ParametersSpill(s.Parameters);
        bool spillResult = CanonicalAbi.ResultSpills(s.Result);
        string[] wasmTypes = method.Lowered.ParameterClrTypes;
        var wasmNames = wasmTypes.Select((_, i) => L("a" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        string delegateType = method.Lowered.ResultClrType is not { } wasmResult
            ? (wasmTypes.Length == 0 ? "global::Wasmtime.CallerAction" : $"global::Wasmtime.CallerAction<{string.Join(", ", wasmTypes)}>")
            : $"global::Wasmtime.CallerFunc<{string.Join(", ", wasmTypes.Append(wasmResult))}>";
        bool readsMemory = spillParams || spillResult || s.Parameters.Any(CanonicalCodec.HasAllocations);
        bool allocates = spillResult && s.Result is not null && CanonicalCodec.HasAllocations(s.Result);

        w.Line();
        bool typed = !UntypedCallback.Needed(method.Lowered);
        if (typed && register is not null)
        {
            w.Open(string.Format(System.Globalization.CultureInfo.InvariantCulture, register, delegateType, string.Join(", ", new[] { L("caller") }.Concat(wasmNames))));
        }
        else if (typed)
        {
            w.Open($"linker.DefineFunction(ModuleName, {CSharpText.Literal(method.ExportName)}, new {delegateType}(({string.Join(", ", new[] { L("caller") }.Concat(wasmNames))}) =>");
        }
        else
        {
            w.Open(registerUntyped is null ? UntypedCallback.Define(method.ExportName, method) : UntypedCallback.Open(registerUntyped, method));
            w.Line(UntypedCallback.Call(method));
            w.Line();
            w.Open(UntypedCallback.Signature(method, wasmNames));
        }
        codec.UseNames(L("m"), L("p"), L("g"), L("op"));
        w.Line($"const string {L("op")} = {CSharpText.Literal($"{module.InterfaceName}.{method.Name} (import '{module.ImportModule}'.'{method.ExportName}')")};");
        if (readsMemory)
        {
            w.Line($"global::Bindgen.Internals.CanonicalGuest {L("g")} = {guest ?? $"global::Bindgen.Internals.CanonicalGuest.ForCaller({L("caller")}, Binding, {(allocates ? "true" : "false")}, options)"};");
        }

        var arguments = new List<string>();
        if (readsMemory)
        {
            w.Line("// Lift the arguments, and check the return pointer, through one view: no guest call while it is alive.");
            w.Line($"global::Bindgen.MemorySnapshot {L("s")} = {L("g")}.Snapshot();");
            w.Line($"global::System.ReadOnlySpan<byte> {L("m")} = {L("g")}.View();");
        }

        if (spillParams)
        {
            WitType tuple = CanonicalAbi.ParameterTuple(s.Parameters);
            int[] offsets = CanonicalLayout.FieldOffsets(tuple);
            w.Line($"global::Bindgen.Internals.CanonicalLift.Check({L("m")}, {wasmNames[0]}, {CanonicalLayout.Size(tuple)}, {CanonicalLayout.Alignment(tuple)}, {L("op")});");
            for (int i = 0; i < s.Parameters.Count; i++)
            {
                string local = L("arg" + i.ToString(CultureInfo.InvariantCulture));
                w.Line($"{s.Parameters[i].ClrType} {local} = {codec.Load(s.Parameters[i], $"{wasmNames[0]} + {offsets[i].ToString(CultureInfo.InvariantCulture)}")};");
                arguments.Add(local);
            }
        }
        else
        {
            var flat = new Queue<(string, WasmType)>(wasmNames.Zip(method.Lowered.Parameters, (n, t) => (n, t)));
            var lifting = new CanonicalFlatLifting(w, codec, method);
            arguments.AddRange(s.Parameters.Select(p => lifting.Lift(p, flat)));
        }

        string retptr = wasmNames.LastOrDefault() ?? string.Empty;
        if (spillResult)
        {
            w.Line($"global::Bindgen.Internals.CanonicalLift.Check({L("m")}, {retptr}, {CanonicalLayout.Size(s.Result!)}, {CanonicalLayout.Alignment(s.Result!)}, {L("op")});");
        }

        if (readsMemory)
        {
            w.Line($"{L("g")}.VerifyUnchanged({L("s")}, {L("op")});");
        }

        string call = onSelf
            ? $"{arguments[0]}.{method.Identifier}({string.Join(", ", arguments.Skip(1))})"
            : $"{ClassFrame.Implementation(module, method)}.{method.Identifier}({string.Join(", ", arguments)})";
        if (s.Result is not null)
        {
            w.Line($"{method.ReturnType.FullName} {L("result")};");
            call = $"{L("result")} = {call}";
        }

        w.Open("try");
        w.Line(call + ";");
        w.Close();
        w.Open($"catch (global::System.Exception {L("e")})");
        w.Line($"throw global::Bindgen.Internals.GuestFailures.FromImplementation({L("op")}, {L("e")});");
        w.Close();
        if (afterCall is not null)
        {
            w.Line(afterCall);
        }

        if (s.Result is not null && !spillResult)
        {
            List<string> values = new CanonicalFlatLowering(w, codec, method).Lower(s.Result, L("result"));
            w.Line($"return {values[0]};");
        }
        else if (spillResult)
        {
            w.Line("// Lower the result: every cabi_realloc of its tree first, then one view for the writes.");
            if (allocates)
            {
                w.Line($"global::Bindgen.Internals.CanonicalPlan {L("p")} = {L("g")}.Rent();");
                w.Line(codec.Plan(s.Result!, L("result"))!);
                w.Line($"{L("g")}.Allocate({L("p")}, {L("op")});");
            }
            else
            {
                w.Line($"global::Bindgen.Internals.CanonicalPlan {L("p")} = new global::Bindgen.Internals.CanonicalPlan();");
            }

            w.Line($"global::Bindgen.MemorySnapshot {L("ws")} = {L("g")}.Snapshot();");
            w.Line($"global::System.Span<byte> {L("wm")} = {L("g")}.View();");
            codec.UseNames(L("wm"), L("p"), L("g"), L("op"));
            w.Line(codec.Store(s.Result!, L("result"), retptr));
            w.Line($"{L("g")}.VerifyUnchanged({L("ws")}, {L("op")});");
            if (allocates)
            {
                w.Line($"{L("g")}.Return({L("p")});");
            }
        }

        if (typed)
        {
            w.Close("));");
            return;
        }

        w.Close();
        w.Close(UntypedCallback.Kinds(method.Lowered));
    }
}
