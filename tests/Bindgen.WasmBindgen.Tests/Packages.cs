using System;
using System.IO;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>The four packages instantiated from their installed <c>.wasm</c> files, one store each.</summary>
public sealed class Packages
{
    public Packages(Engine engine)
    {
        Snappy = Snappy.Instantiate(engine, new Store(engine), Load(engine, "snappy-wasm/cjs/snappy_bg.wasm"));
        Oxipng = Oxipng.Instantiate(engine, new Store(engine), Load(engine, "@jsquash/oxipng/codec/pkg/squoosh_oxipng_bg.wasm"));
        Sql = SqlFormatter.Instantiate(engine, new Store(engine), Load(engine, "@wasm-fmt/sql_fmt/sql_fmt_bg.wasm"));
        Jieba = Jieba.Instantiate(engine, new Store(engine), Load(engine, "jieba-wasm/pkg/nodejs/jieba_rs_wasm_bg.wasm"));
        Brotli = Brotli.Instantiate(engine, new Store(engine), Load(engine, "wasm-brotli/wasm_brotli_nodejs_bg.wasm"));
    }

    public Brotli Brotli { get; }

    public Snappy Snappy { get; }

    public Oxipng Oxipng { get; }

    public SqlFormatter Sql { get; }

    public Jieba Jieba { get; }

    public static Module Load(Engine engine, string path) => Module.FromFile(engine, Path.Combine(ReferenceHost.NpmFolder, "node_modules", path));

    public object? Call(PackageCall call)
    {
        object?[] a = call.Arguments;
        return (call.Package, call.Function) switch
        {
            ("snappy", "compress") => Snappy.Compress((string)a[0]!),
            ("snappy", "compress_raw") => Snappy.CompressRaw((byte[])a[0]!),
            ("snappy", "decompress") => Snappy.Decompress((byte[])a[0]!),
            ("snappy", "decompress_raw") => Snappy.Inflate((byte[])a[0]!),
            ("oxipng", "optimise") => Oxipng.Optimise((byte[])a[0]!, (int)a[1]!, (bool)a[2]!, (bool)a[3]!),
            ("sql", "format") => Sql.Format((string)a[0]!),
            ("jieba", "cut") => Jieba.Cut((string)a[0]!, (bool?)a[1]),
            ("jieba", "cut_all") => Jieba.CutAll((string)a[0]!),
            ("jieba", "cut_for_search") => Jieba.CutForSearch((string)a[0]!, (bool)a[1]!),
            ("brotli", "compress") => Brotli.Compress((byte[])a[0]!),
            ("brotli", "decompress") => Brotli.Decompress((byte[])a[0]!),
            ("jieba", "add_word") => Jieba.AddWord((string)a[0]!, a[1] is int f ? (uint)f : null, (string?)a[2]),
            ("jieba", "with_dict") => Run(() => Jieba.WithDict((string)a[0]!)),
            _ => throw new ArgumentException("no such call: " + call),
        };
    }

    private static object? Run(Action action)
    {
        action();
        return null;
    }
}
