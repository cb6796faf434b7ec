using System;
using System.Collections.Generic;
using System.IO;
using Bindgen;
using Wasmtime;

// A guest "plugin" renders a template and asks the host for every {key} it meets.
// The host side is an ordinary C# class implementing IPluginHost; Bindgen registers it on a Linker.
using var engine = new Engine();
using Stream wasm = typeof(IPlugin).Assembly.GetManifestResourceStream("plugin.wasm")
    ?? throw new InvalidOperationException("plugin.wasm is not embedded");
using var module = Module.FromStream(engine, "plugin", wasm);
using var store = new Store(engine);
using var linker = new Linker(engine);

var host = new TemplateValues(new Dictionary<string, string>
{
    ["name"] = "Wörld",
    ["runtime"] = "Wasmtime",
});
PluginHost.Define(linker, host);                        // generated from IPluginHost
IPlugin plugin = Plugin.Instantiate(linker, store, module);  // generated from IPlugin

string rendered = plugin.Render("Hello, {name}! Greetings from {runtime}.");
Console.WriteLine($"render(...) = \"{rendered}\"");
Console.WriteLine($"the guest asked the host for: {string.Join(", ", host.Asked)}");

/// <summary>What the plugin exports.</summary>
[WasmModule]
public interface IPlugin
{
    /// <summary>Replaces each {key} in the template with the host's value for it.</summary>
    string Render(string template);
}

/// <summary>What the plugin imports from module "host".</summary>
[WasmImports("host")]
public interface IPluginHost
{
    /// <summary>The guest reports which key it is about to look up.</summary>
    void Log(string message);

    /// <summary>Returns the value for a key; the string is allocated in the guest, which frees it.</summary>
    string Lookup(string key);
}

/// <summary>The host implementation: values from a dictionary.</summary>
internal sealed class TemplateValues(IReadOnlyDictionary<string, string> values) : IPluginHost
{
    public List<string> Asked { get; } = new();

    public void Log(string message) => Asked.Add(message);

    public string Lookup(string key) => values.TryGetValue(key, out string? value) ? value : "{" + key + "?}";
}
