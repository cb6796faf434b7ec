using System;
using Bindgen;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// snappy-wasm 0.3.0 (wasm-bindgen 0.2.83, host heap of 32, malloc without alignment); its .wasm is a BindgenModule,
/// checked against the glue at build time and embedded.
/// </summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "snappy.js", File = "snappy_bg.wasm")]
public interface ISnappy
{
    byte[] Compress(string input);

    // No camelCase function: the snake_case one, compress_raw, is bound.
    byte[] CompressRaw(byte[] input);

    string Decompress(ReadOnlySpan<byte> input);

    [WasmExport("decompress_raw")]
    byte[] Inflate(byte[] input);
}

/// <summary>@jsquash/oxipng 2.3.0 (wasm-bindgen 0.2.92, web target, numbers and booleans beside the bytes).</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "squoosh_oxipng.js")]
public interface IOxipng
{
    byte[] Optimise(byte[] data, int level, bool interlace, bool optimizeAlpha);
}

/// <summary>@wasm-fmt/sql_fmt 0.2.2 (wasm-bindgen 0.2.108, numbered allocator exports, host heap of 128).</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "sql_fmt_bg.js")]
public interface ISqlFormatter
{
    // The optional config object is omitted: the glue then passes none.
    string Format(string input);
}

/// <summary>jieba-wasm 2.4.0 (wasm-bindgen 0.2.101, externref table, multi-value results).</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "jieba_rs_wasm.js")]
public interface IJieba
{
    string[] Cut(string text, bool? hmm);

    string[] CutAll(string text);

    string[] CutForSearch(string text, bool hmm);

    void WithDict(string dict);

    uint AddWord(string word, uint? freq, string? tag);
}

/// <summary>wasm-brotli 2.0.2 (wasm-bindgen 0.2.54: a fixed return area, inline lowering, errors through rethrow).</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "wasm_brotli_nodejs.js")]
public interface IBrotli
{
    byte[] Compress(byte[] buffer);

    byte[] Decompress(ReadOnlySpan<byte> buffer);
}
