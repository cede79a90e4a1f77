using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    /// <summary>One page of environment tags after the tag named <paramref name="after"/>; the page's <c>NextToken</c> is <c>"0"</c> at the end.</summary>
    public Task<EnvironmentTagPage> ListEnvironmentTagsAsync(EnvironmentPath path, string? after = null, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var url = EnvironmentUrl(path) + "/tags" + Query(("after", after), ("count", count is { } c ? Number(c) : null));
        return SendJsonAsync(HttpMethod.Get, url, null, ClientJsonContext.Default.EnvironmentTagPage, cancellationToken);
    }

    /// <summary>Every environment tag, page after page.</summary>
    public async Task<IReadOnlyList<EnvironmentTag>> ListAllEnvironmentTagsAsync(EnvironmentPath path, CancellationToken cancellationToken = default)
    {
        var tags = new List<EnvironmentTag>();
        string? after = null;
        while (true)
        {
            var page = await ListEnvironmentTagsAsync(path, after, 500, cancellationToken).ConfigureAwait(false);
            tags.AddRange(page.Tags.Values);
            if (page.Tags.Count == 0 || page.NextToken is null or "" or "0")
            {
                return tags;
            }
            after = page.NextToken;
        }
    }

    /// <summary>An environment tag.</summary>
    public Task<EnvironmentTag> GetEnvironmentTagAsync(EnvironmentPath path, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return SendJsonAsync(HttpMethod.Get, EnvironmentUrl(path) + $"/tags/{Escape(name)}", null, ClientJsonContext.Default.EnvironmentTag, cancellationToken);
    }

    /// <summary>Creates an environment tag.</summary>
    public Task<EnvironmentTag> CreateEnvironmentTagAsync(EnvironmentPath path, string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return SendJsonAsync(HttpMethod.Post, EnvironmentUrl(path) + "/tags",
            Json(new CreateEnvironmentTagRequest(name, value), ClientJsonContext.Default.CreateEnvironmentTagRequest), ClientJsonContext.Default.EnvironmentTag, cancellationToken);
    }

    /// <summary>
    /// Changes an environment tag's name and/or value; fails with 409 if its value is no longer
    /// <paramref name="currentValue"/> (when given).
    /// </summary>
    public Task<EnvironmentTag> UpdateEnvironmentTagAsync(EnvironmentPath path, string name, string? currentValue, string? newName, string? newValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var request = new UpdateEnvironmentTagRequest(new TagFields(null, currentValue), new TagFields(newName, newValue));
        return SendJsonAsync(HttpMethod.Patch, EnvironmentUrl(path) + $"/tags/{Escape(name)}",
            Json(request, ClientJsonContext.Default.UpdateEnvironmentTagRequest), ClientJsonContext.Default.EnvironmentTag, cancellationToken);
    }

    /// <summary>Deletes an environment tag.</summary>
    public Task DeleteEnvironmentTagAsync(EnvironmentPath path, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return SendNoContentAsync(HttpMethod.Delete, EnvironmentUrl(path) + $"/tags/{Escape(name)}", null, cancellationToken);
    }
}
