using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using NUnit.Framework;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Shows the relocation harness can see the bug it is meant to rule out: naive glue (a span taken, then an
/// allocating guest call, then the span used) is caught by checked mode and then reads or writes freed
/// memory under the relocating engine. It runs in a child process because .NET cannot catch the access
/// violation that usually ends it.
/// </summary>
public sealed class NegativeControlTests
{
    private static readonly string NaiveGlue = ChildProcess.BuiltProgram("NaiveGluePath");

    [Test]
    public void Naive_glue_is_caught_by_checked_mode_and_corrupts_or_crashes()
    {
        (int exitCode, string output) = Run("naive");

        Assert.That(output, Does.Contain("STALE naive copy: guest memory changed while a view of it was in use"), output);
        bool crashed = output.Contains("AccessViolationException", StringComparison.Ordinal) || exitCode is 134 or 139 || exitCode < 0;
        bool wrongData = exitCode == 3;
        Assert.That(crashed || wrongData, Is.True, $"the naive copy should crash or read back wrong data; exit {exitCode}:\n{output}");
    }

    [Test]
    public void The_same_glue_with_a_refetched_view_is_correct()
    {
        (int exitCode, string output) = Run("refetch");
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("rounds=200 wrong=0 stale=0"));
    }

    [Test]
    public void Naive_canonical_lowering_of_a_list_of_strings_is_caught_and_goes_wrong()
    {
        (int exitCode, string output) = ChildProcess.Run(NaiveGlue, "canonical-naive", GuestFiles.PathOf("canonical_growing"));

        Assert.That(output, Does.Contain("STALE naive canonical lowering: guest memory changed while a view of it was in use"), output);
        bool crashed = output.Contains("AccessViolationException", StringComparison.Ordinal) || exitCode is 134 or 139 || exitCode < 0;
        Assert.That(crashed || exitCode == 3, Is.True, $"the naive lowering should crash or pass the guest wrong elements; exit {exitCode}:\n{output}");
    }

    [Test]
    public void Canonical_lowering_that_allocates_every_element_first_is_correct()
    {
        (int exitCode, string output) = ChildProcess.Run(NaiveGlue, "canonical-refetch", GuestFiles.PathOf("canonical_growing"));
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("rounds=20 wrong=0 stale=0"));
    }

    private static (int ExitCode, string Output) Run(string mode) =>
        ChildProcess.Run(NaiveGlue, mode, GuestFiles.PathOf("types_growing"));
}

/// <summary>Runs a built .NET program of the repository as a child process.</summary>
internal static class ChildProcess
{
    public static string BuiltProgram(string key) => typeof(ChildProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        Assert.That(File.Exists(program), Is.True, program);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";

        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the child process did not finish in 2 minutes");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
