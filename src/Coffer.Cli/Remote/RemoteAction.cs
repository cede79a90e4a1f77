using System.CommandLine;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Remote;

/// <summary>
/// The action of a command that talks to a server: connects with the current login, runs the
/// command, and turns a failed call into one clear error line.
/// </summary>
internal static class RemoteAction
{
    public static Func<ParseResult, CancellationToken, Task<int>> Of(Func<ParseResult, RemoteSession, CancellationToken, Task<int>> action) =>
        GuardedAction.Of(async (parseResult, cancellationToken) =>
        {
            using var session = RemoteSession.Connect();
            try
            {
                return await action(parseResult, session, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (session.Describe(ex) is { } failure)
            {
                throw failure;
            }
        });
}
