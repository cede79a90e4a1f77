using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Definitions;
using Coffer.Cli.Remote;
using Coffer.Client;

namespace Coffer.Cli.Commands.Environments;

/// <summary>
/// Read-modify-write of a stored definition: reads it with its ETag, applies an edit, and writes
/// it back carrying that ETag, so a change someone made in between is never silently overwritten.
/// </summary>
internal static class DefinitionEdit
{
    public static async Task ApplyAsync(RemoteSession session, ResolvedReference reference, TextWriter error, Action<DefinitionDocument> edit, CancellationToken cancellationToken)
    {
        var current = await session.Client.GetEnvironmentAsync(reference.Path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var document = DefinitionDocument.Parse(current.Yaml);
        edit(document);
        try
        {
            var update = await session.Client.UpdateEnvironmentAsync(reference.Path, document.ToString(), current.ETag, cancellationToken).ConfigureAwait(false);
            DefinitionDiagnostics.Print(error, update.Warnings, reference.Path);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Diagnostics.Count > 0)
        {
            throw DefinitionDiagnostics.Refused(error, ex, reference.Path, $"{reference.Path} was not changed");
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CommandFailure($"{reference.Path} was changed by someone else while this command ran (revision {current.Revision} is no longer the latest); nothing was written, run the command again", ex);
        }
    }
}
