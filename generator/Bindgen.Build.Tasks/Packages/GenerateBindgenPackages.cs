using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Bindgen.Build.Tasks.Packages;
using Bindgen.Generator.Abi.WasmBindgen;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Bindgen.Build.Tasks;

/// <summary>
/// Binds each <c>BindgenPackage</c> item (a wasm-bindgen package folder, or its glue) without hand-written C#: reads
/// its glue (as the generator reads it), its module's function types and its <c>.d.ts</c>, and writes a C# interface
/// the generator then binds. An export that cannot be bound yet is left out and reported as BG9008 (a message, at its
/// line in the <c>.d.ts</c>); a package whose files cannot be found or read is error BG9009; one of which nothing is bound, warning BG9010.
/// </summary>
public sealed class GenerateBindgenPackages : Task
{
    private const string SkippedCode = "BG9008";
    private const string ErrorCode = "BG9009";
    private const string EmptyCode = "BG9010";

    /// <summary>The project's <c>BindgenPackage</c> items; metadata <c>Namespace</c>, <c>InterfaceName</c>, <c>Accessibility</c> (public or internal).</summary>
    [Required]
    public ITaskItem[] Packages { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The folder the bindings are written to (under the intermediate output path).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The namespace of a package without <c>Namespace</c> metadata (the project's RootNamespace).</summary>
    public string DefaultNamespace { get; set; } = string.Empty;

    /// <summary>The generated C# files.</summary>
    [Output]
    public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The glue files, for the generator (AdditionalFiles).</summary>
    [Output]
    public ITaskItem[] Glue { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The modules, to embed (metadata <c>LogicalName</c>: <c>Bindgen.Modules/x_bg.wasm</c>).</summary>
    [Output]
    public ITaskItem[] Modules { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    public override bool Execute()
    {
        // The glue reader matches dozens of patterns per wrapper through Regex's static cache (15 by default): with the
        // cache that small, photon-node's glue takes 3x as long, each pattern parsed again and again.
        System.Text.RegularExpressions.Regex.CacheSize = Math.Max(System.Text.RegularExpressions.Regex.CacheSize, 128);
        var sources = new List<ITaskItem>();
        var glues = new List<ITaskItem>();
        var modules = new List<ITaskItem>();
        var interfaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (ITaskItem package in Packages)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            string path = package.GetMetadata("FullPath").TrimEnd('/', '\\');
            (PackageFiles? files, string? problem) = PackageLocator.Locate(path);
            if (files is null)
            {
                Error(path, $"BindgenPackage '{package.ItemSpec}' cannot be bound: {problem}.");
                continue;
            }

            files = EmbeddedModules.Extract(files, OutputDirectory);
            string glueText, wasmFile = Path.GetFileName(files.Wasm);
            Dictionary<string, string> functions;
            Dictionary<string, TsDeclaration> declarations;
            HashSet<string> declaredTypes;
            Dictionary<string, TsEnum> enums;
            try
            {
                glueText = File.ReadAllText(files.Glue);
                WasmModuleInfo info = WasmReader.Read(File.ReadAllBytes(files.Wasm));
                functions = info.Exports.Where(e => e.Kind == "function").GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.First().Detail, StringComparer.Ordinal);
                string declarationText = files.Declarations is null ? string.Empty : File.ReadAllText(files.Declarations);
                declarations = files.Declarations is null ? new Dictionary<string, TsDeclaration>() : TypeScriptDeclarations.Read(declarationText);
                declaredTypes = JsBuiltins.DeclaredTypes(declarationText);
                enums = TypeScriptEnums.Read(declarationText);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or WasmFormatException)
            {
                Error(path, $"BindgenPackage '{package.ItemSpec}' cannot be read: {e.Message}");
                continue;
            }

            TypeScriptEnums.AddStringEnums(enums, glueText);
            GlueModel glue = GlueReader.Read(Path.GetFileName(files.Glue), glueText, exportsOnly: true);
            if (glue.Problem is not null)
            {
                Error(files.Glue, $"BindgenPackage '{package.ItemSpec}': its glue '{files.Glue}' {glue.Problem}.");
                continue;
            }

            string stem = Path.GetFileNameWithoutExtension(files.Wasm);
            stem = stem.Substring(0, stem.Length - "_bg".Length);
            string interfaceName = package.GetMetadata("InterfaceName") is { Length: > 0 } given ? given : "I" + DotNetNames.Pascal(stem);
            // The generated class nests one class per package class: a package class of the binding's name makes it <Name>Module.
            if (glue.Classes.AsSpan().ToArray().Any(c => "I" + DotNetNames.Pascal(c.Name) == interfaceName))
            {
                interfaceName += "Module";
            }

            if (!interfaces.Add(interfaceName))
            {
                Error(path, $"BindgenPackage '{package.ItemSpec}' would be bound as {interfaceName}, as another package is; give one an InterfaceName.");
                continue;
            }

            PackageBinding binding = PackageBinder.Bind(interfaceName, glue, functions, declarations, declaredTypes, enums);
            foreach (PackageExport skipped in binding.Exports.Where(e => e.Member is null))
            {
                Log.LogMessage(subcategory: null, SkippedCode, helpKeyword: SkippedCode, files.Declarations ?? files.Glue, skipped.Line, 0, 0, 0, MessageImportance.High,
                    $"BindgenPackage '{package.ItemSpec}': '{skipped.Key}' is not bound: {skipped.Reason}.");
            }

            if (EmptyBinding.Explain(binding, Path.GetFileName(files.Glue)) is { } empty)
            {
                Log.LogWarning(subcategory: null, EmptyCode, helpKeyword: EmptyCode, helpLink: "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/BG9010.md", files.Glue, 0, 0, 0, 0,
                    $"BindgenPackage '{package.ItemSpec}': {empty}.");
            }

            string ns = package.GetMetadata("Namespace") is { Length: > 0 } n ? n : DefaultNamespace;
            string accessibility = package.GetMetadata("Accessibility") == "internal" ? "internal" : "public";
            string text = PackageBindingWriter.Write(binding, ns, Path.GetFileName(files.Glue), wasmFile, accessibility, package.ItemSpec);
            string target = Path.Combine(OutputDirectory, interfaceName.Substring(1) + ".package.g.cs");
            BuildOutput.WriteIfChanged(target, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
            sources.Add(new TaskItem(target));
            glues.Add(new TaskItem(files.Glue));
            var module = new TaskItem(files.Wasm);
            module.SetMetadata("LogicalName", "Bindgen.Modules/" + wasmFile);
            modules.Add(module);
            Log.LogMessage(MessageImportance.Normal, $"BindgenPackage '{package.ItemSpec}': {binding.Exports.Count(e => e.Member is not null)} of {binding.Exports.Count} exports bound as {interfaceName} in {watch.ElapsedMilliseconds} ms.");
        }

        Sources = sources.ToArray();
        Glue = glues.ToArray();
        Modules = modules.ToArray();
        return !Log.HasLoggedErrors;
    }

    private void Error(string file, string message) =>
        Log.LogError(subcategory: null, ErrorCode, helpKeyword: ErrorCode, helpLink: "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/BG9009.md", file, 0, 0, 0, 0, message);
}
