using System.Collections.Generic;
using System.Linq;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// The generated glue for representative interfaces, compared with committed snapshots, and compiled with
/// the runtime to prove it builds without a single warning under nullable.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly string SnapshotDirectory = RepositoryPaths.Combine("tests", "Bindgen.Generator.Tests", "Snapshots");

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Scalars", """
            using Bindgen;
            namespace Demo.Math;

            [WasmModule]
            public interface ICalculator
            {
                int AddI32(int a, int b);
                uint MaxU32(uint a, uint b);
                long AddI64(long a, long b);
                ulong MaxU64(ulong a, ulong b);
                float MulF32(float a, float b);
                double MulF64(double a, double b);
                bool Negate(bool value);
            }
            """);

        yield return Case("Strings", """
            using Bindgen;
            namespace Demo.Text;

            [WasmModule]
            public interface ITextTools
            {
                [WasmExport("to_upper")] string Upper(string text);
                int Utf8CodePoints(string text);
                string Concat(string first, string second);
            }
            """);

        yield return Case("Buffers", """
            using System;
            using Bindgen;
            namespace Demo.Bytes;

            [WasmModule]
            public interface IBufferTools
            {
                int SumBytes(ReadOnlySpan<byte> data);
                byte[] Reverse(byte[] data);
                byte[] MakeBytes(int length, int seed);
                void XorFill(Span<byte> buffer, int value);
            }
            """);

        yield return Case("Enums", """
            using Bindgen;
            namespace Demo.Palette;

            public enum Color { Red, Green, Blue }
            public enum Flags : ulong { None = 0, High = 0x8000000000000000 }
            public enum Level : uint { Low = 1, High = 0xFFFFFFFF }
            public enum Big : long { Minus = -1 }

            [WasmModule]
            public interface IPalette
            {
                Color NextColor(Color color);
                Flags FlipHighBit(Flags flags);
                Level Clamp(Level level, Big big);
            }
            """);

        yield return Case("Mixed", """
            using Bindgen;
            namespace Demo.Mixed;

            [WasmModule]
            public interface IDescriber
            {
                string Describe(int n, long big, bool flag, string text);
                string Repeat(string text, int count);
            }
            """);

        yield return Case("Cancellable", """
            using System.Threading;
            using Bindgen;
            namespace Demo.Bounded;

            [WasmModule]
            public interface IWorker
            {
                int Spin(byte[] data, CancellationToken cancellationToken);
                string Echo(string text, CancellationToken token);
                void Tick(CancellationToken token);
                int Add(int a, int b);
            }
            """);

        yield return Case("ExplicitNames", """
            using Bindgen;
            namespace Demo.Names;

            [WasmModule]
            public interface IHttpTools
            {
                int ParseHTTPHeader(string header);
                [WasmExport("compute-hash")] int Hash(string @event);
                [WasmExport("ÜberCount")] int Count(byte[] @object);
                void ToUtf8();
            }
            """);

        yield return Case("InternalGlobalVoid", """
            using Bindgen;

            [WasmModule]
            internal interface ICounter
            {
                void Bump();
                int BumpCount();
            }
            """);

        yield return Case("NamedInitializer", """
            using Bindgen;
            namespace Demo.Init;

            [WasmModule(Initialize = "__wasm_call_ctors")]
            public interface IMinified
            {
                int Answer();
            }
            """);

        yield return Case("Inherited", """
            using Bindgen;
            namespace Demo.Layers;

            public interface IBase
            {
                int AddI32(int a, int b);
            }

            [WasmModule]
            public interface IDerived : IBase
            {
                string ToUpper(string text);
                static int Helper() => 42;
                int WithDefault() => 7;
            }
            """);

        yield return Case("NotPrefixed", """
            using Bindgen;
            namespace Demo.Plain;

            [WasmModule]
            public interface Hasher
            {
                int Fnv1a(System.ReadOnlySpan<byte> data);
            }
            """);

        yield return Case("ReservedNames", """
            using Bindgen;
            namespace Demo.Reserved;

            [WasmModule]
            public interface ICounter
            {
                int Memory();
                void Instance(int id);
                string ToString(int value);
                int GetHashCode();
                int Counter();
            }
            """);

        yield return Case("Imports", """
            using System;
            using Bindgen;
            namespace Demo.Host;

            public enum Mode : uint { Fast = 1 }

            [WasmImports("env")]
            public interface IHostApi
            {
                void Log(string message);
                int Checksum(ReadOnlySpan<byte> data);
                void Fill(Span<byte> buffer, Mode mode);
                [WasmImport("upper-case")] string Upper(string text);
                byte[] Compress(byte[] data, bool fast);
                ulong Now();
                void Tick();
            }
            """);

        yield return Case("Arrays", """
            using System;
            using Bindgen;
            namespace Demo.Arrays;

            [WasmModule]
            public interface INumbers
            {
                double Mean(ReadOnlySpan<double> values);
                void Scale(Span<float> values, int factor);
                long[] Make(int count, int seed);
                double Mixed(string text, double[] values, byte[] bytes, short[] shorts);
                short Negate(short value);
                char Upper(char c);
                byte Next(byte value);
            }
            """);

        yield return Case("CStructs", """
            using System;
            using Bindgen;
            namespace Demo.Geometry;

            public struct Point { public int X; public double Y; public byte Tag; }
            public struct Meters { public double Value; }

            [WasmModule(Memory = "c", Malloc = "f", Free = "g")]
            public interface IGeometry
            {
                double PointNorm2(in Point p);
                Point PointScale(Point p, double k);
                void PointTranslate(ref Point p, int dx, double dy);
                Meters MetersAdd(Meters a, Meters b);
                int Divmod(int a, int b, out int rem);
                bool TryParseInt(string text, out int value);
                void Shift(Span<Point> points, int dx);
                Point[] Make(int count);
                long Sum17(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, long a16, double a17);
            }
            """);

        yield return Case("CStrings", """
            using System;
            using Bindgen;
            namespace Demo.Text;

            [WasmModule]
            public interface ICText
            {
                int Length([CString] string text);
                [return: CString] string Version();
                [return: CString(Owned = true)] string? Duplicate([CString] string? text);
                string? Find(string? haystack, byte[]? needle);
                double[]? Values(int[]? input);
                int Fill([System.Runtime.InteropServices.Out] Span<byte> output, int seed);
            }
            """);

        yield return Case("CStringImports", """
            using System;
            using Bindgen;
            namespace Demo.Text;

            [WasmImports("host")]
            public interface ICTextHost
            {
                [return: CString] string Name([CString] string key);
                string? Lookup(string? key, byte[]? data);
            }
            """);

        yield return Case("CStructImports", """
            using System;
            using Bindgen;
            namespace Demo.Geometry;

            public struct Point { public int X; public double Y; public byte Tag; }
            public struct Meters { public double Value; }

            [WasmImports("host", Memory = "c")]
            public interface IGeometryHost
            {
                Point Nearest(in Point p);
                bool TryLookup(int key, out double value);
                void Adjust(ref Point p);
                Meters Double(Meters m);
            }
            """);

        yield return Case("ArrayImports", """
            using System;
            using Bindgen;
            namespace Demo.Arrays;

            [WasmImports("host")]
            public interface INumberHost
            {
                double Sum(ReadOnlySpan<double> values);
                void Fill(Span<int> values, sbyte seed);
                ushort[] Codes(int[] input);
            }
            """);
    }

    [TestCaseSource(nameof(Cases))]
    [TestCaseSource(typeof(CanonicalSnapshotCases), nameof(CanonicalSnapshotCases.Cases))]
    [TestCaseSource(typeof(WasmBindgenSnapshotCases), nameof(WasmBindgenSnapshotCases.Cases))]
    public void Generated_code_matches_snapshot_and_compiles_cleanly(string name, string source, AdditionalText[] additionalTexts)
    {
        GenerationResult result = GeneratorHarness.Run(additionalTexts, source);

        Assert.That(result.Diagnostics, Is.Empty, "generator diagnostics");
        Assert.That(result.Sources, Has.Length.EqualTo(1), "one file per interface");
        foreach (GeneratedSourceResult generated in result.Sources)
        {
            Snapshot.Verify(SnapshotDirectory, name + "." + generated.HintName.Replace(".g.cs", string.Empty), generated.SourceText.ToString());
        }

        Assert.That(result.CompileProblems.Select(d => d.ToString()), Is.Empty, "the generated code must compile with no warnings");
    }

    [Test]
    public void Every_ABI_stamps_the_one_package_version()
    {
        // The version the package is released as (Directory.Build.props), read independently of the generator.
        string props = System.IO.File.ReadAllText(RepositoryPaths.Combine("Directory.Build.props"));
        string version = System.Text.RegularExpressions.Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.That(version, Is.Not.Empty);

        var stamps = new Dictionary<string, string>();
        foreach (TestCaseData data in Cases().Concat(CanonicalSnapshotCases.Cases()).Concat(WasmBindgenSnapshotCases.Cases()))
        {
            string name = (string)data.Arguments[0]!;
            GenerationResult result = GeneratorHarness.Run((AdditionalText[])data.Arguments[2]!, (string)data.Arguments[1]!);
            foreach (GeneratedSourceResult generated in result.Sources)
            {
                var match = System.Text.RegularExpressions.Regex.Match(generated.SourceText.ToString(), "GeneratedCode\\(\"Bindgen\\.Generator\", \"([^\"]*)\"\\)");
                stamps.Add(name, match.Success ? match.Groups[1].Value : "(none)");
            }
        }

        Assert.That(stamps.Keys, Has.Some.StartsWith("Canonical").And.Some.StartsWith("WasmBindgen").And.Some.StartsWith("CStructs"), "all three ABIs are stamped");
        Assert.That(stamps.Where(s => s.Value != version).Select(s => s.Key + " stamps " + s.Value), Is.Empty, "every generated class names release " + version);
    }

    [Test]
    public void A_File_bound_interface_gains_the_embedded_module_factories()
    {
        // The module as the build describes it; the declaration matches, so the only addition is the factories.
        const string Description = "bindgen-module-description\t1\nfile\tcalc.wasm\nexport\tfunction\tadd_i32\t(i32, i32) -> i32\n";
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("obj/bindgen/calc.wasm.bindgen", Description)], """
            using Bindgen;
            namespace Demo.Embedded;

            [WasmModule(File = "calc.wasm")]
            public interface ICalculator
            {
                int AddI32(int a, int b);
            }
            """);

        Assert.That(result.Diagnostics, Is.Empty, "generator diagnostics");
        GeneratedSourceResult generated = result.Sources.Single();
        Snapshot.Verify(SnapshotDirectory, "EmbeddedModule." + generated.HintName.Replace(".g.cs", string.Empty), generated.SourceText.ToString());
        Assert.That(result.CompileProblems.Select(d => d.ToString()), Is.Empty, "the generated code must compile with no warnings");
    }

    /// <summary>A snapshot case: the declarations, and the additional files (such as JS glue) the build would pass.</summary>
    internal static TestCaseData Case(string name, string source, params AdditionalText[] additionalTexts) =>
        new TestCaseData(name, source, additionalTexts).SetName(name);
}
