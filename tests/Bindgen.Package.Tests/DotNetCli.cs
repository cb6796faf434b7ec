using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Bindgen.Package.Tests;

/// <summary>The outcome of one <c>dotnet</c> command: its exit code and its interleaved stdout and stderr.</summary>
internal sealed record CliResult(string CommandLine, string WorkingDirectory, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The command, where it ran, how it ended and the last lines of its output, for failure messages.</summary>
    public string Describe(int maxLines = 200)
    {
        string[] lines = Output.Split('\n');
        string shown = lines.Length <= maxLines
            ? Output
            : $"... ({lines.Length - maxLines} earlier lines omitted)\n" + string.Join('\n', lines[^maxLines..]);
        return $"$ {CommandLine}\n  (in {WorkingDirectory}; exit code {ExitCode}; {Elapsed.TotalSeconds:F1} s)\n{shown}";
    }
}

/// <summary>Runs the <c>dotnet</c> CLI as a child process, with a timeout, capturing its output.</summary>
internal static class DotNetCli
{
    /// <summary>The dotnet host running these tests (set by the CLI), else the one on PATH.</summary>
    private static string DotNetPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs <c>dotnet args</c> and fails the test, with the captured output, if it times out or exits non-zero.</summary>
    public static CliResult RunOrFail(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        CliResult result = Run(workingDirectory, timeout, args);
        if (result.ExitCode != 0)
        {
            Assert.Fail("A dotnet command failed.\n" + result.Describe());
        }

        return result;
    }

    /// <summary>Runs <c>dotnet args</c>; fails the test, with the output so far, if it does not exit within <paramref name="timeout"/>.</summary>
    public static CliResult Run(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunProgram(DotNetPath, "dotnet", workingDirectory, timeout, args);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> as <see cref="Run"/> runs <c>dotnet</c>.</summary>
    public static CliResult RunProgram(string program, string displayName, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        ConfigureEnvironment(startInfo.Environment);

        string commandLine = displayName + " " + string.Join(' ', args.Select(a => a.Contains(' ') ? '"' + a + '"' : a));
        var output = new StringBuilder();
        var gate = new object();
        var stdoutClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data, stdoutClosed);
        process.ErrorDataReceived += (_, e) => Append(e.Data, stderrClosed);
        process.Exited += (_, _) => exited.TrySetResult();

        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!exited.Task.Wait(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            Assert.Fail($"A command did not finish within {timeout.TotalSeconds:F0} s and was killed.\n"
                + new CliResult(commandLine, workingDirectory, -1, Snapshot(), clock.Elapsed).Describe());
        }

        process.WaitForExit();

        // A build may leave a child (a compiler server) holding the pipes open: wait for the
        // rest of the output only briefly once the command itself has exited.
        Task.WaitAll([stdoutClosed.Task, stderrClosed.Task], TimeSpan.FromSeconds(10));
        var result = new CliResult(commandLine, workingDirectory, process.ExitCode, Snapshot(), clock.Elapsed);
        TestContext.Out.WriteLine(result.Describe(maxLines: 60));
        return result;

        void Append(string? line, TaskCompletionSource closed)
        {
            if (line is null)
            {
                closed.TrySetResult();
                return;
            }

            lock (gate)
            {
                output.Append(line).Append('\n');
            }
        }

        string Snapshot()
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// The child sees what a user's shell would: no MSBuild state inherited from the build that
    /// runs these tests, English messages, no first-run banners, and no build nodes left behind.
    /// </summary>
    private static void ConfigureEnvironment(IDictionary<string, string?> environment)
    {
        foreach (string key in environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(key);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
    }
}
