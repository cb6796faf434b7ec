using System;
using System.Collections.Generic;
using System.IO;
using Wasmtime;

namespace Bindgen;

/// <summary>
/// What a component that imports WASI sees of the host: its arguments, environment, standard streams and preopened
/// directories. Passed to the generated <c>Instantiate</c> of such a component; the same options serve every tier
/// (the preview-1 bypass, Bindgen's WASI 0.2 host and the Wasmtime.Components fallback), in the spirit of <see cref="WasiConfiguration"/>.
/// Nothing is inherited from the host process unless asked: no arguments, no environment, no directories, and the
/// standard streams go nowhere (stdin is empty).
/// </summary>
public sealed class WasiOptions
{
    /// <summary>The program's arguments, as the guest sees them (the first one is conventionally its name).</summary>
    public IList<string> Arguments { get; } = new List<string>();

    /// <summary>The environment variables, in order.</summary>
    public IList<KeyValuePair<string, string>> Environment { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>Receives what the guest writes to stdout; null discards it.</summary>
    /// <remarks>
    /// Written in the order of the guest's writes: on the bypass and the fallback from a thread Wasmtime owns while the
    /// calling thread waits, on Bindgen's WASI 0.2 host from the calling thread.
    /// </remarks>
    public Stream? StandardOutput { get; set; }

    /// <summary>Receives what the guest writes to stderr; null discards it.</summary>
    public Stream? StandardError { get; set; }

    /// <summary>A file the guest reads as stdin; null gives it an empty stdin.</summary>
    public string? StandardInputFile { get; set; }

    /// <summary>Whether the guest's stdout and stderr go to this process's (overrides <see cref="StandardOutput"/> and <see cref="StandardError"/>).</summary>
    public bool InheritStandardStreams { get; set; }

    /// <summary>The host directories the guest may open files in, each under the path the guest knows it by.</summary>
    public IList<WasiPreopen> Preopens { get; } = new List<WasiPreopen>();

    /// <summary>Adds an argument.</summary>
    /// <param name="argument">The argument.</param>
    /// <returns>These options.</returns>
    public WasiOptions WithArgument(string argument)
    {
        Arguments.Add(argument ?? throw new ArgumentNullException(nameof(argument)));
        return this;
    }

    /// <summary>Adds an environment variable.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>These options.</returns>
    public WasiOptions WithEnvironment(string name, string value)
    {
        Environment.Add(new KeyValuePair<string, string>(name ?? throw new ArgumentNullException(nameof(name)), value ?? throw new ArgumentNullException(nameof(value))));
        return this;
    }

    /// <summary>Lets the guest open files under <paramref name="hostPath"/> as <paramref name="guestPath"/>.</summary>
    /// <param name="hostPath">The host directory.</param>
    /// <param name="guestPath">The path the guest uses for it (<c>.</c> for its current directory).</param>
    /// <param name="writable">Whether the guest may create, change and remove files there.</param>
    /// <returns>These options.</returns>
    public WasiOptions WithPreopen(string hostPath, string guestPath, bool writable = false)
    {
        Preopens.Add(new WasiPreopen(hostPath, guestPath, writable));
        return this;
    }

    /// <summary>The same settings as Wasmtime's configuration, for a store.</summary>
    internal WasiConfiguration ToConfiguration()
    {
        var configuration = new WasiConfiguration();
        foreach (string argument in Arguments)
        {
            configuration.WithArg(argument);
        }

        foreach (KeyValuePair<string, string> variable in Environment)
        {
            configuration.WithEnvironmentVariable(variable.Key, variable.Value);
        }

        if (InheritStandardStreams)
        {
            configuration.WithInheritedStandardOutput().WithInheritedStandardError();
        }
        else
        {
            if (StandardOutput is { } stdout)
            {
                configuration.WithStandardOutputCallback(data => stdout.Write(data));
            }

            if (StandardError is { } stderr)
            {
                configuration.WithStandardErrorCallback(data => stderr.Write(data));
            }
        }

        if (StandardInputFile is { } stdin)
        {
            configuration.WithStandardInput(stdin);
        }

        foreach (WasiPreopen preopen in Preopens)
        {
            configuration.WithPreopenedDirectory(preopen.HostPath, preopen.GuestPath, preopen.Writable);
        }

        return configuration;
    }
}

/// <summary>A host directory the guest may open files in.</summary>
public sealed class WasiPreopen
{
    /// <summary>Creates the preopen.</summary>
    /// <param name="hostPath">The host directory.</param>
    /// <param name="guestPath">The path the guest uses for it.</param>
    /// <param name="writable">Whether the guest may change files there.</param>
    public WasiPreopen(string hostPath, string guestPath, bool writable)
    {
        HostPath = hostPath ?? throw new ArgumentNullException(nameof(hostPath));
        GuestPath = guestPath ?? throw new ArgumentNullException(nameof(guestPath));
        Writable = writable;
    }

    /// <summary>The host directory.</summary>
    public string HostPath { get; }

    /// <summary>The path the guest uses for it.</summary>
    public string GuestPath { get; }

    /// <summary>Whether the guest may change files there.</summary>
    public bool Writable { get; }
}
