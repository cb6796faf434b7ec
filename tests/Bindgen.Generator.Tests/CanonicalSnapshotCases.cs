using System.Collections.Generic;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Snapshot cases of the canonical ABI ([WasmModule(Abi = WasmAbi.Canonical)] and canonical [WasmImports]): the shapes
/// docs/canonical-abi.md lists, so any change to the canonical glue shows as a diff.
/// </summary>
internal static class CanonicalSnapshotCases
{
    private const string Types = """
        using System;
        using System.Text;
        using Bindgen;
        namespace Demo.Component;

        public sealed record Entry(string Name, uint[] Values);
        public readonly record struct Point(int X, int Y);
        public enum Color { Red, Green, Blue }
        [Flags] public enum Perms : byte { None = 0, Read = 1, Write = 2, Exec = 4 }
        public abstract record Shape
        {
            public sealed record Circle(float Radius) : Shape;
            public sealed record Rect(Point Corner) : Shape;
            public sealed record Named(string Name) : Shape;
            public sealed record Empty() : Shape;
        }

        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return SnapshotTests.Case("CanonicalScalars", Types + """
            [WasmModule(Abi = WasmAbi.Canonical)]
            public interface ICalculator
            {
                int Add(int a, int b);
                void Reset();
                bool Within(sbyte low, byte high, short s, ushort us, uint u, long l, ulong ul);
                double Mul(float x, double y);
                Rune NextChar(Rune c);
            }
            """);

        yield return SnapshotTests.Case("CanonicalStrings", Types + """
            [WasmModule(Abi = WasmAbi.Canonical, Interface = "local:demo/text@1.0.0")]
            public interface IText
            {
                uint CountWords(string text);
                string Upper(string text);
                string Concat(string first, string second);
                string? Find(string? haystack, string needle);
            }
            """);

        yield return SnapshotTests.Case("CanonicalLists", Types + """
            [WasmModule(Abi = WasmAbi.Canonical, Interface = "local:demo/lists@1.0.0")]
            public interface ILists
            {
                ulong Sum(ReadOnlySpan<byte> data);
                uint[] Reverse(uint[] values);
                string[] Split(string text, Rune separator);
                Entry?[] EchoEntries(Entry?[] items);
                (int, string) Swap((string, int) pair);
                Point Offset(Point p, int dx);
            }
            """);

        yield return SnapshotTests.Case("CanonicalVariants", Types + """
            [WasmModule(Abi = WasmAbi.Canonical, Interface = "local:demo/variants@1.0.0")]
            public interface IVariants
            {
                Result<int, string> ParseNumber(string s);
                Result<Unit, Unit> Check();
                int? MaybeInt(long? value);
                Shape Grow(Shape shape, float factor);
                Color Next(Color color);
                Perms Toggle(Perms perms, Perms mask);
            }
            """);

        yield return SnapshotTests.Case("CanonicalSpilled", Types + """
            [WasmModule(Abi = WasmAbi.Canonical)]
            public interface IWide
            {
                ulong Many(uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint a8, uint a9, uint a10, uint a11, uint a12, uint a13, uint a14, uint a15, uint a16, string a17);
                (long, double, string) Triple(long a, double b, string c);
            }
            """);

        yield return SnapshotTests.Case("CanonicalImports", Types + """
            [WasmImports("local:demo/host@1.0.0", Abi = WasmAbi.Canonical)]
            public interface IHost
            {
                void Log(string message);
                ulong Now();
                string Upper(string text);
                string[] Keys(string? prefix);
                Entry?[] Lookup(Entry?[] items, Color color);
                Result<uint, string> Parse(string text);
            }
            """);
    }
}
