using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using Verify = Bindgen.Analyzers.Tests.AnalyzerVerifier<Bindgen.Analyzers.GuestViewAnalyzer>;

namespace Bindgen.Analyzers.Tests;

/// <summary>BG1002: a guest-memory address escapes the code that took it.</summary>
public class EscapingAddressTests
{
    private static DiagnosticResult Escape(string address, string how) =>
        Verify.Diagnostic("BG1002").WithLocation(0).WithArguments(address, how);

    [Test]
    public Task GetPointerStoredInField_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private nint _base;

            void M(Memory memory)
            {
                _base = {|#0:memory.GetPointer()|};
            }
        }
        """,
        Escape("memory.GetPointer()", "stored in field '_base'"));

    [Test]
    public Task PointerLocalStoredInStaticField_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            private static byte* s_cursor;

            void M(Memory memory)
            {
                byte* p = (byte*)memory.GetPointer() + 16;
                s_cursor = {|#0:p|};
            }
        }
        """,
        Escape("p", "stored in static field 's_cursor'"));

    [Test]
    public Task AddressStoredInProperty_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            public long Address { get; set; }

            void M(Memory memory)
            {
                long address = (long)memory.GetPointer();
                Address = {|#0:address|};
            }
        }
        """,
        Escape("address", "stored in property 'Address'"));

    [Test]
    public Task FixedPointerStoredInField_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            private byte* _data;

            void M(Memory memory)
            {
                Span<byte> span = memory.GetSpan(0, 16);
                fixed (byte* p = span)
                {
                    _data = {|#0:p|};
                }
            }
        }
        """,
        Escape("p", "stored in field '_data'"));

    [Test]
    public Task UnsafeAsPointerStoredInField_Warns() => Verify.VerifyAsync("""
        using System;
        using System.Runtime.CompilerServices;
        using Wasmtime;

        unsafe class C
        {
            private void* _data;

            void M(Memory memory)
            {
                Span<byte> span = memory.GetSpan(0, 16);
                _data = {|#0:Unsafe.AsPointer(ref span[0])|};
            }
        }
        """,
        Escape("Unsafe.AsPointer(ref span[0])", "stored in field '_data'"));

    [Test]
    public Task PointerCapturedByLambda_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            Action M(Memory memory)
            {
                byte* p = (byte*)memory.GetPointer();
                return () => {|#0:p|}[0] = 1;
            }
        }
        """,
        Escape("p", "captured by a lambda"));

    [Test]
    public Task PointerCapturedByLocalFunction_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            void M(Memory memory)
            {
                byte* p = (byte*)memory.GetPointer();
                Write(1);

                void Write(byte value) => {|#0:p|}[0] = value;
            }
        }
        """,
        Escape("p", "captured by local function 'Write'"));

    [Test]
    public Task PointerReturned_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            byte* Data(Memory memory, int offset)
            {
                return {|#0:(byte*)memory.GetPointer() + offset|};
            }
        }
        """,
        Escape("(byte*)memory.GetPointer() + offset", "returned from 'Data'"));

    [Test]
    public Task AddressReturnedFromExpressionBodiedProperty_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private readonly Memory _memory;

            public C(Memory memory) => _memory = memory;

            public nint Base => {|#0:_memory.GetPointer()|};
        }
        """,
        Escape("_memory.GetPointer()", "returned from 'Base'"));

    [Test]
    public Task AddressAssignedToOutParameter_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            void M(Memory memory, out nint address)
            {
                address = {|#0:memory.GetPointer()|};
            }
        }
        """,
        Escape("memory.GetPointer()", "assigned to parameter 'address'"));

    [Test]
    public Task PointerReturnedFromGuestViewMember_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Bindgen;
        using Wasmtime;

        unsafe class GuestMemory
        {
            private readonly Memory _memory;

            public GuestMemory(Memory memory) => _memory = memory;

            [GuestView]
            public byte* Pointer(int offset) => (byte*)_memory.GetPointer() + offset;

            [GuestView]
            public nint Base => _memory.GetPointer();
        }
        """);

    [Test]
    public Task PointerUsedLocally_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            int M(Memory memory)
            {
                byte* p = (byte*)memory.GetPointer();
                p[0] = 1;
                Span<byte> span = memory.GetSpan(0, 4);
                fixed (byte* q = span)
                {
                    q[1] = p[0];
                }

                return p[0];
            }
        }
        """);

    [Test]
    public Task OffsetStoredInField_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            private int _offset;
            private long _length;

            void M(Memory memory, Function alloc)
            {
                _offset = (int)alloc.Invoke(16)!;
                _length = memory.GetLength();
            }
        }
        """);

    [Test]
    public Task AddressDifferenceIsAnOffset_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        unsafe class C
        {
            private long _offset;

            void M(Memory memory)
            {
                byte* start = (byte*)memory.GetPointer();
                byte* p = start + 32;
                _offset = p - start;
            }
        }
        """);

    [Test]
    public Task LambdaCapturingOnlyOffsets_NoWarning() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            Func<byte> M(Memory memory, int offset)
            {
                return () => memory.GetSpan(offset, 1)[0];
            }
        }
        """);

    [Test]
    public Task LambdaReturningGuestAddress_Warns() => Verify.VerifyAsync("""
        using System;
        using Wasmtime;

        class C
        {
            Func<nint> M(Memory memory) => () => {|#0:memory.GetPointer()|};
        }
        """,
        Escape("memory.GetPointer()", "returned from a lambda"));
}
