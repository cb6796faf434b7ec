using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using Verify = Bindgen.Analyzers.Tests.AnalyzerVerifier<Bindgen.Analyzers.GuestViewAnalyzer>;

namespace Bindgen.Analyzers.Tests;

/// <summary>BG1001: a guest-memory view used after a call that may grow guest memory.</summary>
public class StaleViewTests
{
    private static DiagnosticResult Stale(string view, string grow) =>
        Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments(view, grow);

    // ---- straight-line code ------------------------------------------------------------------

    [Test]
    public Task StraightLine_UseAfterInvoke_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                span[0] = 1;
                {|#1:grow.Invoke()|};
                {|#0:span|}[1] = 2;
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task ComparingAnOldBaseAddress_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            bool Moved(Memory memory, Function grow)
            {
                IntPtr before = memory.GetPointer();
                grow.Invoke();
                return memory.GetPointer() != before || (long)before > 0;
            }
        }
        """);

    [Test]
    public Task DereferencingAnOldBaseAddress_Warns() => Verify.VerifyAsync("""
        using System;
        using System.Runtime.InteropServices;
        using Wasmtime;

        class C
        {
            byte M(Memory memory, Function grow)
            {
                IntPtr before = memory.GetPointer();
                {|#1:grow.Invoke()|};
                return Marshal.ReadByte({|#0:before|});
            }
        }
        """,
        Stale("before", "Invoke"));

    [Test]
    public Task UseOnlyBeforeCall_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            int M(Memory memory, Function grow)
            {
                Span<byte> span = memory.GetSpan(0, 16);
                span[0] = 1;
                int length = span.Length;
                grow.Invoke();
                return length;
            }
        }
        """);

    [Test]
    public Task RefetchAfterCall_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, long address)
            {
                Span<byte> span = memory.GetSpan(address, 16);
                span[0] = 1;
                grow.Invoke();
                span = memory.GetSpan(address, 16);
                span[1] = 2;
            }
        }
        """);

    [Test]
    public Task MemoryGrow_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            byte M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:memory.Grow(1)|};
                return {|#0:span|}[0];
            }
        }
        """,
        Stale("span", "Grow"));

    [Test]
    public Task GenericGetSpan_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            int M(Memory memory, Function grow)
            {
                Span<int> words = memory.GetSpan<int>(0, 4);
                {|#1:grow.Invoke(1, 2)|};
                return {|#0:words|}[0];
            }
        }
        """,
        Stale("words", "Invoke"));

    [Test]
    public Task PointerLocal_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            void M(Memory memory, Function grow)
            {
                byte* p = (byte*)memory.GetPointer();
                p[0] = 1;
                {|#1:grow.Invoke()|};
                *{|#0:p|} = 2;
            }
        }
        """,
        Stale("p", "Invoke"));

    [Test]
    public Task AddressAsNint_Warns() => Verify.VerifyAsync("""
        using System;
        using System.Runtime.InteropServices;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                nint basePointer = memory.GetPointer();
                {|#1:grow.Invoke()|};
                Marshal.WriteByte({|#0:basePointer|}, 1);
            }
        }
        """,
        Stale("basePointer", "Invoke"));

    [Test]
    public Task DerivedSlice_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var whole = memory.GetSpan(0, 64);
                var part = whole.Slice(8, 8);
                ReadOnlySpan<byte> view = part;
                {|#1:grow.Invoke()|};
                Console.WriteLine({|#0:view|}[0]);
            }
        }
        """,
        Stale("view", "Invoke"));

    [Test]
    public Task SpanFromUnrelatedSource_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Function grow)
            {
                Span<byte> span = stackalloc byte[16];
                byte[] array = new byte[4];
                Span<byte> other = array;
                grow.Invoke();
                span[0] = other[0];
            }
        }
        """);

    [Test]
    public Task NonGrowingMemoryCalls_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                long length = memory.GetLength();
                memory.WriteInt32(0, 5);
                span[0] = (byte)length;
            }
        }
        """);

    // ---- branches, loops, exceptions, early returns -------------------------------------------

    [Test]
    public Task GrowOnOneBranch_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, bool condition)
            {
                var span = memory.GetSpan(0, 16);
                if (condition)
                {
                    {|#1:grow.Invoke()|};
                }

                {|#0:span|}[0] = 1;
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task RefetchOnTheGrowingBranch_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, bool condition)
            {
                var span = memory.GetSpan(0, 16);
                if (condition)
                {
                    grow.Invoke();
                    span = memory.GetSpan(0, 16);
                }

                span[0] = 1;
            }
        }
        """);

    [Test]
    public Task UseOnTheOtherBranch_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, bool condition)
            {
                var span = memory.GetSpan(0, 16);
                if (condition)
                {
                    grow.Invoke();
                }
                else
                {
                    span[0] = 1;
                }
            }
        }
        """);

    [Test]
    public Task EarlyReturnAfterGrow_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, bool condition)
            {
                var span = memory.GetSpan(0, 16);
                if (condition)
                {
                    grow.Invoke();
                    return;
                }

                span[0] = 1;
            }
        }
        """);

    [Test]
    public Task LoopUseAtTopAfterGrowAtBottom_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, int count)
            {
                var span = memory.GetSpan(0, 16);
                for (int i = 0; i < count; i++)
                {
                    {|#0:span|}[i] = 1;
                    {|#1:grow.Invoke()|};
                }
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task LoopViewTakenEachIteration_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    var span = memory.GetSpan(0, 16);
                    span[i] = 1;
                    grow.Invoke();
                }
            }
        }
        """);

    [Test]
    public Task WhileLoopRefetchedAtBottom_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                while (span[0] != 0)
                {
                    grow.Invoke();
                    span = memory.GetSpan(0, 16);
                }
            }
        }
        """);

    [Test]
    public Task ForeachOverViewWithGrowInBody_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                foreach (byte b in {|#0:span|})
                {
                    if (b == 0)
                    {
                        {|#1:grow.Invoke()|};
                    }
                }
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task TryFinally_GrowInTry_UseInFinally_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                try
                {
                    {|#1:grow.Invoke()|};
                }
                finally
                {
                    {|#0:span|}[0] = 0;
                }
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task TryFinally_GrowInFinally_UseAfter_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function free)
            {
                var span = memory.GetSpan(0, 16);
                try
                {
                    span[0] = 1;
                }
                finally
                {
                    {|#1:free.Invoke()|};
                }

                {|#0:span|}[1] = 2;
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task TryCatch_GrowInTry_UseInCatch_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                try
                {
                    {|#1:grow.Invoke()|};
                    span = memory.GetSpan(0, 16);
                }
                catch (WasmtimeException)
                {
                    {|#0:span|}[0] = 0xFF;
                }
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task TryFinally_ViewUsedOnlyInTry_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function free)
            {
                try
                {
                    var span = memory.GetSpan(0, 16);
                    span[0] = 1;
                }
                finally
                {
                    free.Invoke();
                }
            }
        }
        """);

    // ---- evaluation order within one statement -------------------------------------------------

    [Test]
    public Task ViewArgumentThenGrowingArgument_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            static void Consume(Span<byte> data, int value) { }

            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                Consume({|#0:span|}, (int){|#1:grow.Invoke()|}!);
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task IndexerAssignmentWhoseValueGrows_Warns() => Verify.VerifyAsync("""
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
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task FreshViewArgumentThenGrowingArgument_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            static void Consume(ReadOnlySpan<byte> data, int value) { }

            void M(Memory memory, Function grow)
            {
                Consume({|#0:memory.GetSpan(0, 16)|}, (int){|#1:grow.Invoke()|}!);
            }
        }
        """,
        Stale("memory.GetSpan(0, 16)", "Invoke"));

    [Test]
    public Task RefLocalWrittenAfterGrow_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                ref byte first = ref memory.GetSpan(0, 16)[0];
                {|#1:grow.Invoke()|};
                {|#0:first|} = 1;
            }
        }
        """,
        Stale("first", "Invoke"));

    [Test]
    public Task RefLocalRebound_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                ref byte first = ref memory.GetSpan(0, 16)[0];
                first = 1;
                grow.Invoke();
                first = ref memory.GetSpan(0, 16)[0];
                first = 2;
            }
        }
        """);

    [Test]
    public Task ViewPassedToTheGrowingCallItself_IsBG1003NotBG1001() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        class Guest
        {
            [MayGrowMemory]
            public void Write(ReadOnlySpan<byte> data) { }
        }

        class C
        {
            void M(Memory memory, Guest guest)
            {
                var span = memory.GetSpan(0, 16);
                guest.Write({|#0:span|});
            }
        }
        """,
        Verify.Diagnostic("BG1003").WithLocation(0).WithArguments("span", "Write"));

    [Test]
    public Task NestedGrowingCallInsideArgument_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            static int Compute(int a, int b) => a + b;

            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                int r = Compute(span.Length, (int){|#1:grow.Invoke()|}!);
                {|#0:span|}[0] = (byte)r;
            }
        }
        """,
        Stale("span", "Invoke"));

    // ---- where the growing call comes from ------------------------------------------------------

    [Test]
    public Task GetFunctionDelegateInLocal_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Instance instance, Memory memory)
            {
                var alloc = instance.GetFunction<int, int>("alloc")!;
                var span = memory.GetSpan(0, 16);
                int address = {|#1:alloc(32)|};
                {|#0:span|}[0] = (byte)address;
            }
        }
        """,
        Stale("span", "alloc"));

    [Test]
    public Task GetActionDelegateInField_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly Action<int> _collect;
            private readonly Memory _memory;

            public C(Instance instance)
            {
                _collect = instance.GetAction<int>("collect") ?? throw new InvalidOperationException();
                _memory = instance.GetMemory("memory")!;
            }

            public byte Read()
            {
                Span<byte> span = _memory.GetSpan(0, 4);
                {|#1:_collect(1)|};
                return {|#0:span|}[0];
            }
        }
        """,
        Stale("span", "_collect"));

    [Test]
    public Task ConditionalInvocationOfDelegateField_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private Func<int, int>? _alloc;

            public void Bind(Instance instance) => _alloc = instance.GetFunction<int, int>("alloc");

            public void Write(Memory memory)
            {
                Span<byte> span = memory.GetSpan(0, 4);
                {|#1:_alloc?.Invoke(16)|};
                {|#0:span|}[0] = 1;
            }
        }
        """,
        Stale("span", "_alloc"));

    [Test]
    public Task SwitchWithGrowInOneSection_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow, int mode)
            {
                var span = memory.GetSpan(0, 16);
                switch (mode)
                {
                    case 0:
                        span[0] = 0;
                        break;
                    case 1:
                        {|#1:grow.Invoke()|};
                        break;
                    default:
                        return;
                }

                {|#0:span|}[1] = 1;
            }
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task DelegateFieldNotFromWasmtime_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly Action<int> _log = Console.WriteLine;

            public byte Read(Memory memory)
            {
                Span<byte> span = memory.GetSpan(0, 4);
                _log(1);
                return span[0];
            }
        }
        """);

    [Test]
    public Task MayGrowMemoryMethod_Warns() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        class Allocator
        {
            [MayGrowMemory]
            public int Allocate(int size) => 0;
        }

        class C
        {
            void M(Memory memory, Allocator allocator)
            {
                var span = memory.GetSpan(0, 16);
                int address = {|#1:allocator.Allocate(64)|};
                {|#0:span|}[0] = (byte)address;
            }
        }
        """,
        Stale("span", "Allocate"));

    [Test]
    public Task MayGrowMemoryOnType_CoversOverridesAndNotViews() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        [MayGrowMemory]
        abstract class Allocator
        {
            public abstract int Allocate(int size);
        }

        sealed class CAllocator : Allocator
        {
            public override int Allocate(int size) => 0;
        }

        class C
        {
            void M(Memory memory, CAllocator allocator)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:allocator.Allocate(8)|};
                {|#0:span|}[0] = 1;
            }
        }
        """,
        Stale("span", "Allocate"));

    [Test]
    public Task MayGrowMemoryProperty_Warns() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        class Guest
        {
            [MayGrowMemory]
            public int Collected => 0;
        }

        class C
        {
            void M(Memory memory, Guest guest)
            {
                var span = memory.GetSpan(0, 16);
                int n = {|#1:guest.Collected|};
                {|#0:span|}[0] = (byte)n;
            }
        }
        """,
        Stale("span", "Collected"));

    [Test]
    public Task WasmModuleInterfaceMethod_Warns() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        [WasmModule]
        public interface ITextTools
        {
            int WordCount(string text);
        }

        class C
        {
            void M(Memory memory, ITextTools tools)
            {
                var span = memory.GetSpan(0, 16);
                int words = {|#1:tools.WordCount("a b")|};
                {|#0:span|}[0] = (byte)words;
            }
        }
        """,
        Stale("span", "WordCount"));

    [Test]
    public Task WasmModuleImplementation_Warns() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        [WasmModule]
        public interface ITextTools
        {
            int WordCount(string text);
        }

        public sealed class TextTools : ITextTools
        {
            public int WordCount(string text) => 0;
            public string Describe() => "tools";
        }

        class C
        {
            void M(Memory memory, TextTools tools)
            {
                var span = memory.GetSpan(0, 16);
                tools.Describe();
                span[0] = 1;
                {|#1:tools.WordCount("a b")|};
                {|#0:span|}[1] = 1;
            }
        }
        """,
        Stale("span", "WordCount"));

    [Test]
    public Task GuestViewMember_IsAView() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        [MayGrowMemory]
        class GuestMemory
        {
            public int Allocate(int size) => 0;

            [GuestView]
            public Span<byte> GetView(int address, int length) => default;

            [GuestView]
            public Span<byte> Header => default;

            public long Length => 0;
        }

        class C
        {
            void M(GuestMemory guest)
            {
                Span<byte> view = guest.GetView(0, 8);
                Span<byte> header = guest.Header;
                view[0] = header[0];
                long length = guest.Length;
                view[1] = (byte)length;
                {|#1:guest.Allocate(16)|};
                {|#0:view|}[1] = 2;
            }
        }
        """,
        Stale("view", "Allocate"));

    [Test]
    public Task LocalFunctionThatGrows_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:CallGuest()|};
                {|#0:span|}[0] = 1;

                void CallGuest() => grow.Invoke();
            }
        }
        """,
        Stale("span", "CallGuest"));

    [Test]
    public Task LocalFunctionThatDoesNotGrow_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                Log();
                span[0] = 1;

                static void Log() => Console.WriteLine("x");
            }
        }
        """);

    [Test]
    public Task LambdaBody_GrowThenUse_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            Action M(Memory memory, Function grow) => () =>
            {
                var span = memory.GetSpan(0, 16);
                {|#1:grow.Invoke()|};
                {|#0:span|}[0] = 1;
            };
        }
        """,
        Stale("span", "Invoke"));

    [Test]
    public Task LambdaStoredInLocalThatGrows_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                Action callGuest = () => grow.Invoke();
                var span = memory.GetSpan(0, 16);
                {|#1:callGuest()|};
                {|#0:span|}[0] = 1;
            }
        }
        """,
        Stale("span", "callGuest"));

    // ---- Caller spans and borrowed import views ------------------------------------------------

    [Test]
    public Task CallerTryGetMemorySpan_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            Function Define(Store store) => Function.FromCallback(store, (Caller caller, int address, int length) =>
            {
                if (!caller.TryGetMemorySpan<byte>("memory", address, length, out var data))
                {
                    return;
                }

                var notify = caller.GetFunction("notify")!;
                data[0] = 1;
                {|#1:notify.Invoke()|};
                {|#0:data|}[1] = 2;
            });
        }
        """,
        Stale("data", "Invoke"));

    [Test]
    public Task CallerGetMemoryGetSpan_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            Function Define(Store store) => Function.FromCallback(store, (Caller caller, int address, int length) =>
            {
                Span<byte> data = caller.GetMemory("memory")!.GetSpan(address, length);
                {|#1:caller.GetFunction("grow")!.Invoke()|};
                {|#0:data|}.Clear();
            });
        }
        """,
        Stale("data", "Invoke"));

    [Test]
    public Task WasmImportsBorrowedSpan_Warns() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        [WasmModule]
        public interface IGuest
        {
            void Notify();
        }

        [WasmImports("env")]
        public interface IHostLog
        {
            void Log(ReadOnlySpan<byte> message);
        }

        sealed class HostLog : IHostLog
        {
            private readonly IGuest _guest;

            public HostLog(IGuest guest) => _guest = guest;

            public void Log(ReadOnlySpan<byte> message)
            {
                Console.WriteLine(message.Length);
                {|#1:_guest.Notify()|};
                Console.WriteLine({|#0:message|}[0]);
            }
        }
        """,
        Stale("message", "Notify"));

    [Test]
    public Task WasmImportsBorrowedSpan_UsedBeforeCall_NoWarning() => Verify.VerifyAsync("""
        using System;
        using System.Text;
        using Bindgen;
        using Wasmtime;

        [WasmModule]
        public interface IGuest
        {
            void Notify();
        }

        [WasmImports("env")]
        public interface IHostLog
        {
            void Log(ReadOnlySpan<byte> message);
        }

        sealed class HostLog : IHostLog
        {
            private readonly IGuest _guest;

            public HostLog(IGuest guest) => _guest = guest;

            void IHostLog.Log(ReadOnlySpan<byte> message)
            {
                string text = Encoding.UTF8.GetString(message);
                _guest.Notify();
                Console.WriteLine(text);
            }
        }
        """);

    [Test]
    public Task SpanParameterOfOrdinaryMethod_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Span<byte> buffer, Function grow)
            {
                grow.Invoke();
                buffer[0] = 1;
            }
        }
        """);

    // ---- shapes of code ----------------------------------------------------------------------

    [Test]
    public Task TopLevelStatements_Warns() => new AnalyzerVerifier<GuestViewAnalyzer>.Test
    {
        TestState =
        {
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            Sources =
            {
                BindgenSources.WithAttributes("""
                    using System;
                    using Wasmtime;

                    using var engine = new Engine();
                    using var store = new Store(engine);
                    var memory = new Memory(store, 1);
                    var span = memory.GetSpan(0, 4);
                    {|#1:memory.Grow(1)|};
                    Console.WriteLine({|#0:span|}[0]);
                    """),
            },
            ExpectedDiagnostics = { Stale("span", "Grow") },
        },
    }.RunAsync();

    [Test]
    public Task NestedTypeMethod_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class Outer
        {
            class Inner
            {
                private readonly Func<int, int> _alloc;

                public Inner(Instance instance) => _alloc = instance.GetFunction<int, int>("alloc")!;

                public void M(Memory memory)
                {
                    var span = memory.GetSpan(0, 16);
                    {|#1:_alloc(4)|};
                    {|#0:span|}[0] = 1;
                }
            }
        }
        """,
        Stale("span", "_alloc"));

    [Test]
    public Task GeneratedCode_IsNotAnalyzed() => Verify.VerifyAsync("""
        // <auto-generated/>
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                grow.Invoke();
                span[0] = 1;
            }
        }
        """);

    [Test]
    public Task EachStaleUseIsReported() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Function grow)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:grow.Invoke()|};
                {|#0:span|}[0] = 1;
                {|#2:span|}[1] = 2;
            }
        }
        """,
        Stale("span", "Invoke"),
        Verify.Diagnostic("BG1001").WithLocation(2).WithLocation(1).WithArguments("span", "Invoke"));
}
