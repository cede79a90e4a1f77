using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    /// <summary>
    /// Revisions, newest first: up to <paramref name="count"/> of them older than
    /// <paramref name="before"/> (from the newest when null). An empty list means there are no more.
    /// </summary>
    public async Task<IReadOnlyList<Revision>> ListRevisionsAsync(EnvironmentPath path, int? before = null, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var url = EnvironmentUrl(path) + "/versions" + Query(("before", before is { } b ? Number(b) : null), ("count", count is { } c ? Number(c) : null));
        return await SendJsonAsync(HttpMethod.Get, url, null, ClientJsonContext.Default.ListRevision, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retracts a revision: opening it then gives <paramref name="replacement"/> (the newest earlier usable revision when null).</summary>
    public Task RetractRevisionAsync(EnvironmentPath path, string version, int? replacement = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(version);
        return SendNoContentAsync(HttpMethod.Post, EnvironmentUrl(path) + $"/versions/{Escape(version)}/retract",
            Json(new RetractRequest(replacement, reason), ClientJsonContext.Default.RetractRequest), cancellationToken);
    }

    /// <summary>One page of revision tags, by name, after the tag named <paramref name="after"/>.</summary>
    public Task<RevisionTagPage> ListRevisionTagsAsync(EnvironmentPath path, string? after = null, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var url = EnvironmentUrl(path) + "/versions/tags" + Query(("after", after), ("count", count is { } c ? Number(c) : null));
        return SendJsonAsync(HttpMethod.Get, url, null, ClientJsonContext.Default.RevisionTagPage, cancellationToken);
    }

    /// <summary>A revision tag.</summary>
    public Task<RevisionTag> GetRevisionTagAsync(EnvironmentPath path, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return SendJsonAsync(HttpMethod.Get, EnvironmentUrl(path) + $"/versions/tags/{Escape(tag)}", null, ClientJsonContext.Default.RevisionTag, cancellationToken);
    }

    /// <summary>Creates a revision tag pointing at <paramref name="revision"/> (the latest when null).</summary>
    public Task CreateRevisionTagAsync(EnvironmentPath path, string tag, int? revision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return SendNoContentAsync(HttpMethod.Post, EnvironmentUrl(path) + "/versions/tags",
            Json(new CreateRevisionTagRequest(tag, revision), ClientJsonContext.Default.CreateRevisionTagRequest), cancellationToken);
    }

    /// <summary>Points an existing revision tag at <paramref name="revision"/> (the latest when null).</summary>
    public Task UpdateRevisionTagAsync(EnvironmentPath path, string tag, int? revision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return SendNoContentAsync(HttpMethod.Patch, EnvironmentUrl(path) + $"/versions/tags/{Escape(tag)}",
            Json(new UpdateRevisionTagRequest(revision), ClientJsonContext.Default.UpdateRevisionTagRequest), cancellationToken);
    }

    /// <summary>Deletes a revision tag.</summary>
    public Task DeleteRevisionTagAsync(EnvironmentPath path, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return SendNoContentAsync(HttpMethod.Delete, EnvironmentUrl(path) + $"/versions/tags/{Escape(tag)}", null, cancellationToken);
    }
}
