using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Bindgen.Build.Tasks.Components;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Bindgen.Build.Tasks;

/// <summary>
/// Reads each <c>BindgenComponent</c> item (a component .wasm file), writes its text description for the generator
/// (docs/component-description.md) and its core modules as files to embed. A file that cannot be read, is not a
/// component, is corrupt, or uses what Bindgen cannot bind yet is error BG9003, naming the file and what and where.
/// </summary>
public sealed partial class DescribeWasmComponents : Task
{
    private const string ErrorCode = "BG9003";
    private const string HelpLink = "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/BG9003.md";
    private const string DocsWarningCode = "BG9004";
    private const string DocsHelpLink = "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/BG9004.md";

    /// <summary>The components: the project's <c>BindgenComponent</c> items (metadata <c>ClassName</c> and <c>Namespace</c> optional).</summary>
    [Required]
    public ITaskItem[] Components { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The folder the descriptions and extracted core modules are written to (under the intermediate output path).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>One description per component that could be read.</summary>
    [Output]
    public ITaskItem[] Descriptions { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The core modules of those components, with metadata <c>LogicalName</c> (the resource name generated code loads).</summary>
    [Output]
    public ITaskItem[] Modules { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    public override bool Execute()
    {
        var descriptions = new List<ITaskItem>();
        var modules = new List<ITaskItem>();
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (ITaskItem component in Components)
        {
            string path = component.GetMetadata("FullPath");
            string fileName = Path.GetFileName(path);
            if (byName.TryGetValue(fileName, out string? other))
            {
                Error(path, $"BindgenComponent '{path}' has the same file name as '{other}'; the generated class and embedded resources are named after the file. Rename one of the files.");
                continue;
            }

            byName.Add(fileName, path);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                Error(path, $"BindgenComponent '{path}' cannot be read: {e.Message}");
                continue;
            }

            ComponentInfo info;
            try
            {
                info = ComponentReader.Read(bytes);
            }
            catch (ComponentFormatException e)
            {
                Error(path, $"BindgenComponent '{path}' is not a component Bindgen can read: {e.Message}.");
                continue;
            }

            RequestedFallback(component, info);
            if (info.WasiProblem is not null)
            {
                WasiError(path, $"BindgenComponent '{path}' imports WASI but cannot be run: {info.WasiProblem}.");
                continue;
            }

            // WASI's resources are not run by Bindgen (bypass) or not by Bindgen's glue (fallback), so their constructs are no error there.
            foreach (ComponentDiagnostic diagnostic in info.Wasi is null ? info.Diagnostics : new List<ComponentDiagnostic>())
            {
                Error(path, $"BindgenComponent '{path}' uses what Bindgen cannot bind yet ({diagnostic.What}, at {diagnostic.Where}): {diagnostic.Message}.");
            }

            if (info.Wasi is null && info.Diagnostics.Count > 0)
            {
                continue;
            }

            if (info.Wasi is { Bypass: false, Host: false } fallback)
            {
                modules.Add(WasiFallback(path, fileName, bytes, fallback));
            }

            string folder = Path.Combine(OutputDirectory, fileName + ".modules");
            foreach (int i in ComponentDescription.EmbeddedModules(info))
            {
                string modulePath = Path.Combine(folder, i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".wasm");
                BuildOutput.WriteIfChanged(modulePath, info.Modules[i]);
                var module = new TaskItem(modulePath);
                module.SetMetadata("LogicalName", ComponentDescription.ModuleResourceName(fileName, i));
                modules.Add(module);
            }

            string docs = PackageDocs.Describe(bytes, out string? docsProblem);
            if (docsProblem is not null)
            {
                Log.LogWarning(subcategory: null, DocsWarningCode, helpKeyword: DocsWarningCode, helpLink: DocsHelpLink, path, 0, 0, 0, 0,
                    $"BindgenComponent '{path}' has a {PackageDocs.SectionName} custom section (its WIT doc comments) that Bindgen cannot read ({docsProblem}); the binding is generated without the WIT docs.");
            }

            string text = ComponentDescription.Write(fileName, bytes, info)
                + docs
                + Setting("class-name", component.GetMetadata("ClassName"))
                + Setting("namespace", component.GetMetadata("Namespace"));
            string target = Path.Combine(OutputDirectory, fileName + ComponentDescription.Extension);
            BuildOutput.WriteIfChanged(target, new UTF8Encoding(false).GetBytes(text));
            var item = new TaskItem(target);
            item.SetMetadata("BindgenComponent", path);
            descriptions.Add(item);
        }

        Descriptions = descriptions.ToArray();
        Modules = modules.ToArray();
        return !Log.HasLoggedErrors;
    }

    private static string Setting(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : name + "\t" + ComponentDescription.Escape(value.Trim()) + "\n";

    private void Error(string file, string message) =>
        Log.LogError(subcategory: null, ErrorCode, helpKeyword: ErrorCode, helpLink: HelpLink, file, 0, 0, 0, 0, message);
}
