using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>One call of the per-package report: the package, the glue name, JSON arguments as packages.mjs reads them.</summary>
public sealed record FromPackageCall(string Package, string Function, JsonArray Args);

/// <summary>
/// The calls the per-package report makes: every bound export twice, with arguments made from its C# types (two
/// variants: ordinary values, then empty or other ones), instances made by each package's own constructor or factory;
/// then calls that feed one result into another (compress, then decompress). An export whose instance no bound
/// constructor or factory can make is not called, and the report says so.
/// </summary>
public static partial class FromPackageCalls
{
    private const string Text = "SELECT name FROM users WHERE id = 1; 我们中出了一个叛徒 hello wörld";

    /// <summary>Brotli's stream for "hello".</summary>
    private static readonly byte[] HelloBrotli = { 0x0B, 0x02, 0x80, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0x03 };

    private const int QrSize = 100;

    /// <summary>A QR code of "hello" as 8-bit luma (black 0, white 255), drawn from rxing's own text rendering (one pixel per two characters).</summary>
    private static readonly Lazy<byte[]> QrLuma = new(() =>
    {
        using var engine = new Wasmtime.Engine();
        using var store = new Wasmtime.Store(engine);
        string[] rows = FromPackage.RxingWasmPackage.Instantiate(engine, store).EncodeBarcode("hello", QrSize, QrSize, FromPackage.IRxingWasm.BarcodeFormat.QrCode).Split('\n');
        var luma = new byte[QrSize * QrSize];
        for (int y = 0; y < QrSize; y++)
        {
            for (int x = 0; x < QrSize; x++)
            {
                luma[(y * QrSize) + x] = y < rows.Length && 2 * x < rows[y].Length && rows[y][2 * x] == 'X' ? (byte)0 : (byte)255;
            }
        }

        return luma;
    });

    /// <summary>How to make an instance of a class, per package: the n-th instance argument of a call takes the n-th recipe (or the last).</summary>
    private static readonly Dictionary<string, Func<int, JsonNode>[]> Recipes = new()
    {
        ["photon:PhotonImage"] = new Func<int, JsonNode>[] { v => Make("photon", "PhotonImage.constructor", Bytes(Pixels(8, 6, v)), 8, 6), v => Make("photon", "PhotonImage.constructor", Bytes(Pixels(4, 3, v + 5)), 4, 3) },
        ["photon:Rgb"] = new Func<int, JsonNode>[] { v => Make("photon", "Rgb.constructor", v == 0 ? 200 : 10, v == 0 ? 100 : 20, v == 0 ? 50 : 30) },
        ["photon:Rgba"] = new Func<int, JsonNode>[] { v => Make("photon", "Rgba.constructor", v == 0 ? 200 : 10, v == 0 ? 100 : 20, v == 0 ? 50 : 30, v == 0 ? 255 : 40) },
        ["tiktoken:Tiktoken"] = new Func<int, JsonNode>[] { v => Make("tiktoken", "get_encoding", Str(v == 0 ? "gpt2" : "cl100k_base"), Undefined()) },
        ["brotliwasm:DecompressStream"] = new Func<int, JsonNode>[] { _ => Make("brotliwasm", "DecompressStream.constructor") },
        ["brotliwasm:CompressStream"] = new Func<int, JsonNode>[] { v => Make("brotliwasm", "CompressStream.constructor", v == 0 ? 5 : new JsonObject { ["undef"] = true }) },
        ["rxing:DecodeHintDictionary"] = new Func<int, JsonNode>[] { _ => Make("rxing", "DecodeHintDictionary.constructor") },
        ["rxing:EncodeHintDictionary"] = new Func<int, JsonNode>[] { _ => Make("rxing", "EncodeHintDictionary.constructor") },
        ["rxing:BarcodeResult"] = new Func<int, JsonNode>[] { v => Make("rxing", "decode_barcode", Bytes(QrLuma.Value), QrSize, QrSize, v == 0 ? (JsonNode)JsonValue.Create(true) : Undefined(), Undefined()) },
        ["automerge:Automerge"] = new Func<int, JsonNode>[] { v => Make("automerge", "Automerge.new", Str(v == 0 ? "aaaa" : "bbbb"), 1) },
        ["automerge:SyncState"] = new Func<int, JsonNode>[] { _ => Make("automerge", "initSyncState") },
        ["brotliwasm:BrotliStreamResult"] = new Func<int, JsonNode>[] { v => Make("brotliwasm", "DecompressStream.decompress", Make("brotliwasm", "DecompressStream.constructor"), Bytes(HelloBrotli), v == 0 ? 100 : 2) },
    };

    public static IEnumerable<FromPackageCall> All()
    {
        foreach (BoundPackage package in BoundPackage.All)
        {
            foreach ((string key, string member) in package.Bound.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                for (int variant = 0; variant < 2; variant++)
                {
                    JsonArray? args = YwasmArguments.TryGetValue(package.Key + ":" + key, out Func<int, JsonArray>? given) || LoroArguments.TryGetValue(package.Key + ":" + key, out given) ? given(variant) : Arguments(package, key, member, variant);
                    if (args is not null)
                    {
                        yield return new FromPackageCall(package.Key, key, args);
                    }
                }
            }
        }

        foreach (FromPackageCall call in Chained().Concat(YwasmChained()).Concat(InstanceArguments()).Concat(LoroChained()))
        {
            yield return call;
        }
    }

    private const string TypeScript = "interface Point { x: number; y: number }\nexport function norm(p: Point): number {\n  return Math.hypot(p.x as number, p.y!);\n}\nconst names: Array<string> = [\"\u00e9t\u00e9\", \"\u65e5\u672c\"];\n";

    /// <summary>Results fed into other calls ({ ref: i } is the i-th call's result, counted from <paramref name="first"/>).</summary>
    private static IEnumerable<FromPackageCall> Chained()
    {
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Text, 20)));
        yield return new("snappy", "compress", new JsonArray(Str(Text)));
        yield return new("snappy", "decompress", new JsonArray(Ref(-1)));
        yield return new("snappy", "compress_raw", new JsonArray(Bytes(text)));
        yield return new("snappy", "decompress_raw", new JsonArray(Ref(-1)));
        yield return new("brotli", "compress", new JsonArray(Bytes(text)));
        yield return new("brotli", "decompress", new JsonArray(Ref(-1)));
        yield return new("brotliwasm", "compress", new JsonArray(Bytes(text), Undefined()));
        yield return new("brotliwasm", "decompress", new JsonArray(Ref(-1)));
        yield return new("brotliwasm", "DecompressStream.decompress", new JsonArray(Make("brotliwasm", "DecompressStream.constructor"), Ref(-2), 100000));
        yield return new("oxipng", "optimise", new JsonArray(Bytes(PackageTests.SamplePng(16)), 2, false, false));
        yield return new("farmhash", "hash64_with_seed", new JsonArray(Bytes(text), new JsonObject { ["big"] = "-5" }));
        yield return new("farmhash", "hash32_with_seed", new JsonArray(Bytes(text), 123456789));
        yield return new("tiktoken", "Tiktoken.decode", new JsonArray(Make("tiktoken", "get_encoding", Str("gpt2"), Undefined()), new JsonObject { ["ta"] = "Uint32Array", ["v"] = new JsonArray(31373, 995) }));
        yield return new("tiktoken", "encoding_for_model", new JsonArray(Str("gpt-4"), Undefined()));
        yield return new("photon", "PhotonImage.new_from_byteslice", new JsonArray(Bytes(PackageTests.SamplePng(5))));
        foreach (string fn in new[] { "transform", "transformSync" })
        {
            // TypeScript stripped (types, an enum is an error in strip-only mode), as source text and as UTF-8 bytes.
            yield return new("swc", fn, new JsonArray(Str(TypeScript), Undefined()));
            yield return new("swc", fn, new JsonArray(Bytes(Encoding.UTF8.GetBytes(TypeScript)), Undefined()));
            yield return new("swc", fn, new JsonArray(Str("enum E { A = 1 }\nlet v: E = E.A;"), Undefined()));
            yield return new("swc", fn, new JsonArray(Str("let x: = ;"), Undefined()));
        }
        // JavaScript values passed as externrefs (rollup's &Uint8Array lent, toml-edit-js's values owned), structured results.
        yield return new("rollup", "xxhashBase16", new JsonArray(Bytes(text)));
        yield return new("rollup", "xxhashBase36", new JsonArray(Bytes(Array.Empty<byte>())));
        yield return new("rollup", "xxhashBase64Url", new JsonArray(Bytes(text)));
        yield return new("rollup", "parse", new JsonArray(Str("export const a = 1 + f(`x${b}`);"), false, false, false));
        yield return new("rollup", "parse", new JsonArray(Str("return <div/>;"), true, true, true));
        yield return new("toml", "parse", new JsonArray(Str("title = \"TOML\"\n[owner]\nname = \"Tom\"\nlist = [1, 2.5, true, \"x\"]\n[[points]]\nx = 1\n")));
        yield return new("toml", "stringify", new JsonArray(Ref(-1)));
        yield return new("toml", "edit", new JsonArray(Str("a = 1\n[b]\nc = 2\n"), Str("b.c"), Str("three")));
        yield return new("toml", "edit", new JsonArray(Str("a = 1\n"), Str("a"), 2.5));
        yield return new("toml", "edit", new JsonArray(Str("a = [1, 2]\n"), Str("a.[1]"), true));
        yield return new("toml", "stringify", new JsonArray(Str("not a table")));
        yield return new("rxing", "encode_barcode", new JsonArray(Str("hello"), 40, 40, 11));
        yield return new("rxing", "encode_barcode", new JsonArray(Str("12345670"), 60, 20, 6));
        yield return new("rxing", "DecodeHintDictionary.set_hint", new JsonArray(Make("rxing", "DecodeHintDictionary.constructor"), 3, Str("true")));
        yield return new("rxing", "EncodeHintDictionary.get_hint", new JsonArray(Make("rxing", "EncodeHintDictionary.constructor"), 0));
        yield return new("rxing", "BarcodeResult.text", new JsonArray(Make("rxing", "decode_barcode", Bytes(QrLuma.Value), QrSize, QrSize, true, Undefined())));
    }

    /// <summary>Arguments for <paramref name="key"/> from the C# types of its member, or null when an instance it needs cannot be made.</summary>
    private static JsonArray? Arguments(BoundPackage package, string key, string member, int variant)
    {
        Type[] types;
        string[] parts = member.Split('.');
        if (parts.Length == 1)
        {
            types = FromPackageDriver.Overload(package.Interface, member).GetParameters().Select(p => p.ParameterType).ToArray();
        }
        else
        {
            Type cls = package.Interface.GetNestedType(parts[0])!;
            PropertyInfo? property = cls.GetProperty(parts[1]);
            types = property is not null
                ? (key.Contains(".set ") ? new[] { cls, property.PropertyType } : new[] { cls })
                : FromPackageDriver.Overload(cls, parts[1]).GetParameters().Select(p => p.ParameterType).Prepend(cls).ToArray();
        }

        var args = new JsonArray();
        var instances = new Dictionary<string, int>();
        foreach (Type type in types)
        {
            JsonNode? value = Argument(package, type, variant, instances);
            if (value is JsonObject { Count: 1 } o && o["none"] is not null)
            {
                return null;
            }

            args.Add(value);
        }

        return args;
    }

    private static JsonNode? Argument(BoundPackage package, Type type, int variant, Dictionary<string, int> instances)
    {
        if (typeof(IDisposable).IsAssignableFrom(type))
        {
            string cls = ClassOf(package, type);
            if (!Recipes.TryGetValue(package.Key + ":" + cls, out Func<int, JsonNode>[]? recipes) && !YwasmRecipes.TryGetValue(package.Key + ":" + cls, out recipes) && !LoroRecipes.TryGetValue(package.Key + ":" + cls, out recipes))
            {
                return new JsonObject { ["none"] = true };
            }

            int n = instances.TryGetValue(cls, out int seen) ? seen : 0;
            instances[cls] = n + 1;
            JsonNode recipe = recipes[Math.Min(n, recipes.Length - 1)](variant);
            // A recipe whose constructor or factory is not bound makes no instance here: the call is not made.
            return Makers(recipe).All(package.Bound.ContainsKey) ? recipe : new JsonObject { ["none"] = true };
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            // A JavaScript function (an observer): one that returns undefined, in both hosts.
            return new JsonObject { ["callback"] = true };
        }

        Type t = Nullable.GetUnderlyingType(type) ?? type;
        bool nullable = t != type;
        if (nullable && variant == 1)
        {
            return new JsonObject { ["undef"] = true };
        }

        return t == typeof(string) ? Str(package.Key == "photon" ? (variant == 0 ? "overlay" : "multiply") : variant == 0 ? Text : string.Empty)
            : t == typeof(byte[]) ? Bytes(package.Key is "photon" or "oxipng" ? PackageTests.SamplePng(4 + variant) : variant == 0 ? Encoding.UTF8.GetBytes(Text) : HelloBrotli)
            : t == typeof(int) || t == typeof(uint) || t == typeof(short) || t == typeof(ushort) ? JsonValue.Create(variant == 0 ? 1 : 2)
            : t == typeof(long) || t == typeof(ulong) ? new JsonObject { ["big"] = variant == 0 ? "1" : "2" }
            : t == typeof(float) || t == typeof(double) ? JsonValue.Create(variant == 0 ? 0.5 : 1.5)
            : t == typeof(bool) ? JsonValue.Create(variant == 0)
            : t.IsEnum ? JsonValue.Create(Convert.ToInt32(Enum.GetValues(t).GetValue(variant == 0 ? 3 % Enum.GetValues(t).Length : Enum.GetValues(t).Length - 1), System.Globalization.CultureInfo.InvariantCulture))
            : t == typeof(object) ? new JsonObject { ["undef"] = true }
            : t == typeof(object[]) ? (variant == 0 ? new JsonArray(1.5, Str("héllo"), true, null) : new JsonArray())
            : t == typeof(JsMap) ? new JsonObject { ["map"] = variant == 0 ? new JsonArray(new JsonArray(Str("1"), 3), new JsonArray(Str("2"), 5)) : new JsonArray() }
            : t == typeof(uint[]) ? new JsonObject { ["ta"] = "Uint32Array", ["v"] = variant == 0 ? new JsonArray(31373, 995) : new JsonArray() }
            : t.IsArray ? new JsonObject { ["ta"] = FromPackageTypedArray(t), ["v"] = new JsonArray(1, 2, 3) }
            : throw new ArgumentException($"no argument of type {type} for {package.Key}");
    }

    private static string FromPackageTypedArray(Type array) => array.GetElementType()!.Name switch
    {
        "Int16" => "Int16Array",
        "UInt16" => "Uint16Array",
        "Int32" => "Int32Array",
        "Int64" => "BigInt64Array",
        "UInt64" => "BigUint64Array",
        "Single" => "Float32Array",
        _ => "Float64Array",
    };

    /// <summary>Every class's members that read an instance back (its getters, and its zero-argument methods named get_*), per "package:Class".</summary>
    public static JsonObject ReadBack()
    {
        var readBack = new JsonObject();
        foreach (BoundPackage package in BoundPackage.All)
        {
            foreach (IGrouping<string, string> cls in package.Bound.Keys.Where(k => k.Contains('.')).GroupBy(k => k.Split('.')[0]))
            {
                var members = new JsonArray();
                foreach (string key in cls.OrderBy(k => k, StringComparer.Ordinal))
                {
                    string name = key.Substring(cls.Key.Length + 1);
                    string[] parts = package.Bound[key].Split('.');
                    Type? type = parts.Length == 2 ? package.Interface.GetNestedType(parts[0]) : null;
                    bool zeroArgument = name.StartsWith("get_", StringComparison.Ordinal) && (type is null ? null : FromPackageDriver.Overload(type, parts[1]))?.GetParameters().Length == 0;
                    if (name.StartsWith("get ", StringComparison.Ordinal) || zeroArgument)
                    {
                        members.Add(name);
                    }
                }

                readBack[package.Key + ":" + cls.Key] = members;
                if (cls.Key.EndsWith("Event", StringComparison.Ordinal))
                {
                    readBack["events:" + package.Key + ":" + cls.Key] = EventMembers(package, cls);
                }
            }
        }

        return readBack;
    }

    /// <summary>The functions a recipe calls, nested recipes included.</summary>
    private static IEnumerable<string> Makers(JsonNode? node) => node is JsonObject { } o && o["make"] is JsonObject make
        ? make["args"]!.AsArray().SelectMany(Makers).Prepend(make["fn"]!.GetValue<string>())
            .Concat(make["then"]?.AsArray().OfType<JsonObject>().SelectMany(step => step["args"]!.AsArray().SelectMany(Makers).Prepend(step["fn"]!.GetValue<string>())) ?? Enumerable.Empty<string>())
        : Enumerable.Empty<string>();

    private static JsonObject Make(string package, string function, params JsonNode?[] args) =>
        new() { ["make"] = new JsonObject { ["pkg"] = package, ["fn"] = function, ["args"] = new JsonArray(args) } };

    private static JsonObject Undefined() => new() { ["undef"] = true };

    private static JsonObject Str(string s) => new() { ["s"] = s };

    private static JsonObject Bytes(byte[] b) => new() { ["b"] = Convert.ToBase64String(b) };

    /// <summary>A result of an earlier chained call: -1 the one before.</summary>
    private static JsonObject Ref(int back) => new() { ["back"] = back };

    private static byte[] Pixels(int width, int height, int seed) =>
        Enumerable.Range(0, width * height * 4).Select(i => (byte)((i * 37 + seed * 11) % 256)).ToArray();
}
