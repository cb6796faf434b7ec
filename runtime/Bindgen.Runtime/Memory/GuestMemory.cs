using System;
using System.Buffers.Binary;
using System.Text;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// Owns access to one guest instance's linear memory and allocator. Every view it hands out is
/// taken fresh from the live memory and bounds-checked (overflow-safe) against the memory's
/// current length; ranges are kept as offsets (<see cref="GuestRange"/>), never as views.
/// </summary>
/// <remarks>
/// A view (span) of guest memory is valid only until the next call into the guest: any call may
/// grow the memory and move it. Methods that may call into the guest are marked
/// <see cref="MayGrowMemoryAttribute"/>; methods that return a view are marked <see cref="GuestViewAttribute"/>.
/// </remarks>
public sealed partial class GuestMemory
{
    private readonly Memory _memory;
    private readonly GuestAllocator _allocator;

    /// <summary>The C allocator's <c>free</c> called directly, or null: what the release path calls (<see cref="FreeAll"/>).</summary>
    private readonly DirectExportCalls.GuestFree? _directFree;

    /// <summary>Base, length, range checks, views and snapshots: the safety core every ABI shares.</summary>
    private readonly LinearMemory _linear;

    /// <summary>Creates guest memory access over an exported memory and an allocator convention.</summary>
    /// <param name="memory">The guest's linear memory.</param>
    /// <param name="allocator">The guest's allocator convention.</param>
    /// <param name="options">Options; <see cref="GuestMemoryOptions.Default"/> when null.</param>
    public GuestMemory(Memory memory, GuestAllocator allocator, GuestMemoryOptions? options = null)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _allocator = allocator ?? throw new ArgumentNullException(nameof(allocator));
        _directFree = (allocator as CAllocator)?.DirectFree;
        BindgenTelemetry.EnsureCreated(); // before any copy reads TelemetryChecks
        options ??= GuestMemoryOptions.Default;
        _linear = new LinearMemory(memory, options.CheckViews);
        UsesScratchBlock = options.ScratchBlock;
    }

    /// <summary>The underlying Wasmtime memory.</summary>
    public Memory Memory => _memory;

    /// <summary>The allocator convention in use.</summary>
    public GuestAllocator Allocator => _allocator;

    /// <summary>
    /// The bounds of the store this memory belongs to, when known: they give the frees after a call the budget they
    /// need (see <see cref="CallBounds"/>). Null for guest memory created without its store.
    /// </summary>
    public CallBounds? Bounds { get; internal set; }

    /// <summary>Whether checked mode is on (see <see cref="GuestMemoryOptions.CheckViews"/>).</summary>
    public bool CheckViews => _linear.CheckViews;

    /// <summary>The memory's current length in bytes.</summary>
    public long Length => LiveLength();

    /// <summary>
    /// Allocates <paramref name="size"/> bytes in the guest. A size of 0 allocates nothing and returns 0.
    /// </summary>
    /// <param name="size">Bytes to allocate.</param>
    /// <param name="operation">The export or import the allocation is for, named in errors.</param>
    /// <param name="alignment">Required alignment (a power of two, at most 8 for the C convention).</param>
    /// <returns>The guest address of the allocation (checked against memory when a view of it is taken).</returns>
    /// <exception cref="GuestAllocationException">The guest allocator returned 0.</exception>
    /// <exception cref="GuestTrapException">The guest allocator trapped.</exception>
    [MayGrowMemory]
    public int Allocate(int size, string operation, int alignment = 1)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Size must not be negative.");
        }

        if (size == 0)
        {
            return 0;
        }

        int address;
        try
        {
            address = _allocator.Allocate(size, alignment);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }

        if (address == 0)
        {
            throw new GuestAllocationException(operation, size);
        }

        // Not range-checked here: memory may grow before use, and every view re-checks at the point of use.
        return address;
    }

    /// <summary>Returns an allocation to the guest. Address 0 is ignored.</summary>
    /// <param name="address">The guest address.</param>
    /// <param name="size">The allocation's size (for conventions that need it).</param>
    /// <param name="operation">The export or import the allocation was for, named in errors.</param>
    /// <param name="alignment">The allocation's alignment.</param>
    [MayGrowMemory]
    public void Free(int address, int size, string operation, int alignment = 1)
    {
        if (address == 0)
        {
            return;
        }

        try
        {
            _allocator.Free(address, size, alignment);
        }
        catch (WasmtimeException e)
        {
            throw GuestFailures.FromWasmtime(operation, e);
        }
    }

    /// <summary>
    /// Checks, overflow-safe, that [<paramref name="address"/>, +<paramref name="length"/>) lies inside
    /// guest memory now. Both values are read as unsigned 32-bit guest values.
    /// </summary>
    /// <returns>The checked range.</returns>
    /// <exception cref="GuestPointerOutOfBoundsException">The range is outside memory, overflows, or is longer than <see cref="int.MaxValue"/>.</exception>
    public GuestRange CheckRange(int address, int length, string operation) => _linear.CheckRange(address, length, operation);

    /// <summary>The memory's length now, remembered as the lower bound later checks start from.</summary>
    private long CurrentLength() => _linear.CurrentLength();

    /// <summary>The largest length seen so far (memory never shrinks).</summary>
    private long KnownLength => _linear.KnownLength;

    /// <summary>The memory's length now, queried from Wasmtime.</summary>
    private long LiveLength() => _linear.Length();

    /// <summary>The memory's base address now, queried from Wasmtime.</summary>
    private nint LiveBase() => _linear.Base();

    internal static GuestRange CheckRange(int address, int length, long memoryLength, string operation) =>
        LinearMemory.CheckRange(address, length, memoryLength, operation);

    /// <summary>
    /// Takes a fresh, bounds-checked view of guest memory. The view dies at the next call into the guest;
    /// use it immediately and do not keep it.
    /// </summary>
    /// <exception cref="GuestPointerOutOfBoundsException">The range is outside memory.</exception>
    [GuestView]
    public Span<byte> GetView(int address, int length, string operation) => _linear.View(address, length, operation);

    /// <summary>
    /// Records the memory's base and length, for checked mode. Pair with <see cref="VerifyUnchanged"/>
    /// once the view taken after it is no longer used. Costs nothing when checked mode is off.
    /// </summary>
    public MemorySnapshot Snapshot() => _linear.Snapshot();

    /// <summary>
    /// In checked mode, throws <see cref="StaleViewException"/> when the memory's base or length changed
    /// since <paramref name="snapshot"/> was taken.
    /// </summary>
    public void VerifyUnchanged(MemorySnapshot snapshot, string operation) => _linear.VerifyUnchanged(snapshot, operation);

    /// <summary>Copies <paramref name="source"/> into guest memory at <paramref name="address"/> through a fresh view.</summary>
    public void Write(int address, ReadOnlySpan<byte> source, string operation)
    {
        if (source.IsEmpty)
        {
            return;
        }

        MemorySnapshot snapshot = Snapshot();
        source.CopyTo(GetView(address, source.Length, operation));
        VerifyUnchanged(snapshot, operation);
        TelemetryChecks.Copied(source.Length, toGuest: true);
    }

    /// <summary>
    /// Encodes <paramref name="value"/> as UTF-8 into guest memory at <paramref name="address"/>, which must
    /// hold exactly <paramref name="byteCount"/> bytes (<see cref="Utf8ByteCount"/> of the value).
    /// </summary>
    public void WriteUtf8(int address, int byteCount, string? value, string operation)
    {
        if (byteCount == 0 || value is null)
        {
            return;
        }

        MemorySnapshot snapshot = Snapshot();
        Encoding.UTF8.GetBytes(value.AsSpan(), GetView(address, byteCount, operation));
        VerifyUnchanged(snapshot, operation);
        TelemetryChecks.Copied(byteCount, toGuest: true);
    }

    /// <summary>Copies guest memory at <paramref name="address"/> into <paramref name="destination"/> through a fresh view.</summary>
    public void ReadInto(int address, Span<byte> destination, string operation)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        MemorySnapshot snapshot = Snapshot();
        GetView(address, destination.Length, operation).CopyTo(destination);
        VerifyUnchanged(snapshot, operation);
        TelemetryChecks.Copied(destination.Length, toGuest: false);
    }

    /// <summary>Copies a guest range into a new array through a fresh view.</summary>
    public byte[] ReadBytes(GuestRange range, string operation)
    {
        if (range.Length == 0)
        {
            return Array.Empty<byte>();
        }

        // GetView checks the range before anything is allocated for it.
        MemorySnapshot snapshot = Snapshot();
        byte[] result = GetView(range.Address, range.Length, operation).ToArray();
        VerifyUnchanged(snapshot, operation);
        TelemetryChecks.Copied(range.Length, toGuest: false);
        return result;
    }

    /// <summary>Decodes a guest range as UTF-8 through a fresh view. Invalid sequences become U+FFFD.</summary>
    public string ReadUtf8(GuestRange range, string operation)
    {
        if (range.Length == 0)
        {
            return string.Empty;
        }

        MemorySnapshot snapshot = Snapshot();
        string result = Encoding.UTF8.GetString(GetView(range.Address, range.Length, operation));
        VerifyUnchanged(snapshot, operation);
        TelemetryChecks.Copied(range.Length, toGuest: false);
        return result;
    }

    /// <summary>Writes a (pointer, length) pair into a guest-supplied 8-byte return area.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteReturnArea(int returnArea, GuestRange value, string operation) =>
        WriteRange(GetView(returnArea, ReturnAreaSize, operation), value);

    private static void WriteRange(Span<byte> area, GuestRange value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(area, value.Address);
        BinaryPrimitives.WriteInt32LittleEndian(area.Slice(4), value.Length);
    }

    /// <summary>
    /// Fresh views of a result the host just allocated and of the return area its (pointer, length) goes to, both
    /// checked and taken from one query of the memory's base: no guest call happens between the two writes.
    /// </summary>
    [GuestView]
    private unsafe Span<byte> ReturnedViews(int returnArea, GuestRange result, string operation, out Span<byte> area)
    {
        CheckRange(result.Address, result.Length, operation);
        CheckRange(returnArea, ReturnAreaSize, operation);
        byte* memoryBase = (byte*)LiveBase();
        area = new Span<byte>(memoryBase + unchecked((uint)returnArea), ReturnAreaSize);
        return result.Length == 0 ? Span<byte>.Empty : new Span<byte>(memoryBase + unchecked((uint)result.Address), result.Length);
    }

    /// <summary>
    /// Returns a string from a host import: allocates it in the guest (which may grow memory), then writes the
    /// bytes and the (pointer, length) pair into the guest's return area, each through a fresh view.
    /// The guest owns the result.
    /// </summary>
    /// <exception cref="HostImportException">The import implementation returned null.</exception>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ReturnUtf8(int returnArea, string? value, string operation)
    {
        if (value is null)
        {
            throw new HostImportException(operation, new InvalidOperationException("The implementation returned null; return an empty string instead."));
        }

        CheckReturnArea(returnArea, operation); // before allocating, so a bad area leaks nothing
        int length = Utf8ByteCount(value);
        int address = Allocate(length, operation);
        try
        {
            MemorySnapshot snapshot = Snapshot();
            Span<byte> bytes = ReturnedViews(returnArea, new GuestRange(address, length), operation, out Span<byte> area);
            Encoding.UTF8.GetBytes(value.AsSpan(), bytes);
            WriteRange(area, new GuestRange(address, length));
            VerifyUnchanged(snapshot, operation);
        }
        catch (Exception failure)
        {
            ReleaseAfterFailure(failure, new GuestRange(address, length), default, operation);
            throw;
        }
    }

    /// <summary>
    /// Returns bytes from a host import: allocates them in the guest (which may grow memory), then writes the
    /// bytes and the (pointer, length) pair into the guest's return area, each through a fresh view.
    /// The guest owns the result.
    /// </summary>
    /// <exception cref="HostImportException">The import implementation returned null.</exception>
    [MayGrowMemory]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ReturnBytes(int returnArea, byte[]? value, string operation)
    {
        if (value is null)
        {
            throw new HostImportException(operation, new InvalidOperationException("The implementation returned null; return an empty array instead."));
        }

        CheckReturnArea(returnArea, operation);
        int address = Allocate(value.Length, operation);
        try
        {
            MemorySnapshot snapshot = Snapshot();
            Span<byte> bytes = ReturnedViews(returnArea, new GuestRange(address, value.Length), operation, out Span<byte> area);
            value.CopyTo(bytes);
            WriteRange(area, new GuestRange(address, value.Length));
            VerifyUnchanged(snapshot, operation);
        }
        catch (Exception failure)
        {
            ReleaseAfterFailure(failure, new GuestRange(address, value.Length), default, operation);
            throw;
        }
    }

    /// <summary>
    /// The size of one guest block holding all of a call's argument buffers (and its return area), checked to
    /// fit a 32-bit guest allocation.
    /// </summary>
    /// <param name="size">The sum of the sizes, computed in 64 bits.</param>
    /// <param name="operation">The export the block is for, named in the error.</param>
    /// <exception cref="ArgumentException">The arguments need more than <see cref="int.MaxValue"/> bytes.</exception>
    internal static int BlockSize(long size, string operation) =>
        size <= int.MaxValue
            ? (int)size
            : throw new ArgumentException($"{operation}: the arguments need {size} bytes of guest memory, more than one guest allocation can hold.");

    /// <summary>The size in bytes of a return area: a 32-bit pointer and a 32-bit length.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public const int ReturnAreaSize = 8;

    /// <summary>The alignment of a return area.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public const int ReturnAreaAlignment = 4;

    /// <summary>The number of bytes <paramref name="value"/> takes as UTF-8 (invalid surrogates count as U+FFFD).</summary>
    /// <remarks>
    /// The glue transcodes through <see cref="Encoding.UTF8"/> (invalid surrogates become U+FFFD, no byte order mark
    /// is ever written by these calls): its type is sealed, so its calls are direct even under NativeAOT, where an
    /// encoding of our own in a <c>static readonly</c> field kept them virtual behind a class-constructor check.
    /// </remarks>
    public static int Utf8ByteCount(string value) => Encoding.UTF8.GetByteCount(value);
}

/// <summary>The memory's base address and length at one moment, for checked mode.</summary>
/// <param name="Base">The base address of linear memory in the host.</param>
/// <param name="Length">The memory's length in bytes.</param>
public readonly record struct MemorySnapshot(nint Base, long Length);
