using System;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// The C convention as an object (docs/abi.md): the names under which a guest exports its memory and its
/// <c>malloc(i32) -&gt; i32</c> / <c>free(i32)</c>, and how a binding finds them in an instance or in the instance
/// calling a host import. Guests built by clang and wasi-libc use the defaults; emscripten minifies them
/// (<c>[WasmModule(Memory = "c", Malloc = "f", Free = "g")]</c>).
/// </summary>
/// <param name="Memory">The memory export's name.</param>
/// <param name="Malloc">The allocation function's export name.</param>
/// <param name="Free">The release function's export name.</param>
public sealed record CConvention(string Memory = CConvention.DefaultMemory, string Malloc = CAllocator.MallocExport, string Free = CAllocator.FreeExport)
{
    /// <summary>The default memory export's name.</summary>
    public const string DefaultMemory = "memory";

    /// <summary><c>memory</c>, <c>malloc</c> and <c>free</c>.</summary>
    public static CConvention Default { get; } = new();

    /// <summary>
    /// Guest memory access over an instance's exports, looked up through <paramref name="exports"/> so that every
    /// missing or mistyped export is reported together with the binding's other problems. Null when one is missing.
    /// </summary>
    /// <param name="exports">The binding's export lookups.</param>
    /// <param name="options">Options; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    internal GuestMemory? Bind(ExportResolver exports, GuestMemoryOptions? options = null)
    {
        if (exports is null)
        {
            throw new ArgumentNullException(nameof(exports));
        }

        Wasmtime.Memory? memory = exports.Memory(Memory);
        CAllocator? allocator = Allocator(exports);
        return memory is null || allocator is null ? null : new GuestMemory(memory, allocator, options);
    }

    /// <summary>The instance's <c>malloc</c> and <c>free</c> under these names, or null with the problems recorded.</summary>
    internal CAllocator? Allocator(ExportResolver exports)
    {
        Func<int, int>? malloc = exports.CheckedFunction(Malloc, CAllocator.MallocSignature) is { } m ? DirectExportCalls.Faster(m, m.WrapFunc<int, int>()) : null;
        Action<int>? free = exports.CheckedFunction(Free, CAllocator.FreeSignature) is { } f ? DirectExportCalls.Faster(f, f.WrapAction<int>()) : null;
        return malloc is null || free is null ? null : new CAllocator(malloc, free);
    }

    /// <summary>
    /// Guest memory access for an instance: its memory and allocator, checked.
    /// </summary>
    /// <exception cref="BindingException">An export is missing or has another signature (all of them listed).</exception>
    public GuestMemory Bind(Instance instance, string binding, GuestMemoryOptions? options = null)
    {
        var exports = new ExportResolver(instance, binding);
        GuestMemory? memory = Bind(exports, options);
        exports.ThrowIfProblems();
        return memory!;
    }

    /// <summary>
    /// Guest memory access for the instance that is calling a host import. Valid only during that call: create it
    /// inside the import callback and do not keep it (or cache it as <see cref="CallerMemoryCache"/> does).
    /// </summary>
    /// <param name="caller">The import's caller.</param>
    /// <param name="binding">The binding's name, for error messages.</param>
    /// <param name="options">Options; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    /// <param name="withAllocator">Whether the import needs the guest's allocator (to return a string or array).</param>
    /// <exception cref="MissingExportException">The calling instance lacks the memory (or the allocator, when needed).</exception>
    public GuestMemory ForCaller(Caller caller, string binding, GuestMemoryOptions? options = null, bool withAllocator = false) =>
        ForCaller(CallerMemory(caller, binding), caller, binding, options, withAllocator);

    /// <summary>The calling instance's exported memory.</summary>
    internal Wasmtime.Memory CallerMemory(Caller caller, string binding) =>
        caller.GetMemory(Memory) ?? throw new MissingExportException(binding, Memory, "memory");

    /// <summary>Guest memory access over <paramref name="memory"/>, already looked up from <paramref name="caller"/>.</summary>
    internal GuestMemory ForCaller(Wasmtime.Memory memory, Caller caller, string binding, GuestMemoryOptions? options, bool withAllocator) =>
        new(memory, withAllocator ? CAllocator.FromCaller(caller, binding, this) : NoAllocator.Instance, options);
}
