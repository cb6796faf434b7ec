using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>
/// The world class of a component on the WASI fallback: the same members as on core Wasmtime, but <c>Instantiate</c>
/// hands the whole embedded component to Wasmtime.Components (with its WASI 0.2) and each call converts its values
/// to and from <c>ComponentValue</c>.
/// </summary>
internal static partial class ComponentEmitter
{
    private const string Fallback = "global::Bindgen.Internals.ComponentFallback";

    private static void EmitFallbackWorld(IndentedWriter w, ComponentFile file, string worldClass, List<ComponentInterface> interfaces, List<string> declarations, ComponentTypes types)
    {
        List<ComponentInterface> exports = interfaces.Where(i => i.IsExport).ToList();
        ComponentInterface? worldExports = exports.FirstOrDefault(i => i.Wit is null);
        var values = new ComponentValueCode(types.Labels);
        var functions = new List<string>();
        w.Line("/// <summary>");
        w.Line($"/// The component <c>{CSharpText.DocText(file.FileName)}</c>, run whole by Wasmtime.Components with its WASI 0.2 (the fallback, since");
        w.Line($"/// {CSharpText.DocText(file.Wasi?.Reason ?? "the preview-1 adapter cannot be left out")}). Values pass as <c>ComponentValue</c>; a trap leaves the");
        w.Line("/// instance unusable (every later call throws <see cref=\"global::Bindgen.ComponentPoisonedException\"/>).");
        OpenWorldClass(w, ComponentDocs.None, worldClass, worldExports, declarations);
        w.Line($"private readonly {Fallback} _component;");
        w.Line();
        w.Open($"private {worldClass}({Fallback} component)");
        w.Line("_component = component;");
        foreach (ComponentInterface e in exports.Where(e => e.Wit is not null))
        {
            w.Line($"{Property(e, worldClass)} = new {Gate(e)}(component);");
        }

        w.Close();
        w.Line();
        var body = new IndentedWriter();
        foreach (ComponentInterface e in exports.Where(e => e.Wit is not null))
        {
            w.Line($"/// <summary>The exported interface <c>{CSharpText.DocText(e.Wit!)}</c>.</summary>");
            w.Line($"public {e.FullName} {Property(e, worldClass)} {{ get; }}");
            w.Line();
            body.Open($"private sealed class {Gate(e)} : {e.FullName}");
            body.Line($"private readonly {Fallback} _component;");
            body.Line();
            body.Line($"public {Gate(e)}({Fallback} component) => _component = component;");
            body.Line();
            foreach (MethodModel method in e.Module.Methods)
            {
                EmitFallbackMethod(body, e, method, functions, values, isPublic: false);
            }

            body.Close();
            body.Line();
        }

        if (worldExports is not null)
        {
            var taken = new HashSet<string>(exports.Where(e => e.Wit is not null).Select(e => Property(e, worldClass))) { worldClass, "Instantiate" };
            foreach (MethodModel method in worldExports.Module.Methods)
            {
                w.Line("/// <inheritdoc/>");
                EmitFallbackMethod(w, worldExports, method, functions, values, isPublic: !taken.Contains(method.Identifier));
            }
        }

        w.Line($"/// <summary>Instantiates the component in <paramref name=\"store\"/> on Wasmtime.Components, with WASI as <paramref name=\"wasi\"/> configures it.</summary>");
        w.Line("/// <param name=\"engine\">The engine <paramref name=\"store\"/> was created with (the embedded component is compiled for it once).</param>");
        w.Line("/// <param name=\"store\">The store to instantiate in; its WASI configuration is set from <paramref name=\"wasi\"/>.</param>");
        w.Line("/// <param name=\"wasi\">What the component sees of the host (arguments, environment, standard streams, preopened directories); nothing when null.</param>");
        w.Line("/// <param name=\"options\">Not used on this tier (Wasmtime.Components reads and writes guest memory itself); accepted so the call is the same on every tier.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.GuestTrapException\">Instantiation failed in the guest.</exception>");
        w.Open($"public static {worldClass} Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Bindgen.WasiOptions? wasi = null, global::Bindgen.GuestMemoryOptions? options = null)");
        w.Line($"return new {worldClass}(new {Fallback}(engine, store, typeof({worldClass}).Assembly, {CSharpText.Literal(file.FileName)}, wasi, new (string?, string)[]");
        w.Line("{");
        foreach (string f in functions)
        {
            w.Line("    " + f + ",");
        }

        w.Line("}));");
        w.Close();
        w.Line();
        foreach (string line in body.ToString().TrimEnd('\n').Split('\n'))
        {
            w.Line(line);
        }

        w.Close();
    }

    private static void EmitFallbackMethod(IndentedWriter w, ComponentInterface i, MethodModel method, List<string> functions, ComponentValueCode values, bool isPublic)
    {
        int index = functions.Count;
        functions.Add($"({(i.Wit is null ? "null" : CSharpText.Literal(i.Wit))}, {CSharpText.Literal(method.ExportName)})");
        CanonicalSignature signature = method.Canonical();
        var arguments = method.Parameters.Select((p, n) => values.ToValue(signature.Parameters[n], p.Name)).ToList();
        w.Open($"{(isPublic ? "public " : string.Empty)}{method.ReturnType.FullName} {(isPublic ? string.Empty : i.FullName + ".")}{method.Identifier}({Parameters(method)})");
        string call = $"_component.Call({Number(index)}, {CSharpText.Literal(i.TypeName + "." + method.Name)}{string.Concat(arguments.Select(a => ", " + a))})";
        if (signature.Result is { } result)
        {
            w.Line($"global::Wasmtime.Components.ComponentValue __result = {call}!;");
            w.Line($"return {values.FromValue(result, "__result")};");
        }
        else
        {
            w.Line(call + ";");
        }

        w.Close();
        w.Line();
    }
}
