using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using Verify = Bindgen.Analyzers.Tests.AnalyzerVerifier<Bindgen.Analyzers.GuestViewAnalyzer>;

namespace Bindgen.Analyzers.Tests;

/// <summary>BG1001 through delegates: from Wasmtime, from lambdas and method groups, and of unknown origin.</summary>
public class DelegateOriginTests
{
    private static DiagnosticResult Stale(string view, string grow) =>
        Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments(view, grow);

    [Test]
    public Task DelegateParameterWithWasmSignature_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Func<int, int> alloc)
            {
                var span = memory.GetSpan(0, 16);
                int address = {|#1:alloc(32)|};
                {|#0:span|}[0] = (byte)address;
            }
        }
        """,
        Stale("span", "alloc"));

    [Test]
    public Task DelegateParameterWithOtherSignature_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, Func<string, int> parse, Action<string> log)
            {
                var span = memory.GetSpan(0, 16);
                log("x");
                span[0] = (byte)parse("1");
            }
        }
        """);

    [Test]
    public Task DelegateFieldSetFromConstructorParameter_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly Func<int, int> _alloc;

            public C(Func<int, int> alloc) => _alloc = alloc;

            void M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                int address = {|#1:_alloc(32)|};
                {|#0:span|}[0] = (byte)address;
            }
        }
        """,
        Stale("span", "_alloc"));

    [Test]
    public Task DelegateFromPureLambdaOrMethodGroup_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly Func<int, int> _double = Twice;

            static int Twice(int x) => x * 2;

            byte M(Memory memory)
            {
                Func<int, int> square = x => x * x;
                var span = memory.GetSpan(0, 16);
                span[0] = (byte)(square(3) + _double(2));
                return span[1];
            }
        }
        """);

    [Test]
    public Task DelegatePassedToHelperThatInvokesIt_FollowsTheArgument() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            static int Apply(Func<int, int> f, int x) => f(x);

            byte M(Memory memory, Instance instance)
            {
                var alloc = instance.GetFunction<int, int>("alloc")!;
                var span = memory.GetSpan(0, 16);
                span[0] = (byte)Apply(x => x + 1, 2);
                span[1] = 0;
                int address = {|#1:Apply(alloc, 8)|};
                return {|#0:span|}[(byte)address];
            }
        }
        """,
        Stale("span", "Apply"));

    [Test]
    public Task LambdaInvokedInPlace_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            byte M(Memory memory)
            {
                var span = memory.GetSpan(0, 16);
                {|#1:((Action)(() => memory.Grow(1)))()|};
                return {|#0:span|}[0];
            }
        }
        """,
        Stale("span", "delegate"));

    [Test]
    public Task DelegateFieldsOfAnotherType_JudgedByWhatThatTypeAssigns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class Exports
        {
            public readonly Func<int, int> Malloc;
            public readonly Func<int, int> Align = size => (size + 7) & ~7;

            public Exports(Instance instance) => Malloc = instance.GetFunction<int, int>("malloc")!;
        }

        class C
        {
            byte M(Memory memory, Exports exports)
            {
                var span = memory.GetSpan(0, 16);
                int size = exports.Align(5);
                span[0] = (byte)size;
                int address = {|#1:exports.Malloc(size)|};
                return {|#0:span|}[(byte)address];
            }
        }
        """,
        Stale("span", "Malloc"));
}
