using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>The engine configurations the whole integration suite runs under.</summary>
public enum EngineSetting
{
    /// <summary>Wasmtime's defaults: large reservations, memory rarely moves.</summary>
    Default,

    /// <summary>No reservation, no guard, no static memory: every growth moves the memory's base.</summary>
    Relocating,
}

public static class Engines
{
    public static Engine Create(EngineSetting setting)
    {
        if (setting == EngineSetting.Default)
        {
            return new Engine();
        }

        using var config = new Config()
            .WithMemoryMayMove(true)
            .WithStaticMemoryMaximumSize(0)
            .WithMemoryReservationForGrowth(0)
            .WithMemoryGuardSize(0);
        return new Engine(config);
    }
}
