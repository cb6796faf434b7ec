using System;

namespace Bindgen;

/// <summary>Options for a <see cref="GuestMemory"/>.</summary>
public sealed class GuestMemoryOptions
{
    /// <summary>The name of the environment variable that turns checked mode on by default (value <c>1</c> or <c>true</c>).</summary>
    public const string CheckViewsEnvironmentVariable = "BINDGEN_CHECK_VIEWS";

    /// <summary>
    /// Checked mode: record the memory's base address and length whenever a view is taken and
    /// verify them when the view is released, throwing <see cref="StaleViewException"/> on any change.
    /// Costs two extra native calls per view; meant for tests and debugging.
    /// </summary>
    public bool CheckViews { get; init; }

    /// <summary>
    /// Keep one long-lived guest block for the arguments and return areas of calls of at most
    /// <see cref="GuestMemory.ScratchBlockThreshold"/> bytes, used stack-wise, instead of a malloc and a free per call.
    /// The guest sees one allocation that stays live between calls (<see cref="GuestMemory.HeldAllocations"/>); see
    /// docs/abi.md section 3. On by default; a generated binding allocates the block when it is created.
    /// </summary>
    public bool ScratchBlock { get; init; } = true;

    /// <summary>Options with checked mode on.</summary>
    public static GuestMemoryOptions Checked { get; } = new() { CheckViews = true };

    /// <summary>Options with checked mode off.</summary>
    public static GuestMemoryOptions Unchecked { get; } = new() { CheckViews = false };

    /// <summary>
    /// The options used when none are given: checked mode is on when the environment variable
    /// <see cref="CheckViewsEnvironmentVariable"/> is <c>1</c> or <c>true</c> at startup.
    /// </summary>
    public static GuestMemoryOptions Default { get; } = FromEnvironment();

    private static GuestMemoryOptions FromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable(CheckViewsEnvironmentVariable);
        bool on = value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
        return on ? Checked : Unchecked;
    }
}
