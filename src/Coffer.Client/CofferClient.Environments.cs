using System.Net;
using System.Runtime.CompilerServices;
using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    /// <summary>One page of the environments the caller can read, in one organization or (null) in all of its organizations.</summary>
    public Task<EnvironmentPage> ListEnvironmentsAsync(string? organization, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var path = organization is null ? "/api/esc/environments" : $"/api/esc/environments/{Escape(organization)}";
        return SendJsonAsync(HttpMethod.Get, path + Query(("continuationToken", continuationToken)), null, ClientJsonContext.Default.EnvironmentPage, cancellationToken);
    }

    /// <summary>Every environment the caller can read, page after page.</summary>
    public async IAsyncEnumerable<EnvironmentSummary> ListAllEnvironmentsAsync(string? organization, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await ListEnvironmentsAsync(organization, token, cancellationToken).ConfigureAwait(false);
            foreach (var environment in page.Environments)
            {
                yield return environment;
            }
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>Creates an empty environment (its revision 1).</summary>
    public Task CreateEnvironmentAsync(EnvironmentPath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SendNoContentAsync(HttpMethod.Post, $"/api/esc/environments/{Escape(path.Organization)}",
            Json(new CreateEnvironmentRequest(path.Project, path.Name), ClientJsonContext.Default.CreateEnvironmentRequest), cancellationToken);
    }

    /// <summary>
    /// Reads a definition: the latest, or at <paramref name="version"/> (a revision number or a tag).
    /// With <paramref name="decrypt"/> secrets come back in plaintext (this needs permission to open).
    /// </summary>
    public async Task<EnvironmentDefinitionText> GetEnvironmentAsync(EnvironmentPath path, string? version = null, bool decrypt = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var url = EnvironmentUrl(path) + (version is null ? "" : $"/versions/{Escape(version)}") + (decrypt ? "/decrypt" : "");
        using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        var yaml = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new EnvironmentDefinitionText(yaml, RevisionOf(response), response.Headers.ETag?.ToString());
    }

    /// <summary>
    /// Replaces a definition, making a new revision. Plaintext <c>fn::secret</c> values are encrypted by
    /// the server. With <paramref name="etag"/> (from <see cref="GetEnvironmentAsync"/>) the update fails
    /// with 409 Conflict if the environment changed since it was read. A definition with errors is
    /// refused with 400 and its diagnostics.
    /// </summary>
    public async Task<UpdateResult> UpdateEnvironmentAsync(EnvironmentPath path, string yaml, string? etag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(yaml);
        using var response = await SendAsync(HttpMethod.Patch, EnvironmentUrl(path), Yaml(yaml), cancellationToken, request =>
        {
            if (etag is not null)
            {
                // ESC clients send the ETag they read in a header named ETag.
                request.Headers.TryAddWithoutValidation("ETag", etag);
            }
        }).ConfigureAwait(false);
        var body = await ReadAsync(response, ClientJsonContext.Default.UpdateResponse, cancellationToken).ConfigureAwait(false);
        return new UpdateResult(RevisionOf(response), body.Diagnostics ?? []);
    }

    /// <summary>Deletes an environment and its history (refused with 409 while deletion protection is on).</summary>
    public Task DeleteEnvironmentAsync(EnvironmentPath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SendNoContentAsync(HttpMethod.Delete, EnvironmentUrl(path), null, cancellationToken);
    }

    /// <summary>Copies an environment to <paramref name="destination"/> (same organization), at <paramref name="version"/> or its latest revision.</summary>
    public Task CloneEnvironmentAsync(EnvironmentPath source, EnvironmentPath destination, CloneOptions? options = null, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new CloneOptions();
        var request = new CloneEnvironmentRequest(destination.Project, destination.Name, version, options.PreserveHistory, options.PreserveAccess, options.PreserveEnvironmentTags, options.PreserveRevisionTags);
        return SendNoContentAsync(HttpMethod.Post, EnvironmentUrl(source) + "/clone", Json(request, ClientJsonContext.Default.CloneEnvironmentRequest), cancellationToken);
    }

    /// <summary>An environment's settings.</summary>
    public Task<EnvironmentSettings> GetSettingsAsync(EnvironmentPath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SendJsonAsync(HttpMethod.Get, EnvironmentUrl(path) + "/settings", null, ClientJsonContext.Default.EnvironmentSettings, cancellationToken);
    }

    /// <summary>Changes an environment's settings; null leaves a setting as it is. Returns the settings afterwards.</summary>
    public async Task<EnvironmentSettings> UpdateSettingsAsync(EnvironmentPath path, bool? deletionProtected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        await SendNoContentAsync(HttpMethod.Patch, EnvironmentUrl(path) + "/settings", Json(new SettingsPatch(deletionProtected), ClientJsonContext.Default.SettingsPatch), cancellationToken).ConfigureAwait(false);
        return await GetSettingsAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a definition without storing it and returns its evaluated values (providers are not
    /// run; their values are unknown). A definition with errors is not an exception: the result then
    /// carries the diagnostics and no properties.
    /// </summary>
    public async Task<EvaluatedEnvironment> CheckEnvironmentAsync(string organization, string yaml, bool showSecrets = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        try
        {
            var url = $"/api/esc/environments/{Escape(organization)}/yaml/check" + Query(("showSecrets", showSecrets ? "true" : null));
            return await SendJsonAsync(HttpMethod.Post, url, Yaml(yaml), ClientJsonContext.Default.EvaluatedEnvironment, cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Diagnostics.Count > 0)
        {
            return new EvaluatedEnvironment(null, ex.Diagnostics);
        }
    }

    /// <summary>
    /// Opens an environment — evaluates it with secrets decrypted and providers run — at its latest
    /// revision or at <paramref name="version"/>, and returns the session id. The session lasts
    /// <paramref name="duration"/> (the server's default when null).
    /// </summary>
    public async Task<string> OpenEnvironmentAsync(EnvironmentPath path, string? version = null, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var session = await SendJsonAsync(HttpMethod.Post, OpenUrl(path, version, duration), null, ClientJsonContext.Default.OpenSession, cancellationToken).ConfigureAwait(false);
        return session.Id;
    }

    /// <summary>The values of an open session.</summary>
    public Task<EvaluatedEnvironment> ReadOpenEnvironmentAsync(EnvironmentPath path, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return SendJsonAsync(HttpMethod.Get, SessionUrl(path, sessionId), null, ClientJsonContext.Default.EvaluatedEnvironment, cancellationToken);
    }

    /// <summary>Opens an environment and reads its values (<see cref="OpenEnvironmentAsync"/>, then <see cref="ReadOpenEnvironmentAsync"/>).</summary>
    public async Task<EvaluatedEnvironment> OpenAndReadEnvironmentAsync(EnvironmentPath path, string? version = null, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        // As OpenEnvironmentAsync, without its async frame (see SendJsonAsync).
        ArgumentNullException.ThrowIfNull(path);
        var session = await SendJsonAsync(HttpMethod.Post, OpenUrl(path, version, duration), null, ClientJsonContext.Default.OpenSession, cancellationToken).ConfigureAwait(false);
        return await ReadOpenEnvironmentAsync(path, session.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="OpenAndReadEnvironmentAsync"/>, blocking: for a program that starts, makes this
    /// call and ends (<c>coffer run</c>). A blocking call needs neither the thread pool nor the
    /// asynchronous code of the HTTP stack, which such a program would JIT-compile for this one
    /// call. The client's <see cref="HttpClient"/> must support <c>Send</c> (its default one does).
    /// </summary>
    internal EvaluatedEnvironment OpenAndReadEnvironment(EnvironmentPath path, string? version, TimeSpan? duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        // With async: false the tasks are complete when they are returned.
        var session = SendJsonAsync(HttpMethod.Post, OpenUrl(path, version, duration), null, ClientJsonContext.Default.OpenSession, cancellationToken, async: false).GetAwaiter().GetResult();
        return SendJsonAsync(HttpMethod.Get, SessionUrl(path, session.Id), null, ClientJsonContext.Default.EvaluatedEnvironment, cancellationToken, async: false).GetAwaiter().GetResult();
    }

    private static string SessionUrl(EnvironmentPath path, string sessionId) => EnvironmentUrl(path) + $"/open/{Escape(sessionId)}";

    private static string OpenUrl(EnvironmentPath path, string? version, TimeSpan? duration) =>
        EnvironmentUrl(path) + (version is null ? "" : $"/versions/{Escape(version)}") + "/open"
        + Query(("duration", duration is { } d ? $"{(long)Math.Ceiling(d.TotalSeconds)}s" : null));
}
