using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;

namespace Coffer.Cli.Commands.Audit;

/// <summary><c>coffer audit verify</c>: checks the audit hash chain.</summary>
internal sealed class AuditVerifyCommand
{
    public static readonly CommandHelp Help = new(
        "Check that no audit record was changed, removed or reordered.",
        """
        Asks the server to walk the organization's hash chain from its first record. Prints the
        number of records and the newest record's hash, and exits 0 when every record verifies; when
        one does not, names the first such record and why, and exits 1. Note the printed hash
        somewhere else: a later run that shows an older or different chain head reveals a rewrite.
        """,
        [
            new("Verify your default organization's audit log:", "coffer audit verify"),
            new("Verify another organization's, as JSON:", "coffer audit verify --organization acme --format json"),
        ]);

    private readonly Option<string?> _organization = new("--organization", "-o")
    {
        Description = "The organization (default: your default organization).",
        HelpName = "org",
    };

    private readonly Option<string> _format = Environments.EnvironmentArguments.ListFormat();

    public AuditVerifyCommand()
    {
        Command = new Command("verify", Help.Summary) { _organization, _format };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var json = ListFormat.IsJson(parseResult.GetValue(_format)!);
        var organization = parseResult.GetValue(_organization) ?? await session.DefaultOrganizationAsync(cancellationToken).ConfigureAwait(false);
        var result = await session.Client.VerifyAuditLogAsync(organization, cancellationToken).ConfigureAwait(false);
        var output = parseResult.InvocationConfiguration.Output;
        if (json)
        {
            output.Write(ListFormat.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteBoolean("valid", result.Valid);
                writer.WriteNumber("records", result.Records);
                writer.WriteNumber("headSequence", result.HeadSequence);
                writer.WriteString("headHash", result.HeadHash);
                if (result.FirstBroken is { } broken)
                {
                    writer.WriteStartObject("firstBroken");
                    writer.WriteNumber("sequence", broken.Sequence);
                    writer.WriteString("reason", broken.Reason);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }));
        }
        if (result.FirstBroken is { } first)
        {
            ConsoleReport.Error(parseResult.InvocationConfiguration.Error,
                $"the audit log of {organization} is broken at record {first.Sequence}: {first.Reason}");
            return ConsoleReport.FailureExitCode;
        }
        if (!json)
        {
            output.Write($"The audit log of {organization} verifies: {result.Records} records, head {result.HeadSequence} {result.HeadHash}\n");
        }
        return 0;
    }
}
