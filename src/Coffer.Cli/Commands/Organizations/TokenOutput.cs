using System.CommandLine;
using System.Text.Json;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Organizations;

/// <summary>
/// How commands that create a token print it. The value goes alone to standard output, so that
/// <c>TOKEN=$(coffer token create ci)</c> captures exactly it; what it is goes to standard error.
/// With <c>--format json</c>, one object with a <c>token</c> field. <c>note</c> names the value: "Created token ci; its value".
/// </summary>
internal static class TokenOutput
{
    public static void PrintCreated(ParseResult parseResult, bool json, string token, TokenInfo info, string note, Action<Utf8JsonWriter>? extra = null)
    {
        if (json)
        {
            parseResult.InvocationConfiguration.Output.Write(ListFormat.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("token", token);
                writer.WritePropertyName("tokenInfo");
                WriteInfo(writer, info);
                extra?.Invoke(writer);
                writer.WriteEndObject();
            }));
            return;
        }
        parseResult.InvocationConfiguration.Error.Write($"{note} is shown only this once:\n");
        parseResult.InvocationConfiguration.Output.Write(token + "\n");
    }

    public static void WriteInfo(Utf8JsonWriter writer, TokenInfo info)
    {
        writer.WriteStartObject();
        writer.WriteString("id", info.Id);
        writer.WriteString("name", info.Name);
        writer.WriteString("description", info.Description);
        writer.WriteString("created", ListFormat.JsonTime(Time(info.Created)));
        writer.WriteString("lastUsed", ListFormat.JsonTime(Time(info.LastUsed)));
        writer.WriteString("expires", ListFormat.JsonTime(Time(info.Expires)));
        writer.WriteString("createdBy", info.CreatedBy);
        writer.WriteBoolean("admin", info.Admin);
        writer.WriteBoolean("revoked", info.Revoked);
        writer.WriteEndObject();
    }

    /// <summary>A unix time of the API as a time; 0 (never) as null.</summary>
    public static DateTimeOffset? Time(long seconds) => seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>
    /// An expiry as written on the command line: <c>never</c>, a lifetime in days, hours or minutes
    /// (<c>90d</c>, <c>12h</c>, <c>30m</c>), or a date or time (<c>2027-06-30</c>, <c>2027-06-30T12:00:00Z</c>).
    /// </summary>
    public static DateTimeOffset? ParseExpiry(string text, DateTimeOffset now)
    {
        if (text is "never" or "0")
        {
            return null;
        }
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            && amount is > 0 and <= 1_000_000)
        {
            switch (text[^1])
            {
                case 'd': return now.AddDays(amount);
                case 'h': return now.AddHours(amount);
                case 'm': return now.AddMinutes(amount);
            }
        }
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        throw new CommandFailure($"invalid expiry \"{text}\": expected never, a lifetime such as 90d, 12h or 30m, or a date such as 2027-06-30");
    }
}
