using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// A component that imports WASI (<see cref="WasiTiers"/>) is described without its WASI imports' types and lowerings,
/// which Bindgen does not run: the bypass keeps the main module's instantiation alone (its module numbered 0), the
/// fallback no plan at all and the whole component as one embedded resource.
/// </summary>
public sealed partial class ComponentDescription
{
    /// <summary>The resource name the whole component is embedded under, for the WASI fallback.</summary>
    /// <param name="fileName">The component's file name.</param>
    public static string ComponentResourceName(string fileName) => "Bindgen.Components/" + fileName;

    /// <summary>The core modules the binding embeds, by their number in the file.</summary>
    /// <param name="info">What the reader found.</param>
    public static IEnumerable<int> EmbeddedModules(ComponentInfo info) =>
        info.Wasi is null or { Host: true } ? Enumerable.Range(0, info.Modules.Count)
        : info.Wasi.Bypass ? new[] { info.Wasi.MainModule }
        : Enumerable.Empty<int>();

    private static int ModuleNumber(ComponentInfo info, int module) => info.Wasi is null or { Host: true } ? module : 0;

    private static IEnumerable<PlanStep> WasiPlan(ComponentInfo info) =>
        info.Wasi is { Host: true } ? info.Plan
        : info.Wasi is { Bypass: true } tier
            ? new PlanStep[] { new InstantiateStep(tier.MainInstance, 0, new List<(string, string, string, CoreDef)>()) }
            : new PlanStep[0];

    private static void WasiHead(StringBuilder head, string fileName, byte[] bytes, ComponentInfo info)
    {
        if (info.Wasi is not { } tier)
        {
            return;
        }

        head.Append(tier.Host ? "wasi\thost"
            : tier.Bypass
            ? string.Join("\t", "wasi", "bypass", tier.Initialize ? "_initialize" : "-")
            : string.Join("\t", "wasi", "fallback", Escape(tier.Reason ?? "-"))).Append('\n');
        if (!tier.Bypass && !tier.Host)
        {
            head.Append(string.Join("\t", "component", ComponentResourceName(fileName), Number(bytes.Length))).Append('\n');
        }

        foreach (string name in tier.Imports)
        {
            head.Append("wasi-import\t").Append(Escape(name)).Append('\n');
        }
    }

    /// <summary>On the WASI host tier, a <c>resource.drop</c> of a WASI resource: <c>wasi-drop interface resource</c>, bound to the host's table.</summary>
    private static string? WasiDrop(ComponentInfo info, CoreDef def) =>
        info.Wasi is { Host: true } && def.Resource is WitResource { Defined: false } resource && WasiHostTier.ResourceName(info, resource) is { } named
            ? "wasi-drop " + Escape(named.Interface) + " " + Escape(named.Name)
            : null;
}
