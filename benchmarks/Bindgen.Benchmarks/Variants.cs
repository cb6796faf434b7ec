using System;
using System.Buffers.Binary;
using System.Text;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>Variant (a): the generated binding <see cref="Bench"/> and import registration <see cref="BenchHost"/>, over its own store.</summary>
public sealed class GeneratedBench : IDisposable
{
    private readonly Store _store;
    private readonly Linker _linker;

    /// <summary>Registers the generated import, instantiates bench.wasm and binds the generated class to it.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="module">bench.wasm.</param>
    /// <param name="host">The import's implementation.</param>
    /// <param name="options">The binding's guest memory options; the defaults when null.</param>
    /// <param name="handWrittenImport">
    /// Whether the import is the hand-written one bound to this instance (<see cref="HandWrittenDescribeImport"/>)
    /// instead of the generated registration: the same export glue around a different import, which isolates the import.
    /// </param>
    /// <param name="importMemoryPerCall">With <paramref name="handWrittenImport"/>: whether it looks its caller's memory up on every call.</param>
    /// <param name="sharedLinker">
    /// Whether the generated import is defined on a shared linker (each call asks which instance calls) instead of
    /// bound to this instance through <see cref="InstanceImports"/> (the default form).
    /// </param>
    public GeneratedBench(Engine engine, Module module, IBenchHost host, GuestMemoryOptions? options = null, bool handWrittenImport = false, bool importMemoryPerCall = false, bool sharedLinker = false)
    {
        _store = new Store(engine);
        _linker = new Linker(engine);
        var import = handWrittenImport ? new HandWrittenDescribeImport(host, importMemoryPerCall) : null;
        if (import is null && !sharedLinker)
        {
            using var imports = new InstanceImports(engine, _store, _linker);
            BenchHost.Define(imports, host);
            Binding = Bench.Instantiate(imports, module, options);
            if (!imports.IsBound)
            {
                throw new InvalidOperationException("bench.wasm's import is expected to be bound to its instance");
            }

            return;
        }

        if (import is null)
        {
            BenchHost.Define(_linker, host);
        }
        else
        {
            import.Define(_linker);
        }

        Binding = Bench.Instantiate(_linker, _store, module, options);
        import?.Attach(Binding.Instance);
    }

    /// <summary>The generated binding.</summary>
    public Bench Binding { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _linker.Dispose();
        _store.Dispose();
    }
}

/// <summary>
/// Variant (b), the baseline: the best hand-written Wasmtime code for bench.wasm. Typed delegates are
/// resolved once; each call makes one guest allocation where the ABI allows it (for <c>echo</c> the text
/// and the return area share one block), copies through <see cref="Memory.GetSpan(long, int)"/> taken
/// after the last allocation, and frees in <c>finally</c>.
/// </summary>
public sealed partial class HandWrittenBench : IDisposable
{
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Memory _memory;
    private readonly Func<int, int> _malloc;
    private readonly Action<int> _free;
    private readonly Func<int, int, int> _add;
    private readonly Func<int, int, int> _sum;
    private readonly Action<int, int, int> _echo;
    private readonly Action<int, int, int> _fill;
    private readonly Func<int, int, int> _callDescribe;
    private readonly Func<int, int, double> _sumF64;
    private readonly Action<int, int, int> _scale;
    private readonly Func<int, double> _pointNorm2;
    private readonly Func<int, int, int, int> _divmod;
    private readonly Function _sum17;
    private readonly ValueBox[] _sum17Arguments = new ValueBox[17];

    /// <summary>Instantiates bench.wasm and resolves every export once.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="module">bench.wasm.</param>
    /// <param name="host">The import's implementation.</param>
    /// <param name="importMemoryPerCall">Whether the import looks its caller's memory up on every call instead of closing over the instance's.</param>
    public HandWrittenBench(Engine engine, Module module, IBenchHost host, bool importMemoryPerCall = false)
    {
        _store = new Store(engine);
        _linker = new Linker(engine);
        var import = new HandWrittenDescribeImport(host, importMemoryPerCall);
        import.Define(_linker);
        Instance instance = _linker.Instantiate(_store, module);
        import.Attach(instance);
        _memory = instance.GetMemory("memory") ?? throw new InvalidOperationException("memory");
        _malloc = instance.GetFunction<int, int>("malloc") ?? throw new InvalidOperationException("malloc");
        _free = instance.GetAction<int>("free") ?? throw new InvalidOperationException("free");
        _add = instance.GetFunction<int, int, int>("add") ?? throw new InvalidOperationException("add");
        _sum = instance.GetFunction<int, int, int>("sum") ?? throw new InvalidOperationException("sum");
        _echo = instance.GetAction<int, int, int>("echo") ?? throw new InvalidOperationException("echo");
        _fill = instance.GetAction<int, int, int>("fill") ?? throw new InvalidOperationException("fill");
        _callDescribe = instance.GetFunction<int, int, int>("call_describe") ?? throw new InvalidOperationException("call_describe");
        _sumF64 = instance.GetFunction<int, int, double>("sum_f64") ?? throw new InvalidOperationException("sum_f64");
        _scale = instance.GetAction<int, int, int>("scale") ?? throw new InvalidOperationException("scale");
        _pointNorm2 = instance.GetFunction<int, double>("point_norm2") ?? throw new InvalidOperationException("point_norm2");
        _divmod = instance.GetFunction<int, int, int, int>("divmod") ?? throw new InvalidOperationException("divmod");
        _sum17 = instance.GetFunction("sum17") ?? throw new InvalidOperationException("sum17");
    }

    /// <summary>Calls <c>add</c>.</summary>
    public int Add(int a, int b) => _add(a, b);

    /// <summary>Copies <paramref name="data"/> in and calls <c>sum</c>.</summary>
    public int Sum(ReadOnlySpan<byte> data) => CallWithBytes(_sum, data);

    /// <summary>Copies <paramref name="data"/> in and calls <c>call_describe</c> (which calls the import).</summary>
    public int CallDescribe(ReadOnlySpan<byte> data) => CallWithBytes(_callDescribe, data);

    private int CallWithBytes(Func<int, int, int> export, ReadOnlySpan<byte> data)
    {
        int length = data.Length;
        if (length == 0)
        {
            return export(0, 0);
        }

        int address = Malloc(length);
        try
        {
            data.CopyTo(_memory.GetSpan((uint)address, length));
            return export(address, length);
        }
        finally
        {
            _free(address);
        }
    }

    /// <summary>
    /// Encodes <paramref name="text"/> into one block that also holds the return area, calls <c>echo</c>,
    /// decodes the result and frees it and the block.
    /// </summary>
    public string Echo(string text)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        int areaOffset = (length + 3) & ~3;
        int block = Malloc(areaOffset + 8);
        try
        {
            Encoding.UTF8.GetBytes(text, _memory.GetSpan((uint)block, length));
            int returnArea = block + areaOffset;
            _echo(length == 0 ? 0 : block, length, returnArea);
            Span<byte> area = _memory.GetSpan((uint)returnArea, 8);
            int resultAddress = BinaryPrimitives.ReadInt32LittleEndian(area);
            int resultLength = BinaryPrimitives.ReadInt32LittleEndian(area.Slice(4));
            if (resultLength == 0)
            {
                return string.Empty;
            }

            try
            {
                return Encoding.UTF8.GetString(_memory.GetSpan((uint)resultAddress, resultLength));
            }
            finally
            {
                _free(resultAddress);
            }
        }
        finally
        {
            _free(block);
        }
    }

    /// <summary>Copies <paramref name="buffer"/> in, calls <c>fill</c>, copies it back.</summary>
    public void Fill(Span<byte> buffer, int value)
    {
        int length = buffer.Length;
        if (length == 0)
        {
            _fill(0, 0, value);
            return;
        }

        int address = Malloc(length);
        try
        {
            buffer.CopyTo(_memory.GetSpan((uint)address, length));
            _fill(address, length, value);
            _memory.GetSpan((uint)address, length).CopyTo(buffer);
        }
        finally
        {
            _free(address);
        }
    }

    private int Malloc(int size)
    {
        int address = _malloc(size);
        if (address == 0)
        {
            throw new OutOfMemoryException("guest malloc(" + size + ") returned 0");
        }

        return address;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _linker.Dispose();
        _store.Dispose();
    }
}

/// <summary>
/// The best hand-written implementation of the import <c>host.describe</c>: no <see cref="Caller"/>, the
/// instance's memory and typed <c>malloc</c> captured once after instantiation, the borrowed input read
/// through one view, the result allocated with one <c>malloc</c> and written through a view taken after it.
/// Optionally (a second baseline, for imports defined once on a shared linker) the memory is looked up through
/// <see cref="Caller.GetMemory(string)"/> on every call instead.
/// </summary>
public sealed class HandWrittenDescribeImport
{
    private readonly IBenchHost _host;
    private readonly bool _memoryPerCall;
    private Memory? _memory;
    private Func<int, int>? _malloc;

    /// <summary>Creates the import over a host implementation.</summary>
    /// <param name="host">The import's implementation.</param>
    /// <param name="memoryPerCall">Whether each call asks its caller for the memory.</param>
    public HandWrittenDescribeImport(IBenchHost host, bool memoryPerCall = false)
    {
        _host = host;
        _memoryPerCall = memoryPerCall;
    }

    /// <summary>Defines <c>host.describe</c> on <paramref name="linker"/>.</summary>
    public void Define(Linker linker)
    {
        if (_memoryPerCall)
        {
            linker.DefineFunction(BenchGuest.ImportModule, BenchGuest.DescribeImport, (CallerAction<int, int, int>)DescribeFromCaller);
        }
        else
        {
            linker.DefineFunction(BenchGuest.ImportModule, BenchGuest.DescribeImport, (Action<int, int, int>)Describe);
        }
    }

    private void DescribeFromCaller(Caller caller, int address, int length, int returnArea) =>
        Describe(caller.GetMemory("memory") ?? throw new InvalidOperationException("memory"), address, length, returnArea);

    /// <summary>Captures the instance's memory and allocator; call once, right after instantiation.</summary>
    public void Attach(Instance instance)
    {
        _memory = instance.GetMemory("memory") ?? throw new InvalidOperationException("memory");
        _malloc = instance.GetFunction<int, int>("malloc") ?? throw new InvalidOperationException("malloc");
    }

    private void Describe(int address, int length, int returnArea) => Describe(_memory!, address, length, returnArea);

    private void Describe(Memory memory, int address, int length, int returnArea)
    {
        // The borrowed view dies before the next guest call (malloc below).
        string result = _host.Describe(memory.GetSpan((uint)address, length));
        int resultLength = Encoding.UTF8.GetByteCount(result);
        int resultAddress = 0;
        if (resultLength != 0)
        {
            resultAddress = _malloc!(resultLength);
            if (resultAddress == 0)
            {
                throw new OutOfMemoryException("guest malloc(" + resultLength + ") returned 0");
            }

            Encoding.UTF8.GetBytes(result, memory.GetSpan((uint)resultAddress, resultLength));
        }

        Span<byte> area = memory.GetSpan((uint)returnArea, 8);
        BinaryPrimitives.WriteInt32LittleEndian(area, resultAddress);
        BinaryPrimitives.WriteInt32LittleEndian(area.Slice(4), resultLength);
    }
}

/// <summary>
/// Variant (c): the naive boxed path. Every call looks its exports (and memory) up by name and calls them
/// through <see cref="Function.Invoke(ValueBox[])"/> with boxed arguments and a boxed result; the import
/// goes through <see cref="Caller"/> the same way. Still correct: views are taken after the allocations
/// and temporaries are freed.
/// </summary>
public sealed partial class NaiveBench : IDisposable
{
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Instance _instance;
    private readonly IBenchHost _host;

    /// <summary>Instantiates bench.wasm; nothing is resolved ahead of time.</summary>
    public NaiveBench(Engine engine, Module module, IBenchHost host)
    {
        _host = host;
        _store = new Store(engine);
        _linker = new Linker(engine);
        _linker.DefineFunction(BenchGuest.ImportModule, BenchGuest.DescribeImport, (CallerAction<int, int, int>)Describe);
        _instance = _linker.Instantiate(_store, module);
    }

    private Function Export(string name) => _instance.GetFunction(name) ?? throw new InvalidOperationException(name);

    private Memory GuestMemory() => _instance.GetMemory("memory") ?? throw new InvalidOperationException("memory");

    /// <summary>Calls <c>add</c>.</summary>
    public int Add(int a, int b) => (int)Export("add").Invoke(new ValueBox[] { a, b })!;

    /// <summary>Copies <paramref name="data"/> in and calls <c>sum</c>.</summary>
    public int Sum(ReadOnlySpan<byte> data) => CallWithBytes("sum", data);

    /// <summary>Copies <paramref name="data"/> in and calls <c>call_describe</c>.</summary>
    public int CallDescribe(ReadOnlySpan<byte> data) => CallWithBytes("call_describe", data);

    private int CallWithBytes(string export, ReadOnlySpan<byte> data)
    {
        int address = (int)Export("malloc").Invoke(new ValueBox[] { data.Length })!;
        try
        {
            data.CopyTo(GuestMemory().GetSpan(address, data.Length));
            return (int)Export(export).Invoke(new ValueBox[] { address, data.Length })!;
        }
        finally
        {
            Export("free").Invoke(new ValueBox[] { address });
        }
    }

    /// <summary>Two allocations (text, return area), <see cref="Memory.WriteString"/>, <see cref="Memory.ReadString"/>.</summary>
    public string Echo(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int address = (int)Export("malloc").Invoke(new ValueBox[] { bytes.Length })!;
        int returnArea = (int)Export("malloc").Invoke(new ValueBox[] { 8 })!;
        try
        {
            Memory memory = GuestMemory();
            memory.WriteString(address, text);
            Export("echo").Invoke(new ValueBox[] { address, bytes.Length, returnArea });
            int resultAddress = memory.ReadInt32(returnArea);
            int resultLength = memory.ReadInt32(returnArea + 4);
            string result = memory.ReadString(resultAddress, resultLength);
            Export("free").Invoke(new ValueBox[] { resultAddress });
            return result;
        }
        finally
        {
            Export("free").Invoke(new ValueBox[] { returnArea });
            Export("free").Invoke(new ValueBox[] { address });
        }
    }

    /// <summary>Copies <paramref name="buffer"/> in, calls <c>fill</c>, copies it back.</summary>
    public void Fill(Span<byte> buffer, int value)
    {
        int address = (int)Export("malloc").Invoke(new ValueBox[] { buffer.Length })!;
        try
        {
            buffer.CopyTo(GuestMemory().GetSpan(address, buffer.Length));
            Export("fill").Invoke(new ValueBox[] { address, buffer.Length, value });
            GuestMemory().GetSpan(address, buffer.Length).CopyTo(buffer);
        }
        finally
        {
            Export("free").Invoke(new ValueBox[] { address });
        }
    }

    private void Describe(Caller caller, int address, int length, int returnArea)
    {
        Memory memory = caller.GetMemory("memory") ?? throw new InvalidOperationException("memory");
        byte[] input = memory.GetSpan(address, length).ToArray();
        byte[] result = Encoding.UTF8.GetBytes(_host.Describe(input));
        Function malloc = caller.GetFunction("malloc") ?? throw new InvalidOperationException("malloc");
        int resultAddress = (int)malloc.Invoke(new ValueBox[] { result.Length })!;
        result.CopyTo(memory.GetSpan(resultAddress, result.Length));
        memory.WriteInt32(returnArea, resultAddress);
        memory.WriteInt32(returnArea + 4, result.Length);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _linker.Dispose();
        _store.Dispose();
    }
}
