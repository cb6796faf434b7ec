using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// The emscripten imports of one instance, as emscripten's JavaScript implements them, over the instance's memory
/// (imported, or exported and known once the instance exists). Every guest pointer is bounds-checked; a bad one is a
/// <see cref="GuestPointerOutOfBoundsException"/> naming the import.
/// </summary>
internal sealed partial class EmscriptenHost
{
    private const int Success = 0;
    private const int BadFileDescriptor = 8;  // EBADF in emscripten's errno numbering (WASI's)
    private const int InvalidArgument = 28;   // EINVAL
    private const int NoSuchFile = 44;        // ENOENT
    private const int NotSupported = 52;      // ENOSYS
    private const int IllegalSeek = 70;       // ESPIPE

    private static readonly long StartTimestamp = Stopwatch.GetTimestamp();
    private readonly EmscriptenImports _imports;
    private GuestMemory? _memory;

    public EmscriptenHost(EmscriptenImports imports) => _imports = imports;

    /// <summary>An import's body: its arguments in, its one result out (an f64 result as its bits).</summary>
    private delegate long ImportBody(ReadOnlySpan<ValueBox> arguments, string label);

    /// <summary>The instance's memory, set when it is known (before instantiation when imported, after when exported).</summary>
    public Memory? Memory
    {
        set => _memory = value is null ? null : new GuestMemory(value, NoAllocator.Instance);
    }

    /// <summary>The implementation of <paramref name="name"/>, or null when the runtime has none of that type.</summary>
    /// <param name="store">The store the function is created in.</param>
    /// <param name="name">The import's emscripten name (not a minified one).</param>
    /// <param name="label">The import as errors name it: <c>emscripten import 'env'.'fd_write'</c>.</param>
    /// <param name="parameters">The import's wasm parameter types.</param>
    /// <param name="results">The import's wasm result types.</param>
    public Function? Create(Store store, string name, string label, IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results)
    {
        if (!EmscriptenCatalog.Provides(name, WasmExports.FormatSignature(parameters, results)))
        {
            return null;
        }

        ImportBody? body = Body(name, parameters);
        if (body is null)
        {
            return null;
        }

        return Function.FromCallback(
            store,
            (Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> returned) =>
            {
                long value = body(arguments, label);
                if (returned.Length == 1)
                {
                    returned[0] = results[0] switch
                    {
                        ValueKind.Int64 => (ValueBox)value,
                        ValueKind.Float64 => (ValueBox)BitConverter.Int64BitsToDouble(value),
                        _ => (ValueBox)unchecked((int)value),
                    };
                }
            },
            parameters,
            results);
    }

    /// <summary>The import's body: its arguments in, its one result out (f64 results as their bits).</summary>
    private ImportBody? Body(string name, IReadOnlyList<ValueKind> parameters)
    {
        if (name.StartsWith(EmscriptenCatalog.SyscallPrefix, StringComparison.Ordinal))
        {
            // No file system: getcwd answers "/", as emscripten's does; a file that cannot exist is "no such file".
            return name switch
            {
                "__syscall_getcwd" => (a, label) => GetCurrentDirectory(a[0].AsInt32(), a[1].AsInt32(), label),
                "__syscall_openat" or "__syscall_stat64" or "__syscall_lstat64" or "__syscall_newfstatat" or "__syscall_faccessat" or "__syscall_readlinkat" => (_, _) => -NoSuchFile,
                _ => (_, _) => -NotSupported,
            };
        }

        // Older emscripten passes time_t as i32, newer as i64.
        bool wideTime = parameters.Count > 0 && parameters[0] == ValueKind.Int64;
        return name switch
        {
            "emscripten_resize_heap" => (a, label) => ResizeHeap((uint)a[0].AsInt32(), label) ? 1 : 0,
            "emscripten_get_heap_max" => (_, label) => unchecked((int)HeapMaximum(label)),
            "emscripten_notify_memory_growth" or "_emscripten_runtime_keepalive_clear" => (_, _) => 0,
            "_abort_js" or "abort" => (_, label) => throw new GuestAbortException(label),
            "emscripten_date_now" => (_, _) => BitConverter.DoubleToInt64Bits(_imports.Time.GetUtcNow().ToUnixTimeMilliseconds()),
            "emscripten_get_now" or "_emscripten_get_now" => (_, _) => BitConverter.DoubleToInt64Bits(MonotonicMilliseconds()),
            "_tzset_js" => (a, label) => TimeZoneSet(a, label),
            "_localtime_js" => (a, label) => WriteTime(wideTime ? a[0].AsInt64() : a[0].AsInt32(), a[1].AsInt32(), local: true, label),
            "_gmtime_js" => (a, label) => WriteTime(wideTime ? a[0].AsInt64() : a[0].AsInt32(), a[1].AsInt32(), local: false, label),
            "_mktime_js" => (a, label) => MakeTime(a[0].AsInt32(), local: true, label),
            "_timegm_js" => (a, label) => MakeTime(a[0].AsInt32(), local: false, label),
            "_emscripten_memcpy_js" or "emscripten_memcpy_big" => (a, label) => Copy(a[0].AsInt32(), a[1].AsInt32(), a[2].AsInt32(), label),
            "_mmap_js" or "_munmap_js" => (_, _) => -NotSupported,
            "environ_sizes_get" => (a, label) => EnvironmentSizes(a[0].AsInt32(), a[1].AsInt32(), label),
            "environ_get" => (a, label) => EnvironmentGet(a[0].AsInt32(), a[1].AsInt32(), label),
            "clock_time_get" => (a, label) => ClockTime(a[0].AsInt32(), a[2].AsInt32(), label),
            "clock_res_get" => (a, label) => ClockResolution(a[0].AsInt32(), a[1].AsInt32(), label),
            "fd_write" => (a, label) => Write(a[0].AsInt32(), a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32(), label),
            "fd_read" => (a, label) => Read(a[0].AsInt32(), a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32(), label),
            "fd_close" or "fd_sync" => (a, _) => IsStandardStream(a[0].AsInt32()) ? Success : BadFileDescriptor,
            "fd_seek" => (a, _) => IsStandardStream(a[0].AsInt32()) ? IllegalSeek : BadFileDescriptor,
            "fd_fdstat_get" => (a, label) => FileDescriptorStatus(a[0].AsInt32(), a[1].AsInt32(), label),
            "proc_exit" => (a, label) => throw new GuestExitException(label, a[0].AsInt32()),
            _ => null,
        };
    }

    private GuestMemory GuestMemory(string label) =>
        _memory ?? throw new InvalidOperationException($"{label}: called before the instance's memory was known.");

    private static bool IsStandardStream(int descriptor) => descriptor is 0 or 1 or 2;

    private double MonotonicMilliseconds() => Stopwatch.GetElapsedTime(StartTimestamp).TotalMilliseconds;

    private long HeapMaximum(string label)
    {
        Memory memory = GuestMemory(label).Memory;
        long maximum = memory.Maximum is long pages ? pages << 16 : long.MaxValue;
        return Math.Min(_imports.HeapMaximum, Math.Min(maximum, 1L << 32));
    }

    /// <summary>emscripten's growth policy: to the request, overgrown by up to 20% (less on each retry), 64 KiB aligned.</summary>
    private bool ResizeHeap(uint requested, string label)
    {
        Memory memory = GuestMemory(label).Memory;
        long old = memory.GetSize() << 16;
        long maximum = HeapMaximum(label);
        if (requested > maximum)
        {
            return false;
        }

        for (int cutDown = 1; cutDown <= 4; cutDown *= 2)
        {
            double overGrown = Math.Min(old * (1 + (0.2 / cutDown)), requested + 100663296L);
            long size = Math.Min(maximum, (long)Math.Ceiling(Math.Max(requested, overGrown) / 65536) * 65536);
            long pages = (size - old + 65535) / 65536;
            if (pages <= 0)
            {
                return true;
            }

            try
            {
                memory.Grow(pages);
                return true;
            }
            catch (WasmtimeException)
            {
                // Refused (a limit or no address space): try a smaller overgrowth, as emscripten does.
            }
        }

        return false;
    }

    private long Copy(int destination, int source, int count, string label)
    {
        GuestMemory memory = GuestMemory(label);
        memory.CheckRange(source, count, label);
        memory.CheckRange(destination, count, label);
        byte[] bytes = new byte[count];
        memory.ReadInto(source, bytes, label);
        memory.Write(destination, bytes, label);
        return 0;
    }

    private long GetCurrentDirectory(int buffer, int size, string label)
    {
        if (size < 2)
        {
            return -68; // ERANGE
        }

        GuestMemory(label).Write(buffer, "/\0"u8, label);
        return 2;
    }

    private long EnvironmentSizes(int countAddress, int sizeAddress, string label)
    {
        GuestMemory memory = GuestMemory(label);
        memory.CheckRange(countAddress, 4, label);
        memory.CheckRange(sizeAddress, 4, label);
        int count = 0;
        int size = 0;
        foreach (string variable in _imports.EnvironmentStrings())
        {
            count++;
            size += Encoding.UTF8.GetByteCount(variable) + 1;
        }

        memory.WriteValue(countAddress, count, label);
        memory.WriteValue(sizeAddress, size, label);
        return Success;
    }

    private long EnvironmentGet(int pointers, int buffer, string label)
    {
        GuestMemory memory = GuestMemory(label);
        int offset = 0;
        int index = 0;
        foreach (string variable in _imports.EnvironmentStrings())
        {
            byte[] bytes = Encoding.UTF8.GetBytes(variable + "\0");
            memory.Write(buffer + offset, bytes, label);
            memory.WriteValue(pointers + (4 * index), buffer + offset, label);
            offset += bytes.Length;
            index++;
        }

        return Success;
    }

    private long ClockTime(int clock, int resultAddress, string label)
    {
        long nanoseconds;
        if (clock == 0)
        {
            nanoseconds = _imports.Time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        }
        else if (clock is 1 or 2 or 3)
        {
            nanoseconds = (long)Math.Round(MonotonicMilliseconds() * 1e6);
        }
        else
        {
            return InvalidArgument;
        }

        GuestMemory(label).WriteValue(resultAddress, nanoseconds, label);
        return Success;
    }

    private long ClockResolution(int clock, int resultAddress, string label)
    {
        if (clock is < 0 or > 3)
        {
            return InvalidArgument;
        }

        GuestMemory(label).WriteValue(resultAddress, clock == 0 ? 1_000_000L : 1_000L, label);
        return Success;
    }
}
