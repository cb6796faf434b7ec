using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Bindgen.Build.Tasks;

/// <summary>
/// Reads each <c>BindgenModule</c> item (a .wasm file) and writes its text description for the generator, which
/// cannot read binary files (see docs/module-description.md). A file that cannot be read, is not a WebAssembly
/// module, or shares its file name with another module is error BG9002, naming the file.
/// </summary>
public sealed class DescribeWasmModules : Task
{
    private const string ErrorCode = "BG9002";
    private const string HelpLink = "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/BG9002.md";

    /// <summary>The modules: the project's <c>BindgenModule</c> items.</summary>
    [Required]
    public ITaskItem[] Modules { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The folder the descriptions are written to (under the intermediate output path).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>One description file per module that could be read, with metadata <c>BindgenModule</c> (the .wasm's full path).</summary>
    [Output]
    public ITaskItem[] Descriptions { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    public override bool Execute()
    {
        var descriptions = new List<ITaskItem>();
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (ITaskItem module in Modules)
        {
            string path = module.GetMetadata("FullPath");
            string fileName = Path.GetFileName(path);

            // [WasmModule(File = ...)] and the embedded resource name use the file name alone, so it must be unique.
            if (byName.TryGetValue(fileName, out string? other))
            {
                Error(path, $"BindgenModule '{path}' has the same file name as '{other}'; [WasmModule(File = \"{fileName}\")] would not know which one it means. Rename one of the files.");
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
                Error(path, $"BindgenModule '{path}' cannot be read: {e.Message}");
                continue;
            }

            string text;
            try
            {
                text = ModuleDescription.Write(fileName, bytes);
            }
            catch (WasmFormatException e)
            {
                Error(path, $"BindgenModule '{path}' is not a WebAssembly module Bindgen can read: {e.Message}.");
                continue;
            }

            string target = Path.Combine(OutputDirectory, fileName + ModuleDescription.Extension);
            BuildOutput.WriteIfChanged(target, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
            var item = new TaskItem(target);
            item.SetMetadata("BindgenModule", path);
            descriptions.Add(item);
        }

        Descriptions = descriptions.ToArray();
        return !Log.HasLoggedErrors;
    }

    private void Error(string file, string message) =>
        Log.LogError(subcategory: null, ErrorCode, helpKeyword: ErrorCode, helpLink: HelpLink, file, 0, 0, 0, 0, message);
}
