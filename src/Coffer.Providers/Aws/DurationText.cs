using System.Globalization;
using System.Text.RegularExpressions;

namespace Coffer.Providers.Aws;

/// <summary>Durations as environments write them: <c>1h</c>, <c>90m</c>, <c>1h30m</c>, <c>45s</c>.</summary>
internal static partial class DurationText
{
    public const string Pattern = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$";

    /// <summary>The duration, or null when the text is empty or not of that form (or absurdly long).</summary>
    public static TimeSpan? Parse(string text)
    {
        var match = Form().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return null;
        }
        double Part(int group) => match.Groups[group].Success
            ? double.Parse(match.Groups[group].Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;
        var seconds = (Part(1) * 3600) + (Part(2) * 60) + Part(3);
        return seconds > TimeSpan.MaxValue.TotalSeconds / 2 ? null : TimeSpan.FromSeconds(seconds);
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
