using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using Verify = Bindgen.Analyzers.Tests.AnalyzerVerifier<Bindgen.Analyzers.GuestViewAnalyzer>;

namespace Bindgen.Analyzers.Tests;

/// <summary>BG1001 for views of guest memory typed as elements other than bytes: the shapes arrays of every primitive use.</summary>
public class ElementViewTests
{
    private static DiagnosticResult Stale(string view, string grow) =>
        Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments(view, grow);

    [Test]
    public Task A_span_of_doubles_from_GetSpan_is_a_view() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            double M(Memory memory, Function grow)
            {
                Span<double> values = memory.GetSpan<double>(0, 4);
                {|#1:grow.Invoke()|};
                return {|#0:values|}[0];
            }
        }
        """,
        Stale("values", "Invoke"));

    [Test]
    public Task A_generic_GuestView_member_of_floats_is_a_view() => Verify.VerifyAsync("""
        using System;
        using Bindgen;

        [MayGrowMemory]
        class GuestMemory
        {
            public int Allocate(int size) => 0;

            [GuestView]
            public Span<T> GetView<T>(int address, int count) where T : unmanaged => default;
        }

        class C
        {
            void M(GuestMemory guest)
            {
                Span<float> view = guest.GetView<float>(0, 8);
                view[0] = 1f;
                {|#1:guest.Allocate(16)|};
                {|#0:view|}[1] = 2f;
            }
        }
        """,
        Stale("view", "Allocate"));

    [Test]
    public Task A_span_of_longs_refetched_after_the_call_is_not_reported() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            long M(Memory memory, Function grow)
            {
                Span<long> values = memory.GetSpan<long>(0, 2);
                values[0] = 1;
                grow.Invoke();
                values = memory.GetSpan<long>(0, 2);
                return values[0];
            }
        }
        """);
}
