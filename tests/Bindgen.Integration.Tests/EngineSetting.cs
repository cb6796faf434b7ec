using System;
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
    /// <summary>An engine of <paramref name="setting"/>, with what <paramref name="configure"/> adds (epoch interruption, fuel).</summary>
    public static Engine Create(EngineSetting setting, Func<Config, Config>? configure = null)
    {
        if (setting == EngineSetting.Default && configure is null)
        {
            return new Engine();
        }

        using var config = new Config();
        if (setting == EngineSetting.Relocating)
        {
            config
                .WithMemoryMayMove(true)
                .WithStaticMemoryMaximumSize(0)
                .WithMemoryReservationForGrowth(0)
                .WithMemoryGuardSize(0);
        }

        configure?.Invoke(config);
        return new Engine(config);
    }
}
