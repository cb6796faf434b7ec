using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using Verify = Bindgen.Analyzers.Tests.AnalyzerVerifier<Bindgen.Analyzers.GuestViewAnalyzer>;

namespace Bindgen.Analyzers.Tests;

/// <summary>
/// A span a host import borrows from guest memory, handed to a lambda that calls into the guest and then reads it:
/// on a relocating engine that read is of freed memory, so it must be reported like the same code written inline.
/// </summary>
public class BorrowedSpanInLambdaTests
{
    private const string Declarations = """
        using System;
        using Bindgen;

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

        public delegate void SpanUser(ReadOnlySpan<byte> data);

        """;

    [Test]
    public Task A_lambda_that_calls_the_guest_then_reads_its_span_argument_is_reported_where_the_borrowed_span_is_passed() => Verify.VerifyAsync(Declarations + """
        sealed class HostLog : IHostLog
        {
            private readonly IGuest _guest;

            public HostLog(IGuest guest) => _guest = guest;

            public void Log(ReadOnlySpan<byte> message)
            {
                SpanUser use = data =>
                {
                    _guest.Notify();
                    Console.WriteLine(data[0]);
                };
                use({|#0:message|});
            }
        }
        """,
        Verify.Diagnostic("BG1003").WithLocation(0).WithArguments("message", "use"));

    [Test]
    public Task A_lambda_with_a_block_body_passed_the_borrowed_span_in_a_statement_is_reported() => Verify.VerifyAsync(Declarations + """
        sealed class HostLog : IHostLog
        {
            private readonly IGuest _guest;

            public HostLog(IGuest guest) => _guest = guest;

            public void Log(ReadOnlySpan<byte> message)
            {
                SpanUser use = (ReadOnlySpan<byte> data) => { _guest.Notify(); Console.WriteLine(data.Length); };
                use.Invoke({|#0:message|});
            }
        }
        """,
        Verify.Diagnostic("BG1003").WithLocation(0).WithArguments("message", "use"));

    [Test]
    public Task A_lambda_that_calls_the_guest_before_the_borrowed_span_is_read_is_reported() => Verify.VerifyAsync(Declarations + """
        sealed class HostLog : IHostLog
        {
            private readonly IGuest _guest;

            public HostLog(IGuest guest) => _guest = guest;

            public void Log(ReadOnlySpan<byte> message)
            {
                Action notify = () => _guest.Notify();
                {|#1:notify()|};
                Console.WriteLine({|#0:message|}[0]);
            }
        }
        """,
        Verify.Diagnostic("BG1001").WithLocation(0).WithLocation(1).WithArguments("message", "notify"));

    [Test]
    public Task A_lambda_that_only_reads_its_span_argument_is_not_reported() => Verify.VerifyAsync(Declarations + """
        sealed class HostLog : IHostLog
        {
            public void Log(ReadOnlySpan<byte> message)
            {
                SpanUser use = data => Console.WriteLine(data[0]);
                use(message);
            }
        }
        """);
}
