using System;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// A guest's allocator convention: how the host asks the guest for memory and gives it back.
/// Every call runs guest code and so may grow (and move) guest memory.
/// </summary>
[MayGrowMemory]
public abstract class GuestAllocator
{
    /// <summary>Allocates <paramref name="size"/> bytes in the guest; returns the guest address, or 0 when the guest is out of memory.</summary>
    /// <param name="size">Bytes to allocate; greater than zero.</param>
    /// <param name="alignment">Required alignment in bytes (a power of two).</param>
    public abstract int Allocate(int size, int alignment);

    /// <summary>Returns an allocation to the guest.</summary>
    /// <param name="address">An address returned by <see cref="Allocate"/> (or received from the guest as owned).</param>
    /// <param name="size">The allocation's size, for conventions that need it.</param>
    /// <param name="alignment">The allocation's alignment, for conventions that need it.</param>
    public abstract void Free(int address, int size, int alignment);
}

/// <summary>
/// The C convention: the guest exports <c>malloc(i32) -&gt; i32</c> and <c>free(i32)</c>
/// (wasi-libc and most C/C++/Zig/TinyGo toolchains can). <c>malloc</c> aligns to at least 8 bytes.
/// </summary>
public sealed class CAllocator : GuestAllocator
{
    /// <summary>The export name of the allocation function.</summary>
    public const string MallocExport = "malloc";

    /// <summary>The export name of the release function.</summary>
    public const string FreeExport = "free";

    /// <summary>The wasm signature of <c>malloc</c>.</summary>
    internal const string MallocSignature = "(i32) -> i32";

    /// <summary>The wasm signature of <c>free</c>.</summary>
    internal const string FreeSignature = "(i32) -> ()";

    private readonly Func<int, int> _malloc;
    private readonly Action<int> _free;

    internal CAllocator(Func<int, int> malloc, Action<int> free)
    {
        _malloc = malloc;
        _free = free;
    }

    /// <summary>Resolves <c>malloc</c> and <c>free</c> from an instance, checking their signatures.</summary>
    /// <param name="instance">The guest instance.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <exception cref="MissingExportException">An allocator export is missing.</exception>
    /// <exception cref="ExportSignatureException">An allocator export has another signature.</exception>
    /// <exception cref="BindingException">Both exports have a problem, both listed.</exception>
    public static CAllocator FromInstance(Instance instance, string binding)
    {
        if (instance is null)
        {
            throw new ArgumentNullException(nameof(instance));
        }

        var exports = new ExportResolver(instance, binding);
        Func<int, int>? malloc = exports.CheckedFunction(MallocExport, MallocSignature)?.WrapFunc<int, int>();
        Action<int>? free = exports.CheckedFunction(FreeExport, FreeSignature)?.WrapAction<int>();
        exports.ThrowIfProblems();
        return new CAllocator(malloc!, free!);
    }

    /// <summary>Resolves <c>malloc</c> and <c>free</c> from the instance calling a host import.</summary>
    /// <param name="caller">The import's caller.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <exception cref="MissingExportException">An allocator export is missing.</exception>
    /// <exception cref="ExportSignatureException">An allocator export has another signature.</exception>
    public static CAllocator FromCaller(Caller caller, string binding)
    {
        Function malloc = caller.GetFunction(MallocExport) ?? throw new MissingExportException(binding, MallocExport, "function");
        Function free = caller.GetFunction(FreeExport) ?? throw new MissingExportException(binding, FreeExport, "function");
        return new CAllocator(
            malloc.WrapFunc<int, int>() ?? throw Mismatch(binding, MallocExport, "(i32) -> i32", malloc),
            free.WrapAction<int>() ?? throw Mismatch(binding, FreeExport, "(i32) -> ()", free));
    }

    private static ExportSignatureException Mismatch(string binding, string name, string expected, Function actual) =>
        new(binding, name, expected, WasmExports.FormatSignature(actual.Parameters, actual.Results));

    /// <inheritdoc/>
    public override int Allocate(int size, int alignment) => _malloc(size);

    /// <inheritdoc/>
    public override void Free(int address, int size, int alignment) => _free(address);
}

/// <summary>The allocator of guest memory that is only read and written, never allocated in.</summary>
internal sealed class NoAllocator : GuestAllocator
{
    public static readonly NoAllocator Instance = new();

    public override int Allocate(int size, int alignment) =>
        throw new InvalidOperationException("This guest memory was created without an allocator.");

    public override void Free(int address, int size, int alignment) =>
        throw new InvalidOperationException("This guest memory was created without an allocator.");
}
