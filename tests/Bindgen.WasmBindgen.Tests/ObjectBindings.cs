using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Bindgen;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// @wasm-fmt/sql_fmt 0.2.2 with its config: a JavaScript object serde-wasm-bindgen walks (Object.entries,
/// Reflect.get, type tests), given as a record mapped by property or as any JavaScript value (a dictionary).
/// </summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "sql_fmt_bg.js")]
public interface ISqlFormatterWithConfig
{
    [WasmExport("format")]
    string FormatWith(string input, SqlConfig? config);
}

/// <summary>sql_fmt's config as any JavaScript value: a dictionary, a JsObject, a list, a number...</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "sql_fmt_bg.js")]
public interface ISqlFormatterWithObject
{
    string Format(string input, object? config);
}

/// <summary>sql_fmt's <c>Config</c> (sql_fmt_config.d.ts): its field names are Rust's, so each is given.</summary>
public sealed record SqlConfig
{
    [JsonPropertyName("indent_style")]
    public string? IndentStyle { get; init; }

    [JsonPropertyName("indent_width")]
    public int? IndentWidth { get; init; }

    public bool? Uppercase { get; init; }

    [JsonPropertyName("lines_between_queries")]
    public int? LinesBetweenQueries { get; init; }

    [JsonPropertyName("ignore_case_convert")]
    public string[]? IgnoreCaseConvert { get; init; }

    public bool? Inline { get; init; }

    [JsonPropertyName("max_inline_block")]
    public int? MaxInlineBlock { get; init; }

    [JsonPropertyName("max_inline_arguments")]
    public int? MaxInlineArguments { get; init; }

    [JsonPropertyName("joins_as_top_level")]
    public bool? JoinsAsTopLevel { get; init; }

    public string? Dialect { get; init; }
}

/// <summary>
/// @dqbd/tiktoken 1.0.22's members that take and return JavaScript values: the constructor's special tokens (a
/// dictionary), encode's allowed and disallowed specials (<c>"all"</c> or an array), encode_with_unstable's result
/// (a tuple JSON.parse makes) and token_byte_values (arrays of numbers, read as <c>byte[][]</c>).
/// </summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "tiktoken_bg.cjs")]
public interface ITiktokenObjects
{
    [WasmExport("Tiktoken.constructor")]
    ITiktoken NewTiktoken(string tiktokenBfe, IReadOnlyDictionary<string, int> specialTokens, string patStr);

    /// <summary>The class Tiktoken.</summary>
    public interface ITiktoken : IDisposable
    {
        uint[] Encode(string text, object? allowedSpecial, object? disallowedSpecial);

        object? EncodeWithUnstable(string text, object? allowedSpecial, object? disallowedSpecial);

        byte[][] TokenByteValues();
    }
}

/// <summary>tiktoken's constructor given any JavaScript value as its special tokens (what serde_json rejects included).</summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "tiktoken_bg.cjs")]
public interface ITiktokenFromAnyValue
{
    [WasmExport("Tiktoken.constructor")]
    ITiktoken NewTiktoken(string tiktokenBfe, object specialTokens, string patStr);

    /// <summary>The class Tiktoken, freed only.</summary>
    public interface ITiktoken : IDisposable
    {
        string? Name { get; }
    }
}
