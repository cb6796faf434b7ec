using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using Verify = Bindgen.Analyzers.Tests.CodeFixVerifier<Bindgen.Analyzers.GuestViewAnalyzer, Bindgen.CodeFixes.RefetchViewCodeFixProvider>;

namespace Bindgen.Analyzers.Tests;

/// <summary>The BG1001 code fix: re-fetch the view after the call, or take it only after the call.</summary>
public class RefetchViewCodeFixTests
{
    private static DiagnosticResult Stale(int use, int grow, string view, string growName) =>
        Verify.Diagnostic("BG1001").WithLocation(use).WithLocation(grow).WithArguments(view, growName);

    [Test]
    public Task SideEffectFreeSource_InsertsRefetchAfterTheCall() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, long address)
            {
                var span = memory.GetSpan(address + 4, 16);
                span[0] = 1;
                {|#1:grow.Invoke()|};
                {|#0:span|}[1] = 2;
            }
        }
        """, """
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, long address)
            {
                var span = memory.GetSpan(address + 4, 16);
                span[0] = 1;
                grow.Invoke();
                span = memory.GetSpan(address + 4, 16);
                span[1] = 2;
            }
        }
        """,
        Stale(0, 1, "span", "Invoke"));

    [Test]
    public Task GrowInEmbeddedStatement_WrapsInBlock() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, bool condition)
            {
                Span<byte> span = memory.GetSpan(0, 16);
                if (condition)
                    {|#1:grow.Invoke()|};
                {|#0:span|}[0] = 1;
            }
        }
        """, """
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, bool condition)
            {
                Span<byte> span = memory.GetSpan(0, 16);
                if (condition)
                {
                    grow.Invoke();
                    span = memory.GetSpan(0, 16);
                }
                span[0] = 1;
            }
        }
        """,
        Stale(0, 1, "span", "Invoke"));

    [Test]
    public Task GrowAtLoopBottom_RefetchesAtTheBottom() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            void M(Memory memory, Function grow, int count)
            {
                byte* p = (byte*)memory.GetPointer();
                for (int i = 0; i < count; i++)
                {
                    {|#0:p|}[i] = 1;
                    {|#1:grow.Invoke()|};
                }
            }
        }
        """, """
        using System;
        using Wasmtime;

        unsafe class C
        {
            void M(Memory memory, Function grow, int count)
            {
                byte* p = (byte*)memory.GetPointer();
                for (int i = 0; i < count; i++)
                {
                    p[i] = 1;
                    grow.Invoke();
                    p = (byte*)memory.GetPointer();
                }
            }
        }
        """,
        Stale(0, 1, "p", "Invoke"));

    [Test]
    public Task SourceWithSideEffects_MovesTheDeclarationAfterTheCall() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        class Guest
        {
            private int _next;

            public int NextOffset() => _next += 8;

            [GuestView]
            public Span<byte> View(int offset, int length) => default;

            [MayGrowMemory]
            public void Collect() { }
        }

        class C
        {
            void M(Guest guest)
            {
                var view = guest.View(guest.NextOffset(), 4);
                {|#1:guest.Collect()|};
                {|#0:view|}[0] = 1;
            }
        }
        """, """
        using System;
        using Bindgen;
        using Wasmtime;

        class Guest
        {
            private int _next;

            public int NextOffset() => _next += 8;

            [GuestView]
            public Span<byte> View(int offset, int length) => default;

            [MayGrowMemory]
            public void Collect() { }
        }

        class C
        {
            void M(Guest guest)
            {
                guest.Collect();
                var view = guest.View(guest.NextOffset(), 4);
                view[0] = 1;
            }
        }
        """,
        Stale(0, 1, "view", "Collect"));

    [Test]
    public Task CallerSpanInCallback_InsertsRefetchInTheLambda() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            Function Define(Store store) => Function.FromCallback(store, (Caller caller, int address, int length) =>
            {
                Span<byte> data = caller.GetMemory("memory")!.GetSpan(address, length);
                var notify = caller.GetFunction("notify")!;
                data[0] = 1;
                {|#1:notify.Invoke()|};
                {|#0:data|}[1] = 2;
            });
        }
        """, """
        using System;
        using Wasmtime;

        class C
        {
            Function Define(Store store) => Function.FromCallback(store, (Caller caller, int address, int length) =>
            {
                Span<byte> data = caller.GetMemory("memory")!.GetSpan(address, length);
                var notify = caller.GetFunction("notify")!;
                data[0] = 1;
                notify.Invoke();
                data = caller.GetMemory("memory")!.GetSpan(address, length);
                data[1] = 2;
            });
        }
        """,
        Stale(0, 1, "data", "Invoke"));

    [Test]
    public Task OutVariableView_HasNoFix()
    {
        const string source = """
            using System;
            using Wasmtime;

            class C
            {
                Function Define(Store store) => Function.FromCallback(store, (Caller caller, int address, int length) =>
                {
                    if (caller.TryGetMemorySpan<byte>("memory", address, length, out var data))
                    {
                        {|#1:caller.GetFunction("notify")!.Invoke()|};
                        {|#0:data|}[0] = 1;
                    }
                });
            }
            """;
        return Verify.VerifyAsync(source, source, Stale(0, 1, "data", "Invoke"));
    }

    [Test]
    public Task ViewUsedInTheSameStatementAsTheCall_HasNoFix()
    {
        const string source = """
            using System;
            using Wasmtime;

            class C
            {
                void M(Memory memory, Function grow)
                {
                    var span = memory.GetSpan(0, 16);
                    {|#0:span|}[0] = (byte)(int){|#1:grow.Invoke()|}!;
                }
            }
            """;
        return Verify.VerifyAsync(source, source, Stale(0, 1, "span", "Invoke"));
    }

    [Test]
    public Task TopLevelStatements_InsertsRefetchAfterTheCall()
    {
        var test = new Verify.Test
        {
            TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
            TestCode = BindgenSources.WithAttributes("""
                using System;
                using Wasmtime;

                using var engine = new Engine();
                using var store = new Store(engine);
                var memory = new Memory(store, 1);
                var span = memory.GetSpan(0, 4);
                {|#1:memory.Grow(1)|};
                Console.WriteLine({|#0:span|}[0]);
                """),
            FixedCode = BindgenSources.WithAttributes("""
                using System;
                using Wasmtime;

                using var engine = new Engine();
                using var store = new Store(engine);
                var memory = new Memory(store, 1);
                var span = memory.GetSpan(0, 4);
                memory.Grow(1);
                span = memory.GetSpan(0, 4);
                Console.WriteLine(span[0]);
                """),
            ExpectedDiagnostics = { Stale(0, 1, "span", "Grow") },
        };
        return test.RunAsync();
    }

    [Test]
    public Task FixAll_SeveralViewsAndCallsInOneDocument()
    {
        var test = new Verify.Test
        {
            TestCode = BindgenSources.WithAttributes("""
                using System;
                using Wasmtime;

                unsafe class C
                {
                    void M(Memory memory, Function grow, long address, bool condition)
                    {
                        var span = memory.GetSpan(address, 16);
                        byte* p = (byte*)memory.GetPointer() + 8;
                        {|#1:grow.Invoke()|};
                        {|#0:span|}[0] = 1;
                        {|#2:span|}[1] = 2;
                        *{|#3:p|} = 3;
                        if (condition)
                        {
                            {|#5:grow.Invoke(1)|};
                        }

                        {|#4:span|}[2] = {|#6:p|}[1];
                    }

                    void N(Memory memory, Function grow)
                    {
                        Span<int> words = memory.GetSpan<int>(0, 4);
                        {|#8:grow.Invoke()|};
                        {|#7:words|}[0] = 1;
                    }
                }
                """),
            FixedCode = BindgenSources.WithAttributes("""
                using System;
                using Wasmtime;

                unsafe class C
                {
                    void M(Memory memory, Function grow, long address, bool condition)
                    {
                        var span = memory.GetSpan(address, 16);
                        byte* p = (byte*)memory.GetPointer() + 8;
                        grow.Invoke();
                        span = memory.GetSpan(address, 16);
                        p = (byte*)memory.GetPointer() + 8;
                        span[0] = 1;
                        span[1] = 2;
                        *p = 3;
                        if (condition)
                        {
                            grow.Invoke(1);
                            span = memory.GetSpan(address, 16);
                            p = (byte*)memory.GetPointer() + 8;
                        }

                        span[2] = p[1];
                    }

                    void N(Memory memory, Function grow)
                    {
                        Span<int> words = memory.GetSpan<int>(0, 4);
                        grow.Invoke();
                        words = memory.GetSpan<int>(0, 4);
                        words[0] = 1;
                    }
                }
                """),
            ExpectedDiagnostics =
            {
                Stale(0, 1, "span", "Invoke"),
                Stale(2, 1, "span", "Invoke"),
                Stale(3, 1, "p", "Invoke"),
                Stale(4, 5, "span", "Invoke"),
                Stale(6, 5, "p", "Invoke"),
                Stale(7, 8, "words", "Invoke"),
            },
        };

        // One fix at a time needs several passes; Fix All does it in one.
        test.NumberOfIncrementalIterations = 5;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }
}
