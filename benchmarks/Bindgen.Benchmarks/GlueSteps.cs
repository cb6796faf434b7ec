using System;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// A diagnostic, not a variant: the generated array glue taken apart. Each method makes the runtime calls the
/// generated <c>SumF64</c> / <c>Scale</c> make (<see cref="GuestMemory.AllocateBlock"/>, <c>Write&lt;T&gt;</c>,
/// <c>ReadInto&lt;T&gt;</c>, <c>Release</c>), with one of them swapped for its hand-written counterpart, so the
/// interleaved mode (<c>--interleaved 1001 gap</c>) can attribute the generated glue's gap to the hand-written code
/// step by step. Over its own instance, like every variant.
/// </summary>
public sealed class GlueSteps : IDisposable
{
    private const string Operation = "GlueSteps";

    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Memory _memory;
    private readonly GuestMemory _guest;
    private readonly Action<int> _free;
    private readonly Func<int, int, double> _sumF64;
    private readonly Action<int, int, int> _scale;
    private readonly Func<int, int, int, int> _divmod;

    /// <summary>Instantiates bench.wasm and resolves the exports and the runtime's memory access once.</summary>
    public GlueSteps(Engine engine, Module module, IBenchHost host)
    {
        _store = new Store(engine);
        _linker = new Linker(engine);
        var import = new HandWrittenDescribeImport(host);
        import.Define(_linker);
        Instance instance = _linker.Instantiate(_store, module);
        import.Attach(instance);
        _memory = instance.GetMemory("memory") ?? throw new InvalidOperationException("memory");
        // These steps free their blocks themselves, so they take one per call, as the per-call glue did.
        _guest = CConvention.Default.Bind(instance, Operation, new GuestMemoryOptions { ScratchBlock = false });
        _free = instance.GetAction<int>("free") ?? throw new InvalidOperationException("free");
        _sumF64 = instance.GetFunction<int, int, double>("sum_f64") ?? throw new InvalidOperationException("sum_f64");
        _scale = instance.GetAction<int, int, int>("scale") ?? throw new InvalidOperationException("scale");
        _divmod = instance.GetFunction<int, int, int, int>("divmod") ?? throw new InvalidOperationException("divmod");
    }

    /// <summary>The generated glue's runtime calls, in its order, without its try/catch: AllocateBlock, Write, call, Release.</summary>
    public double SumAllSteps(ReadOnlySpan<double> values)
    {
        int bytes = values.Length * sizeof(double);
        int block = _guest.AllocateBlock(bytes, Operation);
        _guest.Write<double>(block, values, Operation);
        double result = _sumF64(block, values.Length);
        return _guest.Release(result, default, new GuestRange(block, bytes), Operation);
    }

    /// <summary>The generated <c>Divmod</c>'s runtime calls, in its order: AllocateBlock, WriteValue (zeroing the out slot), call, ReadValue, Release.</summary>
    public int DivmodAllSteps(int a, int b, out int rem)
    {
        int block = _guest.AllocateBlock(4, Operation);
        _guest.WriteValue<int>(block, default, Operation);
        int quotient = _divmod(a, b, block);
        rem = _guest.ReadValue<int>(block, Operation);
        return _guest.Release(quotient, default, new GuestRange(block, 4), Operation);
    }

    /// <summary><see cref="DivmodAllSteps"/> without zeroing the out slot before the call.</summary>
    public int DivmodUnzeroed(int a, int b, out int rem)
    {
        int block = _guest.AllocateBlock(4, Operation);
        int quotient = _divmod(a, b, block);
        rem = _guest.ReadValue<int>(block, Operation);
        return _guest.Release(quotient, default, new GuestRange(block, 4), Operation);
    }

    /// <summary><see cref="SumAllSteps"/> with the free called directly instead of through <c>Release</c>.</summary>
    public double SumDirectFree(ReadOnlySpan<double> values)
    {
        int bytes = values.Length * sizeof(double);
        int block = _guest.AllocateBlock(bytes, Operation);
        _guest.Write<double>(block, values, Operation);
        double result = _sumF64(block, values.Length);
        _free(block);
        return result;
    }

    /// <summary><see cref="SumAllSteps"/> with the copy made through <see cref="Memory.GetSpan(long, int)"/> instead of <c>Write&lt;T&gt;</c>.</summary>
    public double SumSpanCopy(ReadOnlySpan<double> values)
    {
        int bytes = values.Length * sizeof(double);
        int block = _guest.AllocateBlock(bytes, Operation);
        MemoryMarshal.AsBytes(values).CopyTo(_memory.GetSpan((uint)block, bytes));
        double result = _sumF64(block, values.Length);
        return _guest.Release(result, default, new GuestRange(block, bytes), Operation);
    }

    /// <summary>The generated glue's runtime calls for <c>scale</c>: AllocateBlock, Write, call, ReadInto, Release.</summary>
    public void ScaleAllSteps(Span<float> values, int factor)
    {
        int bytes = values.Length * sizeof(float);
        int block = _guest.AllocateBlock(bytes, Operation);
        _guest.Write<float>(block, values, Operation);
        _scale(block, values.Length, factor);
        _guest.ReadInto<float>(block, values, Operation);
        _guest.Release(default, new GuestRange(block, bytes), Operation);
    }

    /// <summary><see cref="ScaleAllSteps"/> with the free called directly.</summary>
    public void ScaleDirectFree(Span<float> values, int factor)
    {
        int bytes = values.Length * sizeof(float);
        int block = _guest.AllocateBlock(bytes, Operation);
        _guest.Write<float>(block, values, Operation);
        _scale(block, values.Length, factor);
        _guest.ReadInto<float>(block, values, Operation);
        _free(block);
    }

    /// <summary><see cref="ScaleAllSteps"/> with both copies made through <see cref="Memory.GetSpan(long, int)"/>.</summary>
    public void ScaleSpanCopy(Span<float> values, int factor)
    {
        int bytes = values.Length * sizeof(float);
        int block = _guest.AllocateBlock(bytes, Operation);
        Span<byte> elements = MemoryMarshal.AsBytes(values);
        elements.CopyTo(_memory.GetSpan((uint)block, bytes));
        _scale(block, values.Length, factor);
        _memory.GetSpan((uint)block, bytes).CopyTo(elements);
        _guest.Release(default, new GuestRange(block, bytes), Operation);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _linker.Dispose();
        _store.Dispose();
    }
}
