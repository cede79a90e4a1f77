namespace Coffer.Language.Syntax;

/// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
internal static class EditDistance
{
    public static int Levenshtein(string a, string b)
    {
        if (a.Length == 0)
        {
            return b.Length;
        }
        if (b.Length == 0)
        {
            return a.Length;
        }
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// The candidate closest to <paramref name="key"/> (case-insensitive, ignoring <c>_</c>) when it is
    /// within ⌊(len+1)/2⌋−1 edits; null otherwise.
    /// </summary>
    public static string? Suggest(string key, IEnumerable<string> candidates)
    {
        var normalized = Normalize(key);
        var threshold = ((key.Length + 1) / 2) - 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Levenshtein(normalized, Normalize(candidate));
            if (distance <= threshold && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static string Normalize(string s) => s.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
