using System.Globalization;
using Coffer.Server.Api;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>Turns a version (a revision number, a tag, or none for <c>latest</c>) into a stored revision.</summary>
public static class RevisionResolver
{
    public const string Latest = "latest";

    /// <summary>
    /// The revision <paramref name="version"/> names; with <paramref name="latest"/> (evaluation uses
    /// it) the environment's latest revision may come from that cache instead of the store.
    /// </summary>
    public static async Task<RevisionRecord> ResolveAsync(IEnvironmentStore store, EnvironmentRecord environment, string? version, CancellationToken cancellationToken, LatestRevisionCache? latest = null)
    {
        var number = await NumberAsync(store, environment, version, cancellationToken);
        if (latest?.Find(environment, number) is { } cached)
        {
            return cached;
        }
        var revision = await store.GetRevisionAsync(environment.Id, number, cancellationToken)
            ?? throw ApiError.NotFound($"revision {number} of {environment.Project}/{environment.Name} not found");
        if (revision.Retracted is { } retracted)
        {
            throw ApiError.NotFound($"revision {number} of {environment.Project}/{environment.Name} was retracted{(retracted.Reason.Length > 0 ? ": " + retracted.Reason : "")}");
        }
        latest?.Remember(environment, revision);
        return revision;
    }

    public static async Task<int> NumberAsync(IEnvironmentStore store, EnvironmentRecord environment, string? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version) || version == Latest)
        {
            return environment.LatestRevision;
        }
        if (char.IsAsciiDigit(version[0]))
        {
            return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw ApiError.BadRequest($"invalid revision number \"{version}\"");
        }
        var tag = await store.GetRevisionTagAsync(environment.Id, version, cancellationToken)
            ?? throw ApiError.NotFound($"tag \"{version}\" of {environment.Project}/{environment.Name} not found");
        return tag.Revision;
    }
}
