using System;
using System.Collections.Generic;
using System.Linq;

namespace Bindgen;

/// <summary>
/// "Did you mean": the names closest to a mistyped one. Compiled into the runtime (binding errors at run time) and,
/// as a linked source file, into the generator (errors at build time), so both suggest the same names.
/// </summary>
internal static class NameSuggestions
{
    private const int MaxSuggestions = 3;

    /// <summary>
    /// The names in <paramref name="candidates"/> closest to <paramref name="name"/> by edit distance (closest
    /// first, then alphabetically), counting only those near enough to be a plausible typo.
    /// </summary>
    public static IReadOnlyList<string> ClosestNames(string name, IEnumerable<string> candidates)
    {
        // A third of the name's length, at least 2: "word_cnt" finds "word_count", "add" does not find "free".
        int limit = Math.Max(2, name.Length / 3);
        return candidates
            .Select(candidate => (candidate, distance: EditDistance(name, candidate)))
            .Where(c => c.distance <= limit)
            .OrderBy(c => c.distance)
            .ThenBy(c => c.candidate, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(c => c.candidate)
            .ToArray();
    }

    /// <summary>Levenshtein distance, case-sensitive, in O(|b|) memory.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
