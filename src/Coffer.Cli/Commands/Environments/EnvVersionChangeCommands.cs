using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Client;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env version rollback</c> and <c>retract</c>: undoing a revision.</summary>
internal static class EnvVersionChangeCommands
{
    public static readonly CommandHelp RollbackHelp = new(
        "Make an earlier revision's definition the latest again.",
        "Writes the definition of the given revision as a new revision; history is kept. Refused if someone changes the environment meanwhile.",
        [
            new("Go back to revision 3:", "coffer env version rollback payments/prod@3"),
            new("Go back to the revision tagged stable:", "coffer env version rollback payments/prod@stable"),
        ]);

    public static readonly CommandHelp RetractHelp = new(
        "Retract a revision so that it can no longer be opened.",
        "For a revision that must not be used any more (a leaked secret, a bad value) while tags or pins still name it; the history records the reason and the revision that replaces it. The latest revision cannot be retracted; write a new one first.",
        [
            new("Retract revision 4, replaced by the revision before it:", "coffer env version retract payments/prod@4 --reason 'leaked key'"),
            new("Retract it in favour of revision 2:", "coffer env version retract payments/prod@4 --replace-with 2"),
        ]);

    public static void Add(CommandTree tree, Command version)
    {
        tree.Add(version, Rollback(), RollbackHelp);
        tree.Add(version, Retract(), RetractHelp);
    }

    private static Argument<string> VersionedReference() => new("environment@version")
    {
        Description = "The environment and the revision: [org/][project/]env@N or env@tag.",
    };

    private static Command Rollback()
    {
        var reference = VersionedReference();
        var command = new Command("rollback", RollbackHelp.Summary) { reference };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var resolved = await RequireVersionAsync(session, parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var earlier = await session.Client.GetEnvironmentAsync(resolved.Path, resolved.Version, cancellationToken: cancellationToken).ConfigureAwait(false);
            var latest = await session.Client.GetEnvironmentAsync(resolved.Path, cancellationToken: cancellationToken).ConfigureAwait(false);
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var update = await session.Client.UpdateEnvironmentAsync(resolved.Path, earlier.Yaml, latest.ETag, cancellationToken).ConfigureAwait(false);
                DefinitionDiagnostics.Print(error, update.Warnings, resolved.Path);
                parseResult.InvocationConfiguration.Output.Write($"{resolved.Path} rolled back to revision {earlier.Revision}: new revision {update.Revision}.\n");
                return 0;
            }
            catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Diagnostics.Count > 0)
            {
                throw DefinitionDiagnostics.Refused(error, ex, resolved.Path, $"could not roll {resolved.Path} back to revision {earlier.Revision}");
            }
            catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
            {
                throw new CommandFailure($"{resolved.Path} was changed by someone else meanwhile; nothing was written, run the command again", ex);
            }
        }));
        return command;
    }

    private static Command Retract()
    {
        var reference = VersionedReference();
        var replacement = new Option<string?>("--replace-with") { Description = "The revision to use instead (N, @N or @tag; default: the newest earlier one).", HelpName = "revision" };
        var reason = new Option<string?>("--reason") { Description = "Why the revision is retracted (shown in the history).", HelpName = "text" };
        var command = new Command("retract", RetractHelp.Summary) { reference, replacement, reason };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var resolved = await RequireVersionAsync(session, parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            if (resolved.Version == "latest")
            {
                throw new CommandFailure("the latest revision cannot be retracted; write a new revision first");
            }
            int? replaceWith = parseResult.GetValue(replacement) is { } written
                ? await RevisionNumbers.ResolveAsync(session, resolved.Path, written.TrimStart('@', ':'), cancellationToken).ConfigureAwait(false)
                : null;
            var number = await RevisionNumbers.ResolveAsync(session, resolved.Path, resolved.Version!, cancellationToken).ConfigureAwait(false);
            await session.Client.RetractRevisionAsync(resolved.Path, resolved.Version!, replaceWith, parseResult.GetValue(reason), cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Revision {number} of {resolved.Path} is retracted.\n");
            return 0;
        }));
        return command;
    }

    private static async Task<ResolvedReference> RequireVersionAsync(RemoteSession session, string written, CancellationToken cancellationToken)
    {
        var resolved = await session.ResolveAsync(written, cancellationToken).ConfigureAwait(false);
        return resolved.Version is null ? throw new CommandFailure($"name the revision after @, such as {written}@3") : resolved;
    }
}
