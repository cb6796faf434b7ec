using System;
using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>One snippet module of the package (its own JavaScript), as the binding's C# interface declares it.</summary>
/// <param name="Module">The module as the glue imports it (<c>&lt;crate&gt;-&lt;hash&gt;/inline0.js</c>).</param>
/// <param name="InterfaceName">The nested interface the user implements.</param>
/// <param name="Functions">The functions the glue's imports call.</param>
internal sealed record WasmBindgenSnippetModule(string Module, string InterfaceName, EquatableArray<WasmBindgenSnippetFunction> Functions);

/// <summary>A snippet function: its JavaScript name, its C# member, how the glue passes each argument and its result (<see cref="GlueImportClassifier"/>'s letters).</summary>
internal sealed record WasmBindgenSnippetFunction(string Function, string MemberName, string Arguments, char Result, EquatableArray<string> ParameterNames, string Import);

/// <summary>
/// A package's snippets in the generated binding: one nested interface per snippet module, with one member per
/// function the glue calls (parameter names from the snippet file when it is an AdditionalFiles item), a dispatcher
/// from the runtime's call to the interface, and an <c>Instantiate</c> overload taking the implementations.
/// </summary>
internal static class WasmBindgenSnippets
{
    public static EquatableArray<WasmBindgenSnippetModule> Bind(GlueModel glue, EquatableArray<AbiInput> inputs)
    {
        List<string> modules = GlueImportClassifier.SnippetModules(glue.Imports);
        var result = new List<WasmBindgenSnippetModule>();
        foreach (string module in modules)
        {
            string file = module.Substring(module.LastIndexOf('/') + 1);
            var functions = new List<WasmBindgenSnippetFunction>();
            foreach (GlueImport import in glue.Imports.AsSpan())
            {
                if (GlueImportClassifier.ParseSnippet(import.Operation) is not { } call || call.Module != module || functions.Any(f => f.Function == call.Function))
                {
                    continue;
                }

                // The snippet file, when the project lists it: the one of that name defining the function with that arity.
                GlueSnippetFunction? declared = inputs.AsSpan().ToArray().OfType<GlueModel>()
                    .Where(g => string.Equals(g.FileName, file, StringComparison.Ordinal))
                    .SelectMany(g => g.SnippetFunctions.AsSpan().ToArray())
                    .FirstOrDefault(f => f.Name == call.Function && f.Parameters.Count == call.Arguments.Length);
                functions.Add(new WasmBindgenSnippetFunction(call.Function, GlueImportClassifier.SnippetPascal(call.Function), call.Arguments, call.Result,
                    ParameterNames(declared, call.Arguments.Length), import.Name));
            }

            result.Add(new WasmBindgenSnippetModule(module, GlueImportClassifier.SnippetInterfaceName(module, modules.Count > 1), functions.ToEquatableArray()));
        }

        return result.ToEquatableArray();
    }

    private static EquatableArray<string> ParameterNames(GlueSnippetFunction? declared, int count)
    {
        var names = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string js = declared?.Parameters[i] ?? string.Empty;
            string name = System.Text.RegularExpressions.Regex.IsMatch(js, @"^[A-Za-z_][A-Za-z0-9_]*$") ? js : "arg" + i;
            names.Add(names.Contains(name) ? name + i : name);
        }

        return names.ToEquatableArray();
    }

    /// <summary>The C# type of a snippet argument or result letter.</summary>
    private static string Type(char letter, bool externref) => letter switch
    {
        'u' => "double",
        'a' or 'r' => externref ? "object?" : "double",
        'b' => "bool",
        's' => "string",
        'y' => "global::Bindgen.WasmBindgen.JsUint8Array",
        'v' => "void",
        _ => "object?",
    };

    private static bool Externref(ModuleModel module) => module.WasmBindgen().Bound!.HeapSize == 0;

    /// <summary>The nested interfaces and their dispatchers.</summary>
    public static void EmitInterfaces(IndentedWriter w, ModuleModel module)
    {
        bool externref = Externref(module);
        foreach (WasmBindgenSnippetModule snippets in module.WasmBindgen().Snippets)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// The package's own JavaScript module <c>snippets/{CSharpText.DocText(snippets.Module)}</c>, which Bindgen cannot run: implement it in C#");
            w.Line($"/// and pass it to <see cref=\"Instantiate(global::Wasmtime.Engine, global::Wasmtime.Store, global::Wasmtime.Module, {snippets.InterfaceName}, global::Wasmtime.Linker?, global::Bindgen.GuestMemoryOptions?)\"/>.");
            w.Line("/// Arguments and results are JavaScript values as Bindgen models them (JsObject, lists, strings, doubles, JsUint8Array, JsUndefined.Value);");
            w.Line("/// a JsException thrown is the JavaScript exception; NotImplementedException is a JsSnippetNotImplementedException naming the call.");
            w.Line("/// </summary>");
            w.Open($"public interface {snippets.InterfaceName}");
            foreach (WasmBindgenSnippetFunction f in snippets.Functions)
            {
                w.Line($"/// <summary>JavaScript <c>{CSharpText.DocText(f.Function)}({CSharpText.DocText(string.Join(", ", f.ParameterNames))})</c>, called by the import <c>{CSharpText.DocText(f.Import)}</c>.</summary>");
                for (int i = 0; i < f.ParameterNames.Count; i++)
                {
                    w.Line($"/// <param name=\"{f.ParameterNames[i]}\">JavaScript <c>{f.ParameterNames[i]}</c>.</param>");
                }

                if (f.Result != 'v')
                {
                    w.Line("/// <returns>The function's result.</returns>");
                }

                string parameters = string.Join(", ", f.Arguments.Select((c, i) => Type(c, externref) + " " + CSharpText.Identifier(f.ParameterNames[i])));
                w.Line($"{Type(f.Result, externref)} {f.MemberName}({parameters});");
                w.Line();
            }

            w.Close();
            w.Line();
            w.Line($"/// <summary>Calls the member of <paramref name=\"snippets\"/> for <paramref name=\"function\"/> with the JavaScript arguments the import passes.</summary>");
            w.Open($"private static object? Call{snippets.InterfaceName.Substring(1)}({snippets.InterfaceName} snippets, string function, object?[] arguments)");
            w.Open("switch (function)");
            foreach (WasmBindgenSnippetFunction f in snippets.Functions)
            {
                string args = string.Join(", ", f.Arguments.Select((c, i) => Type(c, externref) is "object?" ? $"arguments[{i}]" : $"({Type(c, externref)})arguments[{i}]!"));
                string invoke = $"snippets.{f.MemberName}({args})";
                w.Line($"case {CSharpText.Literal(f.Function)}:");
                w.Line(f.Result == 'v' ? $"    {invoke};" : $"    return {invoke};");
                if (f.Result == 'v')
                {
                    w.Line("    return null;");
                }
            }

            w.Line("default:");
            w.Line($"    throw new global::System.NotImplementedException(function + \" is not a function of {CSharpText.LiteralContent(snippets.InterfaceName)}\");");
            w.Close();
            w.Close();
        }
    }

    /// <summary>The <c>Instantiate</c> overload that takes the snippet implementations.</summary>
    public static void EmitInstantiate(IndentedWriter w, ModuleModel module)
    {
        EquatableArray<WasmBindgenSnippetModule> all = module.WasmBindgen().Snippets;
        string Parameter(WasmBindgenSnippetModule s) => char.ToLowerInvariant(s.InterfaceName[1]) + s.InterfaceName.Substring(2);
        w.Line("/// <summary>");
        w.Line("/// Instantiates <paramref name=\"module\"/> as the other overload does, with the package's own JavaScript (its snippets)");
        w.Line("/// implemented by the given C# objects; a snippet call without one is a JsSnippetNotImplementedException.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"engine\">The store's engine.</param>");
        w.Line("/// <param name=\"store\">The store.</param>");
        w.Line("/// <param name=\"module\">The package's <c>.wasm</c>, loaded.</param>");
        foreach (WasmBindgenSnippetModule s in all)
        {
            w.Line($"/// <param name=\"{Parameter(s)}\">The implementation of <c>snippets/{CSharpText.DocText(s.Module)}</c>, or null.</param>");
        }

        w.Line("/// <param name=\"imports\">A linker with the user's own import definitions, or null.</param>");
        w.Line("/// <param name=\"options\">Guest memory options (checked mode); <see cref=\"global::Bindgen.GuestMemoryOptions.Default\"/> when null.</param>");
        string parameters = string.Join(", ", all.Select(s => $"{s.InterfaceName}? {Parameter(s)}"));
        w.Open($"public static {module.ClassName} Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Wasmtime.Module module, {parameters}, global::Wasmtime.Linker? imports = null, global::Bindgen.GuestMemoryOptions? options = null)");
        WasmBindgenEmitter.EmitInstantiateBody(w, module, writer =>
        {
            foreach (WasmBindgenSnippetModule s in all)
            {
                string p = Parameter(s);
                writer.Line($"__guest.AddSnippets({CSharpText.Literal(s.Module)}, {p} is null ? null : (__function, __arguments) => Call{s.InterfaceName.Substring(1)}({p}, __function, __arguments));");
            }
        });
        w.Close();
        w.Line();
    }
}
