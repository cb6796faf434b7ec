using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Bindgen.Generator.Tests.Fuzz;

/// <summary>One random project: its source files.</summary>
internal sealed record FuzzCase(int Seed, string[] Sources);

/// <summary>
/// Writes random projects that mix valid and invalid binding declarations: every shape a user can write
/// (keywords, non-ASCII names, names of generated locals, overloads, by-reference and params parameters,
/// generics, nesting, properties and events, partial interfaces split across files with the attribute on any one part,
/// file-scoped and global namespaces, file-local, unsafe and obsolete interfaces, error types, syntax errors, class-name
/// clashes, classes and interfaces named like namespaces in use, hostile export names, every ABI, File = with
/// CancellationToken parameters, scoped and pointer parameters).
/// </summary>
internal sealed class FuzzSourceBuilder
{
    private static readonly string[] SupportedParameterTypes =
    {
        "int", "uint", "long", "ulong", "float", "double", "bool", "string", "byte[]",
        "System.ReadOnlySpan<byte>", "System.Span<byte>", "Shade", "Wide", "Point", "Meters", "Point[]", "System.Span<Point>", "double[]",
        "System.ReadOnlySpan<short>", "sbyte", "char", "ReadOnlySpan<int>", "Span<double>",
    };

    private static readonly string[] SupportedReturnTypes = { "void", "int", "uint", "long", "ulong", "float", "double", "bool", "string", "byte[]", "Shade", "Wide", "Point", "Meters", "Point[]", "ushort" };

    private static readonly string[] UnsupportedTypes =
    {
        "System.Collections.Generic.List<int>", "decimal", "string?", "byte[]?", "object", "Missing", "System.Memory<byte>", "int?", "Holder", "Shade[]", "int*", "byte*",
    };

    private static readonly string[] ParameterNames =
    {
        "a", "b", "value", "text", "data", "@class", "@event", "nameof", "_memory", "__block", "__operation", "__result", "__return_area",
        "__text_length", "instance", "options", "Binding", "größe", "données", "global", "var", "@this", "implementation", "linker", "_",
    };

    private static readonly string[] MethodNames =
    {
        "Add", "Echo", "Sum", "@class", "@return", "Größe", "Memory", "Instance", "Instantiate", "Binding", "ToString", "Equals", "_memory",
        "_export_Add", "Define", "ModuleName", "Process", "nameof", "Value", "Größe2",
    };

    private static readonly string[] InterfaceNames =
    {
        "ITools", "IMemory", "IInstance", "IBinding", "IAbc", "IABC", "IFooBinding", "Foo", "Ilower", "IÜber", "@Iclass", "IDefine", "IModuleName",
        "IHost", "ITools", "IWasmtime", "ISystem", "IBindgen", "IApp", "IThreading", "IInner", "ISpace",
    };

    /// <summary>Names of namespaces the generated code or the user's code refers to.</summary>
    private static readonly string[] NamespaceNames = { "Wasmtime", "System", "Bindgen", "App", "Threading", "Inner", "Space" };

    private static readonly string[] ExportNames =
    {
        "add", "line\u2028break", "quote\"slash\\", "tab\there", "next\u0085line", "ünïcödé", "a b", "\\u0041", "*/ // /*", "</summary>",
    };

    private readonly Random _random;
    private int _unique;

    private FuzzSourceBuilder(int seed) => _random = new Random(seed);

    public static FuzzCase Build(int seed)
    {
        var builder = new FuzzSourceBuilder(seed);
        string[] sources = builder.Sources();
        return new FuzzCase(seed, sources);
    }

    private string[] Sources()
    {
        int files = 1 + _random.Next(3);
        var sources = new List<string>
        {
            "public enum Shade { Red, Green }\npublic enum Wide : long { Big = 1L << 40 }\n"
            + "public struct Point { public int X; public double Y; public Shade S; }\npublic struct Meters { public double Value; }\n"
            + "public struct Holder { public string Name; }\n",
        };
        // A partial interface has a part in every file; the attribute is on one part, in any file (rarely on two,
        // maybe a [WasmModule] and a [WasmImports]), so every file order is met across seeds.
        string? partialName = Chance(0.2) ? Pick(new[] { "IPart0", "IPart1", "IWasmtime", "ITools" }) : null;
        if (partialName is not null && files == 1)
        {
            files = 2 + _random.Next(2);
        }

        int attributedFile = _random.Next(files);
        int secondAttributedFile = Chance(0.1) ? _random.Next(files) : -1;
        for (int f = 0; f < files; f++)
        {
            PartialPart? part = partialName is null ? null
                : new PartialPart(partialName, f == attributedFile, f == secondAttributedFile && f != attributedFile);
            sources.Add(File(f, part));
        }

        return sources.ToArray();
    }

    private string File(int index, PartialPart? partial)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using Bindgen;");
        if (Chance(0.3))
        {
            text.AppendLine("using System.Threading;");
        }

        // The partial interface's parts must share a namespace.
        string ns = partial is not null ? "App"
            : Pick(new[] { string.Empty, "App", "App.Inner", "@class.Space", "Ünï.Code", "App", "Wasmtime.Tools", "System.Space", "Bindgen.App", "App.Wasmtime", "App.System" });
        bool fileScoped = ns.Length > 0 && Chance(0.5);
        if (fileScoped)
        {
            text.AppendLine($"namespace {ns};");
        }
        else if (ns.Length > 0)
        {
            text.AppendLine($"namespace {ns} {{");
        }

        int count = 1 + _random.Next(3);
        int partialAt = _random.Next(count);
        for (int i = 0; i < count; i++)
        {
            text.Append(partial is not null && i == partialAt ? PartialInterface(partial) : Interface(null));
        }

        if (Chance(0.1))
        {
            // A user type that takes a generated class's name.
            text.AppendLine(Chance(0.5) ? "public class Tools { }" : "public sealed partial class Tools { public int Extra => 1; }");
        }

        if (Chance(0.05))
        {
            text.AppendLine("public interface IBroken { int Add(int a, ");
        }

        if (!fileScoped && ns.Length > 0)
        {
            text.AppendLine("}");
        }

        return text.ToString();
    }

    /// <summary>[WasmModule] with, at random, ClassName and File (checked against <see cref="FuzzModuleDescription"/>, or naming no module).</summary>
    private string WasmModuleAttribute(string? className)
    {
        var arguments = new List<string>();
        if (className is not null)
        {
            arguments.Add($"ClassName = {Literal(className)}");
        }

        if (Chance(0.2))
        {
            arguments.Add($"File = {Literal(Pick(new[] { "fuzz.wasm", "fuzz.wasm", "dir/fuzz.wasm", "other.wasm", string.Empty, "a\u2028b\n.wasm" }))}");
        }

        if (Chance(0.2))
        {
            arguments.Add(AbiArgument());
        }

        return arguments.Count == 0 ? "WasmModule" : $"WasmModule({string.Join(", ", arguments)})";
    }

    /// <summary>The description every fuzz case gets, as the build would write it for a small C-convention module.</summary>
    public const string FuzzModuleDescription =
        "bindgen-module-description\t1\nfile\tfuzz.wasm\nimport\tfunction\thost\tlog\t(i32, i32) -> ()\nimport\tmemory\tenv\tm\\t\t1 -\n"
        + "export\tmemory\tmemory\t2 -\nexport\tfunction\tmalloc\t(i32) -> i32\nexport\tfunction\tfree\t(i32) -> ()\n"
        + "export\tfunction\tadd\t(i32, i32) -> i32\nexport\tfunction\techo\t(i32, i32, i32) -> ()\nexport\tfunction\tcabi_realloc\t(i32, i32, i32, i32) -> i32\n"
        + "export\tglobal\tcount\ti32 mut\nexport\tfunction\tmulti\t() -> (i32, i64)\n";

    /// <summary>Every ABI, the C convention spelled out or left to its default; wasm-bindgen without its glue is refused.</summary>
    private string AbiArgument() => "Abi = " + Pick(new[] { "WasmAbi.C", "WasmAbi.Canonical", "WasmAbi.Canonical", "WasmAbi.WasmBindgen", "(WasmAbi)7" });

    private string ImportsAttribute(string? className)
    {
        string module = Literal(Pick(new[] { "host", "env", "wasi_snapshot_preview1", "a\u2028b" }));
        string named = className is null ? string.Empty : $", ClassName = {Literal(className)}";
        string abi = Chance(0.15) ? ", " + AbiArgument() : string.Empty;
        return $"WasmImports({module}{named}{abi})";
    }

    /// <summary>One part of a partial interface: with the [WasmModule] attribute, a [WasmImports] one, or none.</summary>
    private string PartialInterface(PartialPart part)
    {
        string attribute = part.Attributed ? $"[{WasmModuleAttribute(null)}]\n" : part.ImportsAttributed ? $"[{ImportsAttribute(null)}]\n" : string.Empty;
        string modifiers = Chance(0.15) ? "public unsafe partial" : "public partial";
        var text = new StringBuilder();
        text.Append(attribute);
        text.AppendLine($"{modifiers} interface {part.Name}");
        text.AppendLine("{");
        int members = _random.Next(4);
        for (int m = 0; m < members; m++)
        {
            text.AppendLine("    " + Member(imports: false));
        }

        text.AppendLine("}");
        return text.ToString();
    }

    private string Interface(string? partialName)
    {
        var text = new StringBuilder();
        string name = partialName ?? Pick(InterfaceNames);
        bool imports = Chance(0.3);
        bool both = !imports && Chance(0.05);
        string? className = Chance(0.1) ? Pick(new[] { "Custom" + _unique++, "Instance", "class", "2Bad", "Tools" })
            : Chance(0.08) ? Pick(NamespaceNames) : null;
        string attribute = imports ? ImportsAttribute(className) : WasmModuleAttribute(className);
        if (both)
        {
            attribute += ", WasmImports(\"host\")";
        }

        if (Chance(0.05))
        {
            attribute += ", Obsolete(\"old\", " + (Chance(0.5) ? "true" : "false") + ")";
        }

        string modifiers = Pick(new[] { "public", "public", "internal", "public partial", "file", "public unsafe partial", "unsafe" });
        if (partialName is not null)
        {
            modifiers = "public partial";
        }

        string generic = Chance(0.04) ? "<T>" : string.Empty;
        bool nested = Chance(0.04);
        string baseList = Chance(0.1) ? " : IBase" + _unique : string.Empty;
        if (baseList.Length > 0)
        {
            text.AppendLine($"public interface IBase{_unique} {{ {Method(imports)} }}");
        }

        if (nested)
        {
            text.AppendLine("public static class Outer" + _unique++ + " {");
        }

        text.AppendLine($"[{attribute}]");
        text.AppendLine($"{modifiers} interface {name}{generic}{baseList}");
        text.AppendLine("{");
        int members = _random.Next(6);
        for (int m = 0; m < members; m++)
        {
            text.AppendLine("    " + Member(imports));
        }

        text.AppendLine("}");
        if (nested)
        {
            text.AppendLine("}");
        }

        return text.ToString();
    }

    private string Member(bool imports) => _random.Next(20) switch
    {
        0 => "int Count { get; }",
        1 => "event System.Action Changed;",
        2 => "T Echo<T>(T value);",
        3 => "void ByRef(ref int value);",
        4 => "bool TryGet(string key, out int value);",
        5 => Pick(new[] { "int Sum(params int[] values);", "void Move(in Point p, ref Point q, out Meters m);", "bool TryGet(ref Shade s, out Wide w, in long x);" }),
        6 => "ref int Slot(int index);",
        7 => "static abstract int Make();",
        8 => "static virtual int Zero() => 0;",
        9 => "int Default(int a) => a;",
        10 => "[Obsolete(\"old\", true)] int Old(int a);",
        11 => "protected void Hidden(int a);",
        12 => "int this[int index] { get; set; }",
        13 => $"int Broken({Pick(UnsupportedTypes)} x);",
        14 => Overloads(),
        _ => Method(imports),
    };

    private string Method(bool imports)
    {
        string name = Pick(MethodNames);
        string returnType = Pick(SupportedReturnTypes);
        int count = _random.Next(5);
        var names = new HashSet<string>();
        var parameters = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string parameterName = Pick(ParameterNames);
            if (!names.Add(parameterName.TrimStart('@')))
            {
                continue;
            }

            string type = Chance(0.04) ? Pick(UnsupportedTypes) : Pick(SupportedParameterTypes);
            string prefix = i == count - 1 && type == "byte[]" && Chance(0.3) ? "params "
                : type.Contains("Span<", StringComparison.Ordinal) && Chance(0.3) ? "scoped "
                : Chance(0.03) ? "scoped ref " : string.Empty;
            parameters.Add($"{prefix}{type} {parameterName}");
        }

        if (Chance(0.2))
        {
            // Last, as the documented cancellable shape; sometimes elsewhere, which is refused.
            string token = Pick(new[] { "System.Threading.CancellationToken token", "System.Threading.CancellationToken cancellationToken", "System.Threading.CancellationToken __token" });
            parameters.Insert(Chance(0.85) ? parameters.Count : 0, token);
        }

        string export = Chance(0.2) ? $"[{(imports ? "WasmImport" : "WasmExport")}({Literal(Pick(ExportNames) + _unique++)})] " : string.Empty;
        string obsolete = Chance(0.05) ? "[Obsolete(\"old\")] " : string.Empty;
        return $"{export}{obsolete}{returnType} {name}({string.Join(", ", parameters)});";
    }

    private string Overloads()
    {
        int n = _unique++;
        return $"[WasmExport(\"sum_i32_{n}\")] int Sum(int a, int b); [WasmExport(\"sum_i64_{n}\")] long Sum(long a, long b);";
    }

    /// <summary>The partial interface's part in one file.</summary>
    private sealed record PartialPart(string Name, bool Attributed, bool ImportsAttributed);

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Literal(string value) =>
        "\"" + string.Concat(value.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
            _ => c.ToString(),
        })) + "\"";
}
