using System.IO;
using Bindgen.Build.Tasks.Components;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Bindgen.Build.Tasks;

/// <summary>
/// Components that import WASI: BG9006 when one cannot run at all, and message BG9007 when it runs on the fallback
/// (Wasmtime.Components), whose whole binary is then embedded.
/// </summary>
public sealed partial class DescribeWasmComponents
{
    private const string WasiErrorCode = "BG9006";
    private const string FallbackCode = "BG9007";
    private const string HelpRoot = "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/";

    /// <summary>The value of a <c>BindgenComponent</c>'s <c>Host</c> metadata that runs it on Wasmtime.Components whatever it imports.</summary>
    public const string WasmtimeComponentsHost = "Wasmtime.Components";

    /// <summary>The value of a <c>BindgenComponent</c>'s <c>Host</c> metadata that runs a component that imports WASI on Bindgen's WASI 0.2 host.</summary>
    public const string BindgenWasiHost = "Bindgen";

    /// <summary><c>Host="Wasmtime.Components"</c>: the fallback, asked for (to compare with Bindgen's own path, or to work around it).</summary>
    private static void RequestedFallback(ITaskItem component, ComponentInfo info)
    {
        if (component.GetMetadata("Host").Trim() == WasmtimeComponentsHost)
        {
            info.Wasi = WasiTiers.Requested(info, out string? problem);
            info.WasiProblem = problem;
        }
        else if (component.GetMetadata("Host").Trim() == BindgenWasiHost && info.Wasi is not null)
        {
            info.Wasi = WasiTiers.RequestedHost(info, out string? problem);
            info.WasiProblem = problem;
        }
    }

    private void WasiError(string file, string message) =>
        Log.LogError(subcategory: null, WasiErrorCode, helpKeyword: WasiErrorCode, helpLink: HelpRoot + WasiErrorCode + ".md", file, 0, 0, 0, 0, message);

    /// <summary>Says why the component runs on the fallback, and writes the component to embed whole.</summary>
    private ITaskItem WasiFallback(string path, string fileName, byte[] bytes, WasiTier tier)
    {
        Log.LogMessage(subcategory: null, FallbackCode, helpKeyword: FallbackCode, file: path, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0,
            MessageImportance.High,
            $"BindgenComponent '{path}' imports WASI and runs on Wasmtime.Components with its WASI 0.2 (slower calls, no resources), because {tier.Reason}.");
        string target = Path.Combine(OutputDirectory, fileName + ".modules", "component.wasm");
        BuildOutput.WriteIfChanged(target, bytes);
        var item = new TaskItem(target);
        item.SetMetadata("LogicalName", ComponentDescription.ComponentResourceName(fileName));
        return item;
    }
}
