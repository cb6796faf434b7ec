using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Bindgen.TestSupport;

/// <summary>Node running a reference script: the suites' reference hosts (package glue, jco's transpiled JavaScript).</summary>
public static class NodeProcess
{
    /// <summary>Runs <c>node <paramref name="script"/></c> in <paramref name="folder"/> with <paramref name="input"/> on its stdin; its stdout.</summary>
    /// <exception cref="InvalidOperationException">Node exited with an error (its stderr is in the message).</exception>
    public static string Run(string folder, string script, string? input = null)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;
        // stderr is read beside stdout: read one after the other, a full stderr pipe would stall both processes.
        Task<string> error = node.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            node.StandardInput.Write(input);
            node.StandardInput.Close();
        }

        string output = node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {node.ExitCode}: {error.Result}");
        }

        return output;
    }
}
