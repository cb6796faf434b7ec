using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using Verify = Bindgen.Analyzers.Tests.AnalyzerVerifier<Bindgen.Analyzers.GuestViewAnalyzer>;

namespace Bindgen.Analyzers.Tests;

/// <summary>
/// Code written against Wasmtime alone, with none of Bindgen's attributes in the compilation (hand-written glue,
/// Wasmtime's own sources). The analyzer then skips every attribute lookup; what it finds without them must not change.
/// </summary>
public class WithoutBindgenTests
{
    private static Task VerifyWithoutAttributesAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Test]
    public Task StaleSpanAfterInvoke_Warns() => VerifyWithoutAttributesAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:grow.Invoke()|};
                {|#0:span|}[1] = 2;
            }
        }
        """,
        Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments("span", "Invoke"));

    [Test]
    public Task InferredHelpers_Warn() => VerifyWithoutAttributesAsync("""
        using System;
        using Wasmtime;

        class Glue
        {
            private readonly Memory _memory;
            private readonly Func<int, int> _malloc;

            public Glue(Instance instance)
            {
                _memory = instance.GetMemory("memory")!;
                _malloc = instance.GetFunction<int, int>("malloc")!;
            }

            Span<byte> View(int address, int length) => _memory.GetSpan(address, length);

            int Alloc(int size) => _malloc(size);

            void Consume(ReadOnlySpan<byte> data) => Alloc(data.Length);

            void M()
            {
                Span<byte> view = View(0, 16);
                {|#1:Alloc(8)|};
                {|#0:view|}[0] = 1;
                Consume({|#2:View(0, 4)|});
            }
        }
        """,
        Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments("view", "Alloc"),
        Verify.Diagnostic("BG1003").WithLocation(2).WithArguments("View(0, 4)", "Consume"));

    [Test]
    public Task TopLevelStatementsAndExpressionBodies_AreAnalyzed()
    {
        // Bodies the compiler does not spell as a method body: a program's top-level statements, an
        // expression-bodied property.
        var test = new Verify.Test
        {
            TestCode = """
                using System;
                using Wasmtime;

                using var engine = new Engine();
                using var store = new Store(engine);
                var memory = new Memory(store, 1);
                var span = memory.GetSpan(0, 16);
                {|#1:memory.Grow(1)|};
                {|#0:span|}[0] = 1;

                unsafe class C
                {
                    private readonly Memory _memory = null!;

                    public nint Base => {|#2:_memory.GetPointer()|};
                }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments("span", "Grow"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("BG1002").WithLocation(2).WithArguments("_memory.GetPointer()", "returned from 'Base'"));
        return test.RunAsync(CancellationToken.None);
    }

    [Test]
    public Task ConstructorWithInitializerAndDefaultValue_ReportedOnce() => VerifyWithoutAttributesAsync("""
        using System;
        using Wasmtime;

        class Base
        {
            protected Base(int n) { }
        }

        class C : Base
        {
            // The compiler hands the analyzer this constructor as several blocks (the default value, the
            // initializer, the body); the body must be analyzed once.
            C(Memory memory, Function grow, int n = 1) : base(n)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:grow.Invoke()|};
                {|#0:span|}[1] = 2;
            }
        }
        """,
        Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments("span", "Invoke"));

    [Test]
    public Task WasmtimeAloneWithoutGrowth_NoWarning() => VerifyWithoutAttributesAsync("""
        using System;
        using Wasmtime;

        class C
        {
            int M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                span[0] = 1;
                return span[1];
            }
        }
        """);
}
