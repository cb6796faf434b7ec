using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>The world class: Instantiate (the plan, step by step), one property per exported interface, world-level exports.</summary>
internal static partial class ComponentEmitter
{
    private static void EmitWorld(IndentedWriter w, ComponentFile file, ComponentDocs docs, string worldClass, List<ComponentInterface> interfaces, ComponentTypes types, List<string> declarations, List<ComponentAdapter> adapters)
    {
        List<ComponentInterface> imports = interfaces.Where(i => !i.IsExport).ToList();
        List<ComponentInterface> exports = interfaces.Where(i => i.IsExport).ToList();
        ComponentInterface? worldExports = exports.FirstOrDefault(i => i.Wit is null);
        var importParameters = imports.ToDictionary(i => i.Wit ?? "-", i => i.Wit is null ? "imports" : ComponentNames.ImportParameter(i.MemberName));

        if (docs.World is { } worldDoc)
        {
            w.Line("/// <summary>");
            foreach (string line in ComponentDocs.Lines(worldDoc))
            {
                w.Line(line);
            }

            w.Line("/// </summary>");
        }

        w.Line(docs.World is null ? "/// <summary>" : "/// <remarks>");
        w.Line($"/// The component <c>{CSharpText.DocText(file.FileName)}</c>, run on core Wasmtime: its core modules are embedded in this assembly,");
        w.Line("/// compiled once per engine, and instantiated in the order the component's instantiation plan gives. A trap leaves the");
        w.Line("/// instance unusable (every later call throws <see cref=\"global::Bindgen.ComponentPoisonedException\"/>); calling back into it");
        w.Line("/// from one of its imports is refused (<see cref=\"global::Bindgen.ComponentReentranceException\"/>).");
        OpenWorldClass(w, docs, worldClass, worldExports, declarations);
        EmitResources(w, worldClass, exports, types);
        EmitHostResourceInterfaces(w, imports, types);
        w.Line($"private readonly {Runtime} _component;");
        if (worldExports is not null)
        {
            w.Line($"private readonly {worldExports.Module.ClassName} _world;");
        }

        w.Line();
        w.Open($"private {worldClass}({Runtime} component)");
        w.Line("_component = component;");
        foreach (ComponentInterface e in exports.Where(e => e.Wit is not null))
        {
            w.Line($"{Property(e, worldClass)} = new {Gate(e)}(component, new {e.Module.ClassName}(component));");
        }

        if (worldExports is not null)
        {
            w.Line($"_world = new {worldExports.Module.ClassName}(component);");
        }

        w.Close();
        w.Line();
        EmitInstantiate(w, file, worldClass, imports, importParameters, types);

        foreach (ComponentInterface e in exports.Where(e => e.Wit is not null))
        {
            w.Line($"/// <summary>The exported interface <c>{CSharpText.DocText(e.Wit!)}</c>.</summary>");
            w.Line($"public {e.FullName} {Property(e, worldClass)} {{ get; }}");
            w.Line();
        }

        if (worldExports is not null)
        {
            // A function named like the class, its factory or one of its properties is implemented explicitly: C# allows no such member.
            var taken = new HashSet<string>(exports.Where(e => e.Wit is not null).Select(e => Property(e, worldClass))) { worldClass, "Instantiate" };
            foreach (MethodModel method in worldExports.Module.Methods)
            {
                w.Line("/// <inheritdoc/>");
                EmitGatedMethod(w, worldExports, method, "_component", "_world", isPublic: !taken.Contains(method.Identifier));
            }
        }

        foreach (ComponentInterface e in exports)
        {
            EmitCore(w, file, e, DefinesResources(e, types) || UsesHostResources(e), resources: ResourcesDefinedBy(e, types));
            if (e.Wit is not null)
            {
                EmitGate(w, e, DefinesResources(e, types));
            }
        }

        var codec = new CanonicalCodec();
        foreach (DescribedStep step in file.Plan.Where(s => s.Kind == "lower" && !IsWasiLowering(file, s)))
        {
            ComponentInterface owner = imports.First(i => i.Wit == step.Interface);
            MethodModel method = owner.Module.Methods.First(m => m.ExportName == step.Function);
            EmitLowering(w, codec, owner, method, step);
        }

        EmitAdapters(w, file, adapters, codec);

        codec.EmitHelpers(w);
        w.Close();
    }

    /// <summary>The end of the world class's summary, its attributes and declaration, and the WIT types declared at world level.</summary>
    private static void OpenWorldClass(IndentedWriter w, ComponentDocs docs, string worldClass, ComponentInterface? worldExports, List<string> declarations)
    {
        w.Line(docs.World is null ? "/// </summary>" : "/// </remarks>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"1.0.0\")]");
        w.Line("[global::Bindgen.MayGrowMemory]");
        w.Open($"public sealed partial class {worldClass}{(worldExports is null ? string.Empty : " : " + worldExports.FullName)}");
        foreach (string declaration in declarations)
        {
            foreach (string line in declaration.Split('\n'))
            {
                w.Line(line);
            }

            w.Line();
        }
    }

    /// <summary>The property of an exported interface: its name in PascalCase (<c>Interface</c> appended if it would clash).</summary>
    private static string Property(ComponentInterface e, string worldClass)
    {
        string name = e.MemberName;
        return name == worldClass || name is "Instantiate" or "LoadModules" or "Equals" or "GetHashCode" or "ToString" or "GetType" ? name + "Interface" : name;
    }

    private static string Gate(ComponentInterface e) => "__" + e.TypeName.Substring(1) + "Gate";

    private static void EmitInstantiate(IndentedWriter w, ComponentFile file, string worldClass, List<ComponentInterface> imports, Dictionary<string, string> importParameters, ComponentTypes types)
    {
        string[] modules = file.Modules.Select(m => CSharpText.Literal(m.StartsWith("Bindgen.Modules/", System.StringComparison.Ordinal) ? m.Substring("Bindgen.Modules/".Length) : m)).ToArray();
        var parameters = new List<string> { "global::Wasmtime.Engine engine", "global::Wasmtime.Store store" };
        parameters.AddRange(imports.Select(i => $"{i.FullName} {importParameters[i.Wit ?? "-"]}"));
        if (file.Wasi is not null)
        {
            parameters.Add("global::Bindgen.WasiOptions? wasi = null");
        }

        parameters.Add("global::Bindgen.GuestMemoryOptions? options = null");
        w.Line($"/// <summary>Instantiates the component in <paramref name=\"store\"/>{(imports.Count == 0 ? string.Empty : ", with the host's implementations of its imports")}.</summary>");
        w.Line("/// <param name=\"engine\">The engine <paramref name=\"store\"/> was created with (the embedded core modules are compiled for it once).</param>");
        w.Line("/// <param name=\"store\">The store to instantiate in.</param>");
        foreach (ComponentInterface i in imports)
        {
            w.Line($"/// <param name=\"{importParameters[i.Wit ?? "-"].TrimStart('@')}\">The implementation of the imported {(i.Wit is null ? "world functions" : $"interface <c>{CSharpText.DocText(i.Wit)}</c>")}.</param>");
        }

        if (file.Wasi is not null)
        {
            w.Line("/// <param name=\"wasi\">What the component sees of the host through WASI (arguments, environment, standard streams, preopened directories); nothing when null. Set on <paramref name=\"store\"/>.</param>");
        }

        w.Line("/// <param name=\"options\">Guest memory options; <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        w.Line("/// <exception cref=\"global::Bindgen.GuestTrapException\">A core module's start function trapped.</exception>");
        w.Open($"public static {worldClass} Instantiate({string.Join(", ", parameters)})");
        foreach (ComponentInterface i in imports)
        {
            string p = importParameters[i.Wit ?? "-"];
            w.Line($"if ({p} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(p.TrimStart('@'))});");
        }

        w.Line($"var __c = new {Runtime}(engine, store, typeof({worldClass}).Assembly, new string[] {{ {string.Join(", ", modules)} }}, options);");
        EmitResourceSetUp(w, types, afterPlan: false);
        EmitWasiHost(w, file);
        foreach (DescribedStep step in file.Plan)
        {
            if (IsWasiLowering(file, step))
            {
                EmitWasiLowering(w, step);
            }
            else if (step.Kind is "lower" or "adapter")
            {
                string implementation = step.Kind == "adapter" ? AdapterCallee(step) : importParameters[step.Interface ?? "-"];
                w.Line($"global::Wasmtime.Function __lowered{Number(step.Number)} = __Lower{Number(step.Number)}(__c, {implementation});");
            }
            else if (file.Wasi is { Bypass: true } bypass)
            {
                // The WASI bypass: the main module alone, on Wasmtime's preview-1 WASI (docs/components.md, "WASI").
                w.Line($"__c.InstantiatePreview1({Number(step.Number)}, {Number(step.Module)}, wasi, {(bypass.Initialize ? "true" : "false")});");
            }
            else
            {
                string imports2 = string.Join(", ", step.Imports.Select(d => CoreDefinition(d, types)));
                w.Line($"__c.Instantiate({Number(step.Number)}, {Number(step.Module)}, new object[] {{ {imports2} }});");
            }
        }

        EmitResourceSetUp(w, types, afterPlan: true);
        w.Line($"return new {worldClass}(__c);");
        w.Close();
        w.Line();
    }

    /// <summary>A method that enters the component (refusing re-entrance and a poisoned instance), calls the canonical glue, and poisons the instance when the call fails in the guest.</summary>
    private static void EmitGatedMethod(IndentedWriter w, ComponentInterface i, MethodModel method, string component, string core, bool isPublic)
    {
        string L(string name) => method.Local(name);
        string arguments = string.Join(", ", method.Parameters.Select(p => p.Name));
        w.Open($"{(isPublic ? "public " : string.Empty)}{method.ReturnType.FullName} {(isPublic ? string.Empty : i.FullName + ".")}{method.Identifier}({Parameters(method)})");
        w.Line($"{component}.Enter({CSharpText.Literal(i.TypeName + "." + method.Name)});");
        w.Open("try");
        EmitCoreCall(w, method, component, $"{core}.{method.Identifier}({arguments})", CSharpText.Literal(i.TypeName + "." + method.Name));
        w.Close();
        w.Open($"catch (global::Bindgen.BindgenException {L("e")})");
        w.Line($"{component}.Poison({L("e")});");
        w.Line("throw;");
        w.Close();
        w.Open("finally");
        w.Line($"{component}.Exit();");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>The exported interface as the user sees it: each method gated, then the canonical glue.</summary>
    private static void EmitGate(IndentedWriter w, ComponentInterface e, bool definesResources)
    {
        w.Open($"private sealed class {Gate(e)} : {e.FullName}");
        w.Line($"private readonly {Runtime} _component;");
        w.Line($"private readonly {e.Module.ClassName} _core;");
        w.Line();
        w.Open($"public {Gate(e)}({Runtime} component, {e.Module.ClassName} core)");
        w.Line("_component = component;");
        w.Line("_core = core;");
        w.Close();
        w.Line();
        if (definesResources)
        {
            w.Line($"internal {e.Module.ClassName} Core => _core;");
            w.Line();
        }

        foreach (MethodModel method in e.Module.Methods.Where(m => ComponentBinding.ResourceMember(m.ExportName) is null))
        {
            EmitGatedMethod(w, e, method, "_component", "_core", isPublic: false);
        }

        w.Close();
        w.Line();
    }
}
