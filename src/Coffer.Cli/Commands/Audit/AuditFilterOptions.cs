using System.CommandLine;
using System.Globalization;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Audit;

/// <summary>The options the audit commands share: which organization, and which events.</summary>
internal sealed class AuditFilterOptions
{
    public Option<string?> Organization { get; } = new("--organization", "-o")
    {
        Description = "The organization (default: your default organization).",
        HelpName = "org",
    };

    public Option<string?> From { get; } = new("--from")
    {
        Description = "Only events at or after this time: RFC 3339 (2026-01-02T15:04:05Z), a date (2026-01-02, UTC), or a span ago (30m, 24h, 7d).",
        HelpName = "time",
    };

    public Option<string?> To { get; } = new("--to")
    {
        Description = "Only events before this time (same forms as --from).",
        HelpName = "time",
    };

    public Option<string?> Actor { get; } = new("--actor")
    {
        Description = "Only events of this user login (or organization-token:NAME, team-token:NAME).",
        HelpName = "login",
    };

    public Option<string?> Environment { get; } = new("--environment", "-e")
    {
        Description = "Only events on this environment, as project/env.",
        HelpName = "project/env",
    };

    public Option<string?> Action { get; } = new("--action")
    {
        Description = "Only events of this action, such as environment.open or grant.set.",
        HelpName = "action",
    };

    public Option<string?> Outcome { get; } = new("--outcome")
    {
        Description = "Only events with this outcome: success, denied, unauthenticated or failed.",
        HelpName = "outcome",
    };

    public IEnumerable<Option> All => [Organization, From, To, Actor, Environment, Action, Outcome];

    public async Task<string> OrganizationAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken) =>
        parseResult.GetValue(Organization) ?? await session.DefaultOrganizationAsync(cancellationToken).ConfigureAwait(false);

    public AuditFilter Filter(ParseResult parseResult, DateTimeOffset now) => new()
    {
        From = Time(parseResult.GetValue(From), "--from", now),
        To = Time(parseResult.GetValue(To), "--to", now),
        Actor = parseResult.GetValue(Actor),
        Environment = parseResult.GetValue(Environment),
        Action = parseResult.GetValue(Action),
        Outcome = parseResult.GetValue(Outcome),
    };

    /// <summary>An absolute time, a UTC date, or a span before <paramref name="now"/> (<c>90s</c>, <c>30m</c>, <c>24h</c>, <c>7d</c>).</summary>
    public static DateTimeOffset? Time(string? text, string option, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        var unit = text[^1];
        if (unit is 's' or 'm' or 'h' or 'd'
            && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && amount <= 100_000)
        {
            return now - unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }
        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }
        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        throw new CommandFailure($"{option} \"{text}\" is not a time: use RFC 3339 (2026-01-02T15:04:05Z), a date (2026-01-02) or a span ago (30m, 24h, 7d)");
    }
}
