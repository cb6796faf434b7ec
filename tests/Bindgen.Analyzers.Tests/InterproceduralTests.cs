using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using Verify = Bindgen.Analyzers.Tests.AnalyzerVerifier<Bindgen.Analyzers.GuestViewAnalyzer>;

namespace Bindgen.Analyzers.Tests;

/// <summary>BG1001 through the user's own methods (helpers that grow, helpers that return views), without annotations.</summary>
public class InterproceduralTests
{
    private static DiagnosticResult Stale(string view, string grow) =>
        Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments(view, grow);

    // ---- helpers that grow ---------------------------------------------------------------------

    [Test]
    public Task HelperThatAllocates_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly Func<int, int> _malloc;
            private readonly Memory _memory;

            public C(Instance instance, Memory memory)
            {
                _malloc = instance.GetFunction<int, int>("malloc")!;
                _memory = memory;
            }

            private int Alloc(int size) => _malloc(size);

            public void Write(int address)
            {
                Span<byte> span = _memory.GetSpan(address, 16);
                int copy = {|#1:Alloc(16)|};
                {|#0:span|}[0] = (byte)copy;
            }
        }
        """,
        Stale("span", "Alloc"));

    [Test]
    public Task HelperThatGrowsThroughAnotherHelper_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            static void Reserve(Memory memory, int pages) => GrowBy(memory, pages);

            static void GrowBy(Memory memory, int pages)
            {
                if (pages > 0)
                {
                    memory.Grow(pages);
                }
            }

            byte M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:Reserve(memory, 1)|};
                return {|#0:span|}[0];
            }
        }
        """,
        Stale("span", "Reserve"));

    [Test]
    public Task HelperInAnotherTypeThroughLocalFunction_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        static class Guest
        {
            public static int Call(Function function)
            {
                return Run();

                int Run() => (int)function.Invoke()!;
            }
        }

        class C
        {
            byte M(Memory memory, Function function)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:Guest.Call(function)|};
                return {|#0:span|}[0];
            }
        }
        """,
        Stale("span", "Call"));

    [Test]
    public Task MutuallyRecursiveHelpers_Terminate() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            static int Even(Memory memory, int n) => n == 0 ? (int)memory.Grow(1) : Odd(memory, n - 1);

            static int Odd(Memory memory, int n) => n == 0 ? 0 : Even(memory, n - 1);

            static int Ping(int n) => n <= 0 ? 0 : Pong(n - 1);

            static int Pong(int n) => n <= 0 ? 1 : Ping(n - 1);

            byte M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                int pure = Ping(10);
                span[0] = (byte)pure;
                {|#1:Odd(memory, 3)|};
                return {|#0:span|}[0];
            }
        }
        """,
        Stale("span", "Odd"));

    [Test]
    public Task HelperThatOnlyLogsOrComputes_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly Action<int> _trace = value => Console.WriteLine(value);

            static void Log(string message) => Console.WriteLine(message);

            static int Checksum(ReadOnlySpan<byte> data)
            {
                int sum = 0;
                foreach (byte b in data) { sum += b; }
                return sum;
            }

            int M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                Log("reading");
                _trace(span.Length);
                int sum = Checksum(span);
                return sum + span[0];
            }
        }
        """);

    [Test]
    public Task ViewRefetchedAfterHelper_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            static void Reserve(Memory memory) => memory.Grow(1);

            byte M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                span[0] = 1;
                Reserve(memory);
                span = memory.GetSpan(0, 16);
                return span[0];
            }
        }
        """);

    [Test]
    public Task AnnotationWins_OverAnInferredNo() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        class C
        {
            [MayGrowMemory]
            static void Hook() { }

            byte M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:Hook()|};
                return {|#0:span|}[0];
            }
        }
        """,
        Stale("span", "Hook"));

    [Test]
    public Task PropertyAndConstructorThatCallTheGuest_Warn() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class Buffer
        {
            public Buffer(Function malloc) => Address = (int)malloc.Invoke(64)!;

            public int Address { get; }
        }

        class Pool
        {
            private readonly Function _malloc;

            public Pool(Function malloc) => _malloc = malloc;

            public int Next
            {
                get { return (int)_malloc.Invoke(16)!; }
            }

            public int Size => 16;
        }

        class C
        {
            int M(Memory memory, Pool pool, Function malloc)
            {
                var span = memory.GetSpan(0, 16);
                span[0] = (byte)pool.Size;
                int next = {|#1:pool.Next|};
                {|#0:span|}[1] = (byte)next;
                var other = memory.GetSpan(0, 16);
                var buffer = {|#3:new Buffer(malloc)|};
                return {|#2:other|}[0] + buffer.Address;
            }
        }
        """,
        Stale("span", "Next"),
        Verify.Diagnostic("BG1001").WithLocation(2).WithLocation(3).WithArguments("other", "Buffer"));

    // ---- helpers that return views ------------------------------------------------------------

    [Test]
    public Task HelperReturningView_IsAView() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly Memory _memory;

            public C(Memory memory) => _memory = memory;

            private Span<byte> View(int address, int length) => _memory.GetSpan(address, length);

            private Span<byte> Header(int address) => View(address, 8).Slice(0, 4);

            public byte M()
            {
                Span<byte> header = Header(0);
                {|#1:_memory.Grow(1)|};
                return {|#0:header|}[0];
            }
        }
        """,
        Stale("header", "Grow"));

    [Test]
    public Task HelperReturningHostSpan_IsNotAView() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly byte[] _buffer = new byte[16];

            private Span<byte> Scratch() => _buffer.AsSpan(0, 8);

            public byte M(Memory memory)
            {
                Span<byte> scratch = Scratch();
                memory.Grow(1);
                return scratch[0];
            }
        }
        """);
}
