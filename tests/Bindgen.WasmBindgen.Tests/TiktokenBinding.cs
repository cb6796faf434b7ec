using System;
using Bindgen;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// @dqbd/tiktoken 1.0.22 (wasm-bindgen 0.2.9x, numbered allocator exports, host heap): a tokenizer whose API is the
/// class Tiktoken, returned by two factory functions (errors thrown through the heap), with a getter and methods
/// taking and returning typed arrays.
/// </summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "tiktoken_bg.cjs")]
public interface ITiktokenModule
{
    // extend_special_tokens: any JavaScript value; JsUndefined.Value, as JavaScript passes when it is omitted, extends nothing.
    ITiktoken GetEncoding(string encoding, object? extendSpecialTokens);

    ITiktoken EncodingForModel(string model, object? extendSpecialTokens);

    string GetEncodingNameForModel(string model);

    /// <summary>The class Tiktoken: one encoding's ranks in the module's memory.</summary>
    public interface ITiktoken : IDisposable
    {
        string? Name { get; }

        uint[] EncodeOrdinary(string text);

        uint EncodeSingleToken(byte[] bytes);

        byte[] Decode(uint[] tokens);

        byte[] DecodeSingleTokenBytes(uint token);
    }
}
