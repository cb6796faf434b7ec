using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NUnit.Framework;

namespace Bindgen.Analyzers.Tests;

/// <summary>The analyzer never throws: not on incomplete code, error types or odd shapes.</summary>
public class RobustnessTests
{
    private const string Rich = """
        using System;
        using System.Runtime.CompilerServices;
        using Bindgen;
        using Wasmtime;

        [WasmModule]
        public interface ITools { int Run(string s); }

        [WasmImports("env")]
        public interface IHost { void Log(ReadOnlySpan<byte> m); }

        unsafe sealed class Host : IHost
        {
            private readonly Func<int, int> _alloc;
            private byte* _cursor;
            private readonly ITools _tools;

            public Host(Instance instance, ITools tools)
            {
                _alloc = instance.GetFunction<int, int>("alloc")!;
                _tools = tools;
            }

            public void Log(ReadOnlySpan<byte> m)
            {
                var copy = m.ToArray();
                _tools.Run("x");
                Console.WriteLine(m.Length + copy.Length);
            }

            public byte* Cursor => _cursor;

            public int M(Memory memory, Function f, bool c, int n)
            {
                var span = memory.GetSpan(0, 16);
                byte* p = (byte*)memory.GetPointer() + n;
                try
                {
                    for (int i = 0; i < n; i++)
                    {
                        span[i] = (byte)_alloc(i);
                        if (c) { f.Invoke(); continue; }
                        p[i] = span[i];
                    }
                }
                catch (WasmtimeException) when (c)
                {
                    span = memory.GetSpan(0, 16);
                }
                finally
                {
                    _cursor = p;
                }

                fixed (byte* q = span) { q[0] = *p; }
                void* v = Unsafe.AsPointer(ref span[0]);
                Action a = () => p[0] = 1;
                int Local(int x) => x > 0 ? Local(x - 1) + (int)f.Invoke()! : 0;
                switch (n)
                {
                    case 0: f.Invoke(); break;
                    case 1: return span[0];
                    default: span = default; break;
                }

                foreach (var b in span) { _ = b; }
                return (c ? span : default)[0] + Local(n) + (f?.Invoke() is int r ? r : 0);
            }
        }
        """;

    private static readonly DiagnosticAnalyzer[] Analyzers = { new GuestViewAnalyzer() };

    /// <summary>Helpers, delegates and recursion the method summaries read, in every state of incompleteness.</summary>
    private const string Interprocedural = """
        using System;
        using Bindgen;
        using Wasmtime;

        [WasmModule]
        public interface ITools { int Hash(ReadOnlySpan<byte> data); }

        partial class Helpers
        {
            private readonly Func<int, int> _malloc;
            private Action? _hook;
            private readonly Memory _memory;

            public Helpers(Instance instance, Memory memory, Action hook)
            {
                _malloc = instance.GetFunction<int, int>("malloc") ?? (x => x);
                _memory = memory;
                _hook = hook;
            }

            public int Alloc(int size) => size > 0 ? _malloc(size) : Alloc(-size);
            public int Next { get => Alloc(8); set => _hook = () => Alloc(value); }
            public Span<byte> View(int address) => _memory.GetSpan(address, 16)[1..];
            public ref byte First(int address) => ref View(address)[0];
            public unsafe byte* Raw() => (byte*)_memory.GetPointer();
            static int Apply(Func<int, int> f, int x) => f(x);
            partial void Hooked();
            partial void Hooked() => _hook?.Invoke();

            public int Use(ITools tools, Func<int, int> unknown)
            {
                int h0 = tools.Hash(View(6));
                var span = View(0);
                ref byte first = ref First(4);
                int a = Apply(unknown, 1) + Apply(x => x + 1, 2) + Apply(Alloc, 3);
                Hooked();
                first = (byte)a;
                int h = tools.Hash(span) + tools.Hash(View(2).ToArray());
                return span[0] + h + h0 + ((Func<int>)(() => Next))() + new Helpers(null!, _memory, () => { }).Next;
            }
        }
        """;


    [Test]
    public async Task TruncatedSources_NeverThrow()
    {
        for (int cut = 0; cut <= Rich.Length; cut += 11)
        {
            _ = await AssertNoAnalyzerFailureAsync(BindgenSources.WithAttributes(Rich.Substring(0, cut)));
        }
    }

    [Test]
    public async Task TruncatedInterproceduralSources_NeverThrow()
    {
        for (int cut = 0; cut <= Interprocedural.Length; cut += 13)
        {
            _ = await AssertNoAnalyzerFailureAsync(BindgenSources.WithAttributes(Interprocedural.Substring(0, cut)));
        }
    }

    [Test]
    public async Task InterproceduralSource_IsAnalyzed()
    {
        ImmutableArray<Diagnostic> diagnostics = await AssertNoAnalyzerFailureAsync(BindgenSources.WithAttributes(Interprocedural));
        TestContext.Out.WriteLine(string.Join("\n", diagnostics));
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain("BG1001").And.Contain("BG1003"));
    }

    [Test]
    public async Task DeepCallChainsAndLongCycles_Terminate()
    {
        // A chain of 300 helpers ending in Memory.Grow, and a 300-method cycle that never grows.
        var source = new System.Text.StringBuilder("using Wasmtime;\nclass C\n{\n");
        for (int i = 0; i < 300; i++)
        {
            source.Append($"    static void Chain{i}(Memory m) => {(i == 299 ? "m.Grow(1)" : $"Chain{i + 1}(m)")};\n");
            source.Append($"    static int Cycle{i}(int n) => n <= 0 ? 0 : Cycle{(i + 1) % 300}(n - 1);\n");
        }

        // A dense cycle: each of 60 methods calls the next eight; re-reading a body per path would never finish.
        for (int i = 0; i < 60; i++)
        {
            source.Append($"    static int Dense{i}(int n) => n <= 0 ? 0 : ");
            source.Append(string.Join(" + ", Enumerable.Range(1, 8).Select(k => $"Dense{(i + k) % 60}(n - {k})")));
            source.Append(";\n");
        }

        source.Append("""
                byte Near(Memory m) { var s = m.GetSpan(0, 4); Chain290(m); return s[0]; }
                byte Far(Memory m) { var s = m.GetSpan(0, 4); Chain0(m); Cycle0(5); Dense0(3); Dense30(2); return s[0]; }
            }
            """);
        ImmutableArray<Diagnostic> diagnostics = await AssertNoAnalyzerFailureAsync(BindgenSources.WithAttributes(source.ToString()));

        // Near the grow the chain is followed; past the depth limit it is cut (a documented limit), never looped.
        Assert.That(diagnostics.Where(d => d.Id == "BG1001").Select(d => d.GetMessage()), Has.Some.Contains("'Chain290'"));
    }

    [Test]
    public async Task RichSource_IsAnalyzed()
    {
        ImmutableArray<Diagnostic> diagnostics = await AssertNoAnalyzerFailureAsync(BindgenSources.WithAttributes(Rich));
        TestContext.Out.WriteLine(string.Join("\n", diagnostics));
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain("BG1001").And.Contain("BG1002"));
    }

    [Test]
    public async Task SourcesWithoutWasmtimeReference_NeverThrow()
    {
        // Without Wasmtime only the [WasmModule]/[WasmImports] rules apply: the borrowed span is still checked.
        ImmutableArray<Diagnostic> diagnostics = await AssertNoAnalyzerFailureAsync(BindgenSources.WithAttributes(Rich), withWasmtime: false);
        Assert.That(diagnostics.Where(d => d.Id == "BG1001").Select(d => d.GetMessage()), Has.Some.Contains("'m'"));
    }

    [TestCase("class C { void M(Memory m) { var s = m.GetSpan(0, ); m.Grow(; s[0] = 1; } }")]
    [TestCase("class C { void M(Wasmtime.Memory m, Unknown u) { var s = m.GetSpan(0, 4); u.Call(); s[0] = u; } }")]
    [TestCase("class C { void M(Wasmtime.Memory m) { var s = m.GetSpan(0, 4); goto L; L: m.Grow(1); s[0] = 1; goto L; } }")]
    [TestCase("unsafe class C { byte* P(Wasmtime.Memory m) => (byte*)m.GetPointer(); object O(Wasmtime.Memory m) => m.GetPointer(); }")]
    [TestCase("class C { System.Span<byte> S(Wasmtime.Memory m) { return m.GetSpan(0, 4)[1..]; } }")]
    [TestCase("class C { void M(Wasmtime.Memory m) { ref byte r = ref m.GetSpan(0, 4)[0]; m.Grow(1); r = 2; } }")]
    [TestCase("class C { async System.Threading.Tasks.Task M(Wasmtime.Memory m) { await System.Threading.Tasks.Task.Yield(); m.Grow(1); } }")]
    [TestCase("class C { System.Collections.Generic.IEnumerable<int> M(Wasmtime.Memory m) { yield return (int)m.Grow(1); } }")]
    public Task OddShapes_NeverThrow(string source) => AssertNoAnalyzerFailureAsync(BindgenSources.WithAttributes(source));


    private static async Task<ImmutableArray<Diagnostic>> AssertNoAnalyzerFailureAsync(string source, bool withWasmtime = true)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var references = TestReferences.All.Where(r => withWasmtime || !(r.Display ?? string.Empty).Contains("Wasmtime"));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Robustness",
            new[] { tree },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        var exceptions = new System.Collections.Generic.List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Add(exception.ToString()),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create(Analyzers), options)
            .GetAnalyzerDiagnosticsAsync();

        Assert.That(exceptions, Is.Empty, "analyzer threw on:\n" + source);
        Assert.That(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()), Is.Empty, source);
        return diagnostics;
    }
}
