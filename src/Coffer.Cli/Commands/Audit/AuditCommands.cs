using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Commands.Audit;

/// <summary>The <c>coffer audit</c> group: an organization's audit log.</summary>
internal static class AuditCommands
{
    public static readonly CommandHelp Help = new(
        "Read, export and verify an organization's audit log (administrators only).",
        """
        The server records every read, open and change of an environment and of access (members,
        teams, grants, tokens, settings), every refused request and every OIDC token it mints, in a
        hash chain per organization. These commands need an organization administrator's login.
        """,
        [
            new("The last day's opens of payments/prod:", "coffer audit ls --environment payments/prod --action environment.open --from 24h"),
            new("Export everything to a file as JSON lines:", "coffer audit export --output audit.jsonl"),
            new("Check that no record was changed, removed or reordered:", "coffer audit verify"),
        ]);

    public static void Add(CommandTree tree, System.CommandLine.RootCommand root)
    {
        var audit = tree.AddGroup(root, "audit", Help);
        tree.Add(audit, new AuditListCommand().Command, AuditListCommand.Help);
        tree.Add(audit, new AuditExportCommand().Command, AuditExportCommand.Help);
        tree.Add(audit, new AuditVerifyCommand().Command, AuditVerifyCommand.Help);
    }
}
