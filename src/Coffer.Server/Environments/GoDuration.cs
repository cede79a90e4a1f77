using System.Globalization;
using System.Text.RegularExpressions;

namespace Coffer.Server.Environments;

/// <summary>Go duration strings (<c>2h0m0s</c>, <c>1h30m</c>, <c>300ms</c>, <c>1.5h</c>), as ESC clients send them.</summary>
public static partial class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var negative = text[0] == '-';
        var body = text.TrimStart('+', '-');
        if (body == "0")
        {
            return true;
        }
        var matches = Part().Matches(body);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != body.Length)
        {
            return false;
        }
        double ticks = 0;
        foreach (Match m in matches)
        {
            if (!double.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }
            ticks += amount * m.Groups[2].Value switch
            {
                "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }
        duration = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    [GeneratedRegex(@"([0-9]*\.?[0-9]+|[0-9]+\.)(ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex Part();
}
