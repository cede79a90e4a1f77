using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env version ls</c>: an environment's revisions, newest first.</summary>
internal sealed class EnvVersionListCommand
{
    private const int PageSize = 500;

    public static readonly CommandHelp Help = new(
        "List an environment's revisions, newest first.",
        """
        Each change to a definition makes a revision. The table shows each revision's tags, who
        wrote it and when (UTC); a retracted revision names the revision that replaces it. With
        @N or @tag the list starts at that revision.
        """,
        [
            new("List the revisions:", "coffer env version ls payments/prod"),
            new("List them as JSON:", "coffer env version ls payments/prod --format json"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference(versioned: true);
    private readonly Option<string> _format = EnvironmentArguments.ListFormat();

    public EnvVersionListCommand()
    {
        Command = new Command("ls", Help.Summary) { _reference, _format };
        Command.Aliases.Add("history");
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var json = ListFormat.IsJson(parseResult.GetValue(_format)!);
        var reference = await session.ResolveAsync(parseResult.GetValue(_reference)!, cancellationToken).ConfigureAwait(false);
        int? before = null;
        if (reference.Version is { } version)
        {
            before = await RevisionNumbers.ResolveAsync(session, reference.Path, version, cancellationToken).ConfigureAwait(false) + 1;
        }
        var revisions = new List<Revision>();
        while (true)
        {
            var page = await session.Client.ListRevisionsAsync(reference.Path, before, PageSize, cancellationToken).ConfigureAwait(false);
            revisions.AddRange(page);
            if (page.Count < PageSize)
            {
                break;
            }
            before = page[^1].Number;
        }

        var output = parseResult.InvocationConfiguration.Output;
        if (json)
        {
            output.Write(ListFormat.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("revisions");
                foreach (var revision in revisions)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("number", revision.Number);
                    writer.WriteString("created", ListFormat.JsonTime(revision.Created));
                    writer.WriteString("creatorLogin", revision.CreatorLogin);
                    writer.WriteString("creatorName", revision.CreatorName);
                    writer.WriteStartArray("tags");
                    (revision.Tags ?? []).ToList().ForEach(writer.WriteStringValue);
                    writer.WriteEndArray();
                    if (revision.Retracted is { } retracted)
                    {
                        writer.WriteStartObject("retracted");
                        writer.WriteNumber("replacement", retracted.Replacement);
                        writer.WriteString("reason", retracted.Reason);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }));
            return 0;
        }
        output.Write(ListFormat.Table(
            ["REVISION", "TAGS", "AUTHOR", "CREATED"],
            revisions.Select(r => (IReadOnlyList<string>)
            [
                r.Retracted is { } x ? $"{r.Number} (retracted, use {x.Replacement})" : r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Tags is { Count: > 0 } tags ? string.Join(",", tags) : "-",
                r.CreatorLogin is { Length: > 0 } login ? login : "-",
                ListFormat.Time(r.Created),
            ])));
        return 0;
    }
}
