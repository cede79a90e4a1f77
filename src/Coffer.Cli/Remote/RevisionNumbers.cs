using System.Globalization;
using Coffer.Client;

namespace Coffer.Cli.Remote;

/// <summary>Versions as written after <c>@</c>: a revision number, or a revision tag looked up on the server.</summary>
internal static class RevisionNumbers
{
    public static async Task<int> ResolveAsync(RemoteSession session, EnvironmentPath path, string version, CancellationToken cancellationToken) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : (await session.Client.GetRevisionTagAsync(path, version, cancellationToken).ConfigureAwait(false)).Revision;
}
