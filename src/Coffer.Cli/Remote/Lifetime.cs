using System.Globalization;
using System.Text.RegularExpressions;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Remote;

/// <summary>Session lifetimes as written on the command line: <c>2h</c>, <c>30m</c>, <c>1h30m</c>, <c>90s</c>.</summary>
internal static partial class Lifetime
{
    public static TimeSpan Parse(string text)
    {
        var match = LifetimePattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            throw new CommandFailure($"invalid lifetime \"{text}\": use hours, minutes and seconds such as 2h, 30m or 1h30m");
        }
        var lifetime = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var number = double.Parse(part.Value[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            lifetime += part.Value[^1] switch
            {
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromSeconds(number),
            };
        }
        return lifetime > TimeSpan.Zero
            ? lifetime
            : throw new CommandFailure($"invalid lifetime \"{text}\": it must be longer than zero");
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?[hms])+$")]
    private static partial Regex LifetimePattern();
}
