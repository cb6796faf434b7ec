using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Bindgen;
using Wasmtime;

// Exports (strings, bytes, numbers) and host imports through the generated glue, then which call path ran.
Console.OutputEncoding = Encoding.UTF8;
using var engine = new Engine();
using var store = new Store(engine);
ITextTools tools = TextTools.Instantiate(engine, store);
Console.WriteLine(tools.Greet("Wörld"));
Console.WriteLine($"word_count={tools.WordCount("WebAssembly modules called from .NET, safely")}");
Console.WriteLine($"checksum={tools.Checksum(Encoding.UTF8.GetBytes("bytes in, number out")):x8}");

using Stream wasm = typeof(IPlugin).Assembly.GetManifestResourceStream("plugin.wasm")
    ?? throw new InvalidOperationException("plugin.wasm is not embedded");
using var module = Module.FromStream(engine, "plugin", wasm);
using var pluginStore = new Store(engine);
using var linker = new Linker(engine);
var host = new TemplateValues(new Dictionary<string, string> { ["name"] = "Wörld", ["runtime"] = "Wasmtime" });
PluginHost.Define(linker, host);
IPlugin plugin = Plugin.Instantiate(linker, pluginStore, module);
Console.WriteLine(plugin.Render("Hello, {name}! Greetings from {runtime}."));
Console.WriteLine($"asked={string.Join(",", host.Asked)}");
Console.WriteLine($"direct={WasmtimeCallPath.Direct}");
Console.WriteLine($"call path: {WasmtimeCallPath.Description}");

/// <summary>The exports of text_tools.wasm.</summary>
[WasmModule(File = "text_tools.wasm")]
public interface ITextTools
{
    /// <summary>Counts words.</summary>
    int WordCount(string text);

    /// <summary>Returns "Hello, NAME!".</summary>
    string Greet(string name);

    /// <summary>FNV-1a hash of the bytes.</summary>
    uint Checksum(ReadOnlySpan<byte> data);
}

/// <summary>What plugin.wasm exports.</summary>
[WasmModule]
public interface IPlugin
{
    /// <summary>Replaces each {key} with the host's value.</summary>
    string Render(string template);
}

/// <summary>What plugin.wasm imports from module "host".</summary>
[WasmImports("host")]
public interface IPluginHost
{
    /// <summary>The guest reports a key.</summary>
    void Log(string message);

    /// <summary>The value for a key.</summary>
    string Lookup(string key);
}

/// <summary>Values from a dictionary.</summary>
internal sealed class TemplateValues(IReadOnlyDictionary<string, string> values) : IPluginHost
{
    public List<string> Asked { get; } = new();

    public void Log(string message) => Asked.Add(message);

    public string Lookup(string key) => values.TryGetValue(key, out string? value) ? value : "{" + key + "?}";
}
