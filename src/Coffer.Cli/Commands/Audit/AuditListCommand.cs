using System.CommandLine;
using System.Globalization;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Commands.Environments;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Audit;

/// <summary><c>coffer audit ls</c>: recent audit events, newest first.</summary>
internal sealed class AuditListCommand
{
    public static readonly CommandHelp Help = new(
        "List audit events, newest first.",
        """
        Prints a table of the newest events that match the filters (time, actor, environment,
        action, outcome, revision). --limit sets how many (default 50). --format json prints
        {"events": [...]} with every field, hashes included.
        """,
        [
            new("The 50 newest events:", "coffer audit ls"),
            new("Refused requests of the last week:", "coffer audit ls --outcome denied --from 7d"),
            new("What jane did to payments/prod, as JSON:", "coffer audit ls --actor jane --environment payments/prod --format json"),
        ]);

    private const int MaxPage = 1000;

    private readonly AuditFilterOptions _filters = new();

    private readonly Option<int> _limit = new("--limit", "-n")
    {
        Description = "How many events to show, at most.",
        HelpName = "count",
        DefaultValueFactory = _ => 50,
    };

    private readonly Option<string> _format = EnvironmentArguments.ListFormat();

    public AuditListCommand()
    {
        Command = new Command("ls", Help.Summary);
        foreach (var option in _filters.All)
        {
            Command.Options.Add(option);
        }
        Command.Options.Add(_limit);
        Command.Options.Add(_format);
        Command.Aliases.Add("list");
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var json = ListFormat.IsJson(parseResult.GetValue(_format)!);
        var limit = parseResult.GetValue(_limit);
        if (limit < 1)
        {
            throw new CommandFailure("--limit must be at least 1");
        }
        var filter = _filters.Filter(parseResult, DateTimeOffset.UtcNow);
        var organization = await _filters.OrganizationAsync(parseResult, session, cancellationToken).ConfigureAwait(false);
        var events = new List<AuditEvent>();
        string? continuation = null;
        do
        {
            var page = await session.Client.ListAuditEventsAsync(organization, filter, continuation, Math.Min(MaxPage, limit - events.Count), cancellationToken).ConfigureAwait(false);
            events.AddRange(page.Events);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && events.Count < limit);

        var output = parseResult.InvocationConfiguration.Output;
        if (json)
        {
            output.Write(ListFormat.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("events");
                foreach (var e in events)
                {
                    AuditEventJson.Write(writer, e);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }));
            return 0;
        }
        output.Write(ListFormat.Table(
            ["SEQ", "TIME", "ACTOR", "ACTION", "ENVIRONMENT", "REVISION", "OUTCOME", "CLIENT"],
            events.Select(e => (IReadOnlyList<string>)[
                e.Sequence.ToString(CultureInfo.InvariantCulture),
                ListFormat.Time(e.Time),
                e.Actor.Length == 0 ? "-" : e.Actor,
                e.Action,
                e.Project.Length == 0 ? "-" : $"{e.Project}/{e.Environment}",
                e.Revision?.ToString(CultureInfo.InvariantCulture) ?? "-",
                e.Outcome,
                e.ClientAddress.Length == 0 ? "-" : e.ClientAddress,
            ])));
        return 0;
    }
}
