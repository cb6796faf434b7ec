using System;
using System.IO;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using NUnit.Framework;

namespace Bindgen.TestSupport;

/// <summary>
/// Snapshot assertions: one <c>NAME.verified.cs</c> per snapshot, committed. On a mismatch the actual text is
/// written to <c>NAME.received.cs</c> beside it and the test fails with a readable line diff. Set
/// <see cref="AcceptVariable"/>=1 to accept every received text as the new verified one.
/// </summary>
public static class Snapshot
{
    /// <summary>The environment variable that accepts snapshots instead of comparing them.</summary>
    public const string AcceptVariable = "BINDGEN_ACCEPT_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> with the verified snapshot <paramref name="name"/> in <paramref name="directory"/>.</summary>
    public static void Verify(string directory, string name, string actual)
    {
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalized = Normalize(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, normalized, new UTF8Encoding(false));
            File.Delete(receivedPath);
            TestContext.Out.WriteLine($"Accepted snapshot {verifiedPath}");
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
            Assert.Fail($"No verified snapshot '{verifiedPath}'. Review '{receivedPath}' and accept it with {AcceptVariable}=1.");
        }

        string expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
        Assert.Fail($"Snapshot '{name}' differs from '{verifiedPath}' (received: '{receivedPath}'):\n{Diff(expected, normalized)}");
    }

    /// <summary>A unified-style line diff: '-' lines only in <paramref name="expected"/>, '+' lines only in <paramref name="actual"/>.</summary>
    public static string Diff(string expected, string actual)
    {
        const int context = 2;
        var lines = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false).Lines;
        var near = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type is ChangeType.Inserted or ChangeType.Deleted)
            {
                for (int j = Math.Max(0, i - context); j <= Math.Min(lines.Count - 1, i + context); j++)
                {
                    near[j] = true;
                }
            }
        }

        var text = new StringBuilder();
        bool skipped = false;
        for (int i = 0; i < lines.Count; i++)
        {
            if (!near[i])
            {
                skipped = true;
                continue;
            }

            if (skipped)
            {
                text.AppendLine("  ...");
                skipped = false;
            }

            DiffPiece line = lines[i];
            string marker = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            text.Append(marker).Append(line.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4) ?? "    ").Append(' ').AppendLine(line.Text);
        }

        return text.ToString();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
