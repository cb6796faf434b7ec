using System.Collections.Generic;
using System.Linq;

namespace Bindgen.Build.Tasks.Components;

/// <summary>
/// Whether a component runs on Bindgen's WASI 0.2 host (docs/components.md, "WASI", tier 2): every WASI interface it
/// imports is a 0.2.x version of one the host implements, every function it lowers from them is implemented (with
/// UTF-8 strings), and every <c>resource.drop</c> it uses on an imported resource is for one the host mints. The
/// lists match <c>Bindgen.Internals.WasiHost.Implemented</c> and <c>Resources</c> in the runtime (a test keeps them equal).
/// </summary>
public static class WasiHostTier
{
    /// <summary>The functions the host implements, as <c>interface#function</c> (interface unversioned).</summary>
    public static readonly IReadOnlyCollection<string> Functions = new HashSet<string>(
        Of("wasi:cli/environment", "get-environment", "get-arguments", "initial-cwd")
        .Concat(Of("wasi:cli/exit", "exit"))
        .Concat(Of("wasi:cli/stdin", "get-stdin"))
        .Concat(Of("wasi:cli/stdout", "get-stdout"))
        .Concat(Of("wasi:cli/stderr", "get-stderr"))
        .Concat(Of("wasi:cli/terminal-stdin", "get-terminal-stdin"))
        .Concat(Of("wasi:cli/terminal-stdout", "get-terminal-stdout"))
        .Concat(Of("wasi:cli/terminal-stderr", "get-terminal-stderr"))
        .Concat(Of("wasi:io/error", "[method]error.to-debug-string"))
        .Concat(Of("wasi:io/poll", "[method]pollable.ready", "[method]pollable.block", "poll"))
        .Concat(Of("wasi:io/streams", "[method]input-stream.read", "[method]input-stream.blocking-read", "[method]input-stream.skip",
            "[method]input-stream.blocking-skip", "[method]input-stream.subscribe", "[method]output-stream.check-write", "[method]output-stream.write",
            "[method]output-stream.blocking-write-and-flush", "[method]output-stream.flush", "[method]output-stream.blocking-flush",
            "[method]output-stream.subscribe", "[method]output-stream.write-zeroes", "[method]output-stream.blocking-write-zeroes-and-flush",
            "[method]output-stream.splice", "[method]output-stream.blocking-splice"))
        .Concat(Of("wasi:clocks/wall-clock", "now", "resolution"))
        .Concat(Of("wasi:clocks/monotonic-clock", "now", "resolution", "subscribe-instant", "subscribe-duration"))
        .Concat(Of("wasi:random/random", "get-random-bytes", "get-random-u64"))
        .Concat(Of("wasi:random/insecure", "get-insecure-random-bytes", "get-insecure-random-u64"))
        .Concat(Of("wasi:random/insecure-seed", "insecure-seed"))
        .Concat(Of("wasi:filesystem/preopens", "get-directories"))
        .Concat(Of("wasi:filesystem/types", "filesystem-error-code", "[method]descriptor.is-same-object", "[method]descriptor.read-via-stream",
            "[method]descriptor.write-via-stream", "[method]descriptor.append-via-stream", "[method]descriptor.advise", "[method]descriptor.sync-data",
            "[method]descriptor.sync", "[method]descriptor.get-flags", "[method]descriptor.get-type", "[method]descriptor.set-size",
            "[method]descriptor.read", "[method]descriptor.write", "[method]descriptor.read-directory",
            "[method]directory-entry-stream.read-directory-entry", "[method]descriptor.create-directory-at", "[method]descriptor.remove-directory-at",
            "[method]descriptor.unlink-file-at", "[method]descriptor.readlink-at", "[method]descriptor.stat", "[method]descriptor.stat-at",
            "[method]descriptor.metadata-hash", "[method]descriptor.metadata-hash-at", "[method]descriptor.open-at", "[method]descriptor.rename-at",
            "[method]descriptor.set-times", "[method]descriptor.set-times-at", "[method]descriptor.symlink-at", "[method]descriptor.link-at")));

    /// <summary>The resources the host mints, as <c>interface#resource</c> (interface unversioned).</summary>
    public static readonly IReadOnlyCollection<string> Resources = new HashSet<string>
    {
        "wasi:io/error#error", "wasi:io/poll#pollable", "wasi:io/streams#input-stream", "wasi:io/streams#output-stream",
        "wasi:cli/terminal-input#terminal-input", "wasi:cli/terminal-output#terminal-output",
        "wasi:filesystem/types#descriptor", "wasi:filesystem/types#directory-entry-stream",
    };

    private static IEnumerable<string> Of(string interfaceName, params string[] functions) => functions.Select(f => interfaceName + "#" + f);

    /// <summary>Why the component cannot run on the host, or null when it can.</summary>
    /// <param name="info">What the reader found (its imports only WASI, its exports plain values: checked before).</param>
    public static string? WhyNot(ComponentInfo info)
    {
        foreach (string name in info.ImportedInterfaces.Select(i => i.Interface.Name))
        {
            int at = name.IndexOf('@');
            if (at < 0 || !name.Substring(at + 1).StartsWith("0.2.", System.StringComparison.Ordinal))
            {
                return $"it imports '{name}', and Bindgen's WASI host implements WASI 0.2.x only";
            }
        }

        if (info.Diagnostics.FirstOrDefault(d => d.What != "resource") is { } other)
        {
            return $"it uses what Bindgen's glue cannot run ({other.What}: {other.Message})";
        }

        foreach (LowerStep lower in info.Plan.OfType<LowerStep>())
        {
            string key = Unversioned(lower.Interface ?? "-") + "#" + lower.Function;
            if (!Functions.Contains(key))
            {
                return $"Bindgen's WASI host does not implement '{lower.Function}' of '{lower.Interface}'";
            }

            if (lower.Options.Encoding != "utf8")
            {
                return $"it lowers '{lower.Function}' with the string encoding {lower.Options.Encoding}";
            }
        }

        foreach (CoreDef def in info.Plan.OfType<InstantiateStep>().SelectMany(s => s.Imports).Select(i => i.Value))
        {
            if (def is { Kind: "builtin", Resource: WitResource { Defined: false } resource }
                && ResourceName(info, resource) is null)
            {
                return $"it drops an imported resource '{resource.Name}' that Bindgen's WASI host does not make";
            }
        }

        return null;
    }

    /// <summary>
    /// The WASI interface and name of an imported resource: the imported interface that declares a resource of that
    /// name among those the host mints (their names are distinct across WASI 0.2's interfaces).
    /// </summary>
    public static (string Interface, string Name)? ResourceName(ComponentInfo info, WitResource resource)
    {
        foreach (string key in Resources)
        {
            int hash = key.IndexOf('#');
            if (key.Substring(hash + 1) == resource.Name
                && info.ImportedInterfaces.FirstOrDefault(i => Unversioned(i.Interface.Name) == key.Substring(0, hash)) is { } owner)
            {
                return (owner.Interface.Name, resource.Name!);
            }
        }

        return null;
    }

    private static string Unversioned(string name) => name.IndexOf('@') is var at and >= 0 ? name.Substring(0, at) : name;
}
