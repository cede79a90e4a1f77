using System.Globalization;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Remote;

/// <summary>Session lifetimes as written on the command line: <c>2h</c>, <c>30m</c>, <c>1h30m</c>, <c>90s</c>.</summary>
internal static class Lifetime
{
    public static TimeSpan Parse(string text)
    {
        // What the pattern ^([0-9]+(\.[0-9]+)?[hms])+$ accepts (a final line break included), read
        // without a regular expression: coffer run and coffer open parse their default lifetime at
        // every start, and loading the regular expression engine for it cost several milliseconds.
        var rest = text.EndsWith('\n') ? text.AsSpan(0, text.Length - 1) : text.AsSpan();
        if (rest.IsEmpty)
        {
            throw Invalid(text);
        }
        var lifetime = TimeSpan.Zero;
        while (!rest.IsEmpty)
        {
            var length = PartLength(rest);
            if (length == 0)
            {
                throw Invalid(text);
            }
            var number = double.Parse(rest[..(length - 1)], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            lifetime += rest[length - 1] switch
            {
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromSeconds(number),
            };
            rest = rest[length..];
        }
        return lifetime > TimeSpan.Zero
            ? lifetime
            : throw new CommandFailure($"invalid lifetime \"{text}\": it must be longer than zero");
    }

    /// <summary>The length of the part (<c>2h</c>, <c>1.5m</c>) that <paramref name="text"/> starts with; 0 when it starts with none.</summary>
    private static int PartLength(ReadOnlySpan<char> text)
    {
        var end = DigitsEnd(text, 0);
        if (end == 0)
        {
            return 0;
        }
        if (end < text.Length && text[end] == '.')
        {
            var fractionEnd = DigitsEnd(text, end + 1);
            if (fractionEnd == end + 1)
            {
                return 0;
            }
            end = fractionEnd;
        }
        return end < text.Length && text[end] is 'h' or 'm' or 's' ? end + 1 : 0;
    }

    private static int DigitsEnd(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        return end;
    }

    private static CommandFailure Invalid(string text) =>
        new($"invalid lifetime \"{text}\": use hours, minutes and seconds such as 2h, 30m or 1h30m");
}
