using System;
using System.Text;
using Bindgen;
using Wasmtime;

// 1. Describe the guest's exports as an interface (ITextTools, below), naming the module it binds.
// 2. The build checks the interface against guest/text_tools.wasm (a <BindgenModule> item in the project
//    file): a method the module does not export, or with another signature, is a compile error at its line.
// 3. Bindgen generates TextTools, which implements it by calling the guest through Wasmtime; the module is
//    embedded in this program, so no .wasm file needs to sit beside it.
using var engine = new Engine();
using var store = new Store(engine);

ITextTools tools = TextTools.Instantiate(engine, store);

string sentence = "WebAssembly modules called from .NET, safely";
Console.WriteLine($"word_count(\"{sentence}\") = {tools.WordCount(sentence)}");
Console.WriteLine($"greet(\"Wörld\") = \"{tools.Greet("Wörld")}\"");

byte[] data = Encoding.UTF8.GetBytes("bytes in, number out");
Console.WriteLine($"checksum({data.Length} bytes) = 0x{tools.Checksum(data):x8}");
Console.WriteLine("Every string and buffer was copied through fresh, bounds-checked views of guest memory.");

/// <summary>The exports of guest/text_tools.wasm.</summary>
[WasmModule(File = "text_tools.wasm")]
public interface ITextTools
{
    /// <summary>Counts the words in <paramref name="text"/> (export <c>word_count</c>).</summary>
    int WordCount(string text);

    /// <summary>Returns "Hello, NAME!" (export <c>greet</c>).</summary>
    string Greet(string name);

    /// <summary>FNV-1a hash of the bytes (export <c>checksum</c>).</summary>
    uint Checksum(ReadOnlySpan<byte> data);
}
