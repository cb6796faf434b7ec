using System;
using System.Collections.Generic;
using System.ComponentModel;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// Bindgen's WASI 0.2 host (docs/components.md, "WASI", tier 2): the <c>wasi:cli</c>, <c>wasi:io</c>,
/// <c>wasi:clocks</c>, <c>wasi:random</c> and <c>wasi:filesystem</c> functions a component lowers, implemented at the
/// core level with the canonical ABI's flat parameters (handles as i32, strings and lists as pointer and length,
/// results written at a return pointer, blocks allocated with the lowering's <c>realloc</c>). The WASI resources it
/// mints (streams, pollables, descriptors, directory-entry streams, errors) live in its own per-instance table; the
/// component's <c>resource.drop</c> built-ins for them come here. Configured by <see cref="WasiOptions"/>. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class WasiHost
{
    private readonly ComponentInstance _component;
    private readonly WasiOptions _options;
    private readonly WasiTable _table = new();
    private readonly WasiPreopenDirectory[] _preopens;

    /// <summary>Creates the host of one component instance.</summary>
    /// <param name="component">The instance whose lowered imports this host implements.</param>
    /// <param name="options">What the guest sees; nothing (no arguments, environment, streams or directories) when null.</param>
    public WasiHost(ComponentInstance component, WasiOptions? options)
    {
        _component = component ?? throw new ArgumentNullException(nameof(component));
        _options = options ?? new WasiOptions();
        _preopens = WasiPreopenDirectory.From(_options.Preopens);
        _stdout = OutputOf(_options.InheritStandardStreams ? Console.OpenStandardOutput() : _options.StandardOutput);
        _stderr = OutputOf(_options.InheritStandardStreams ? Console.OpenStandardError() : _options.StandardError);
        _ownsStore = Claim(component.Store, this);
        component.WasiHost = this;
    }

    /// <summary>The live handles in the host's table and the slots it has grown to (for leak tests).</summary>
    internal (int Live, int Slots) Handles => (_table.Live, _table.Slots);

    /// <summary>Every function this host implements, as <c>interface#function</c> with the interface unversioned (<c>wasi:io/streams#[method]output-stream.write</c>).</summary>
    public static IReadOnlyCollection<string> Implemented => Functions.Keys;

    /// <summary>Every resource this host mints, as <c>interface#resource</c> with the interface unversioned.</summary>
    public static IReadOnlyCollection<string> Resources => ResourceKinds.Keys;

    /// <summary>
    /// The core function for lowering <paramref name="lowering"/> of <paramref name="function"/> in
    /// <paramref name="interfaceName"/>, using the memory and realloc the lowering's options name (resolved on the
    /// first call: they belong to core instances created after the function).
    /// </summary>
    /// <exception cref="NotSupportedException">The host does not implement the function (the build chose this tier only when it does).</exception>
    public Function Lower(int lowering, string interfaceName, string function, int memoryInstance, string? memoryName, int reallocInstance, string? reallocName)
    {
        string key = Key(interfaceName, function);
        if (!Functions.TryGetValue(key, out WasiFunction? f))
        {
            throw new NotSupportedException($"Bindgen's WASI host does not implement '{function}' of '{interfaceName}'");
        }

        string operation = interfaceName + "#" + function;
        if (_ownsStore)
        {
            return SharedLowering(f, lowering, interfaceName, operation, memoryInstance, memoryName, reallocInstance, reallocName);
        }

        WasiCall call = CallOf(lowering, interfaceName, operation, memoryInstance, memoryName, reallocInstance, reallocName);
        WasiHandler handler = f.Handler;
        return Function.FromCallback(_component.Store, (Caller _, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results) => handler(this, call, arguments, results), f.Parameters, f.Results);
    }

    /// <summary>The core function of the <c>resource.drop</c> built-in for the WASI resource <paramref name="resource"/> of <paramref name="interfaceName"/>.</summary>
    /// <exception cref="NotSupportedException">The host does not mint that resource.</exception>
    public Function Drop(string interfaceName, string resource)
    {
        string key = Key(interfaceName, resource);
        if (!ResourceKinds.TryGetValue(key, out WasiKind kind))
        {
            throw new NotSupportedException($"Bindgen's WASI host has no resource '{resource}' of '{interfaceName}'");
        }

        string operation = interfaceName + "#[resource-drop]" + resource;
        if (_ownsStore)
        {
            return SharedDrop(kind, operation);
        }

        return Function.FromCallback(_component.Store, (Caller _, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> _) => _table.Drop(arguments[0].AsInt32(), kind, operation), I, None);
    }

    /// <summary>The key of a function or resource: the interface without its version, then <c>#</c> and the name.</summary>
    private static string Key(string interfaceName, string name)
    {
        int at = interfaceName.IndexOf('@');
        return (at < 0 ? interfaceName : interfaceName.Substring(0, at)) + "#" + name;
    }

    private static readonly ValueKind[] None = Array.Empty<ValueKind>();
    private static readonly ValueKind[] I = { ValueKind.Int32 };

    /// <summary>A core signature from letters: <c>i</c> for i32, <c>l</c> for i64.</summary>
    private static ValueKind[] Sig(string letters)
    {
        var kinds = new ValueKind[letters.Length];
        for (int i = 0; i < letters.Length; i++)
        {
            kinds[i] = letters[i] == 'l' ? ValueKind.Int64 : ValueKind.Int32;
        }

        return kinds;
    }

    private delegate void WasiHandler(WasiHost host, WasiCall call, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results);

    private sealed record WasiFunction(ValueKind[] Parameters, ValueKind[] Results, WasiHandler Handler);

    private static readonly Dictionary<string, WasiFunction> Functions = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, WasiKind> ResourceKinds = new(StringComparer.Ordinal)
    {
        ["wasi:io/error#error"] = WasiKind.Error,
        ["wasi:io/poll#pollable"] = WasiKind.Pollable,
        ["wasi:io/streams#input-stream"] = WasiKind.InputStream,
        ["wasi:io/streams#output-stream"] = WasiKind.OutputStream,
        ["wasi:cli/terminal-input#terminal-input"] = WasiKind.TerminalInput,
        ["wasi:cli/terminal-output#terminal-output"] = WasiKind.TerminalOutput,
        ["wasi:filesystem/types#descriptor"] = WasiKind.Descriptor,
        ["wasi:filesystem/types#directory-entry-stream"] = WasiKind.DirectoryEntryStream,
    };

    /// <summary>Registers a function: its parameters and results as <see cref="Sig"/> letters.</summary>
    private static void Add(string interfaceName, string function, string parameters, string results, WasiHandler handler) =>
        Functions.Add(interfaceName + "#" + function, new WasiFunction(Sig(parameters), Sig(results), handler));

    static WasiHost()
    {
        AddCli();
        AddIo();
        AddClocksAndRandom();
        AddFilesystem();
        AddTimesAndLinks();
    }
}
