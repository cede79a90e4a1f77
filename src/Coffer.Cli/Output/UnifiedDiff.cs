using System.Text;

namespace Coffer.Cli.Output;

/// <summary>
/// A line diff in the unified format (<c>--- a</c>, <c>+++ b</c>, <c>@@ -l,n +l,n @@</c> hunks with
/// three lines of context), from a longest-common-subsequence match. Definitions and rendered values
/// are small; inputs beyond <see cref="MaxLines"/> lines are compared as wholly replaced.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;
    private const int MaxLines = 4000;

    /// <summary>The diff, or an empty string when the texts are equal.</summary>
    public static string Of(string before, string after, string beforeName, string afterName)
    {
        if (before == after)
        {
            return "";
        }
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        var text = new StringBuilder($"--- {beforeName}\n+++ {afterName}\n");
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }
            // A hunk: from a few lines before this change to a few after the last change close to it.
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < edits.Count)
            {
                if (edits[end].Kind != ' ')
                {
                    end++;
                    continue;
                }
                var run = end;
                while (run < edits.Count && edits[run].Kind == ' ')
                {
                    run++;
                }
                if (run == edits.Count || run - end > 2 * Context)
                {
                    end = Math.Min(edits.Count, end + Context);
                    break;
                }
                end = run;
            }
            var hunk = edits.GetRange(start, end - start);
            var firstA = hunk.FirstOrDefault(e => e.Kind != '+')?.LineA ?? edits.Take(start).Count(e => e.Kind != '+');
            var firstB = hunk.FirstOrDefault(e => e.Kind != '-')?.LineB ?? edits.Take(start).Count(e => e.Kind != '-');
            var countA = hunk.Count(e => e.Kind != '+');
            var countB = hunk.Count(e => e.Kind != '-');
            text.Append($"@@ -{Range(firstA, countA)} +{Range(firstB, countB)} @@\n");
            foreach (var edit in hunk)
            {
                text.Append(edit.Kind).Append(edit.Text).Append('\n');
            }
            i = end;
        }
        return text.ToString();
    }

    private static string Range(int first, int count) => count == 0 ? $"{first},0" : count == 1 ? $"{first + 1}" : $"{first + 1},{count}";

    private static string[] Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private sealed record Edit(char Kind, string Text, int LineA, int LineB);

    private static List<Edit> Edits(string[] a, string[] b)
    {
        var edits = new List<Edit>();
        if (a.Length > MaxLines || b.Length > MaxLines)
        {
            edits.AddRange(a.Select((line, i) => new Edit('-', line, i, 0)));
            edits.AddRange(b.Select((line, j) => new Edit('+', line, a.Length, j)));
            return edits;
        }
        // lengths[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add(new Edit(' ', a[x], x++, y++));
            }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] >= lengths[x + 1, y]))
            {
                edits.Add(new Edit('+', b[y], x, y++));
            }
            else
            {
                edits.Add(new Edit('-', a[x], x++, y));
            }
        }
        // Removals read better before the additions that replace them.
        for (var i = 1; i < edits.Count; i++)
        {
            for (var k = i; k > 0 && edits[k].Kind == '-' && edits[k - 1].Kind == '+'; k--)
            {
                (edits[k], edits[k - 1]) = (edits[k - 1], edits[k]);
            }
        }
        return edits;
    }
}
