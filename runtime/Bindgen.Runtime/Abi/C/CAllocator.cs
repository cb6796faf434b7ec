using System;
using Wasmtime;

namespace Bindgen;

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
        DirectFree = DirectExportCalls.FreeOf(free);
    }

    /// <summary>The guest's <c>free</c> called directly, when the direct path is on; the release path uses it.</summary>
    internal DirectExportCalls.GuestFree? DirectFree { get; }

    /// <summary>Resolves <c>malloc</c> and <c>free</c> from an instance, checking their signatures.</summary>
    /// <param name="instance">The guest instance.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <exception cref="MissingExportException">An allocator export is missing.</exception>
    /// <exception cref="ExportSignatureException">An allocator export has another signature.</exception>
    /// <exception cref="BindingException">Both exports have a problem, both listed.</exception>
    /// <param name="convention">The export names; <see cref="CConvention.Default"/> when null.</param>
    public static CAllocator FromInstance(Instance instance, string binding, CConvention? convention = null)
    {
        if (instance is null)
        {
            throw new ArgumentNullException(nameof(instance));
        }

        var exports = new ExportResolver(instance, binding);
        CAllocator? allocator = (convention ?? CConvention.Default).Allocator(exports);
        exports.ThrowIfProblems();
        return allocator!;
    }

    /// <summary>Resolves <c>malloc</c> and <c>free</c> from the instance calling a host import.</summary>
    /// <param name="caller">The import's caller.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <exception cref="MissingExportException">An allocator export is missing.</exception>
    /// <exception cref="ExportSignatureException">An allocator export has another signature.</exception>
    /// <param name="convention">The export names; <see cref="CConvention.Default"/> when null.</param>
    public static CAllocator FromCaller(Caller caller, string binding, CConvention? convention = null)
    {
        convention ??= CConvention.Default;
        Function malloc = caller.GetFunction(convention.Malloc) ?? throw new MissingExportException(binding, convention.Malloc, "function");
        Function free = caller.GetFunction(convention.Free) ?? throw new MissingExportException(binding, convention.Free, "function");
        return new CAllocator(
            DirectExportCalls.Faster(malloc, malloc.WrapFunc<int, int>() ?? throw Mismatch(binding, convention.Malloc, MallocSignature, malloc)),
            DirectExportCalls.Faster(free, free.WrapAction<int>() ?? throw Mismatch(binding, convention.Free, FreeSignature, free)));
    }

    private static ExportSignatureException Mismatch(string binding, string name, string expected, Function actual) =>
        new(binding, name, expected, WasmExports.FormatSignature(actual.Parameters, actual.Results));

    /// <inheritdoc/>
    public override int Allocate(int size, int alignment) => _malloc(size);

    /// <inheritdoc/>
    public override void Free(int address, int size, int alignment) => _free(address);
}

