using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;

namespace Coffer.Cli.Commands.Audit;

/// <summary><c>coffer audit export</c>: every matching event as JSON lines.</summary>
internal sealed class AuditExportCommand
{
    public static readonly CommandHelp Help = new(
        "Export audit events as JSON lines, oldest first.",
        """
        Writes every event that matches the filters, one JSON object per line, to standard output
        or to the file given with --output (replaced if it exists). The lines are the server's
        records as they are stored, hashes included, ready for a log pipeline or an archive.
        """,
        [
            new("Export the whole log to a file:", "coffer audit export --output audit.jsonl"),
            new("Export one environment's events since January:", "coffer audit export --environment payments/prod --from 2026-01-01 > prod.jsonl"),
        ]);

    private readonly AuditFilterOptions _filters = new();

    private readonly Option<FileInfo?> _output = new("--output")
    {
        Description = "Write to this file instead of standard output.",
        HelpName = "file",
    };

    public AuditExportCommand()
    {
        Command = new Command("export", Help.Summary);
        foreach (var option in _filters.All)
        {
            Command.Options.Add(option);
        }
        Command.Options.Add(_output);
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var filter = _filters.Filter(parseResult, DateTimeOffset.UtcNow);
        var organization = await _filters.OrganizationAsync(parseResult, session, cancellationToken).ConfigureAwait(false);
        if (parseResult.GetValue(_output) is { } file)
        {
            // Written beside the target and moved into place, so a failed export leaves no half file.
            var partial = file.FullName + ".partial";
            try
            {
                await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    await session.Client.ExportAuditEventsAsync(organization, stream, filter, cancellationToken).ConfigureAwait(false);
                }
                File.Move(partial, file.FullName, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
            return 0;
        }
        var buffer = new MemoryStream();
        await session.Client.ExportAuditEventsAsync(organization, buffer, filter, cancellationToken).ConfigureAwait(false);
        var output = parseResult.InvocationConfiguration.Output;
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
