namespace Bindgen;

/// <summary>
/// A range of guest memory, held as an offset and a length (never as a view), so it stays meaningful
/// when the memory moves. Every view <see cref="GuestMemory"/> takes of it is bounds-checked against the
/// live memory at that moment.
/// </summary>
/// <param name="Address">The guest address of the first byte.</param>
/// <param name="Length">The length in bytes.</param>
public readonly record struct GuestRange(int Address, int Length);
