using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    /// <summary>
    /// Rotates the <c>fn::rotate</c> secrets at <paramref name="paths"/> (relative to <c>values</c>;
    /// all of them when empty). The new state is written as a new revision, named by
    /// <see cref="RotationEvent.PostRotationRevision"/>. With <paramref name="etag"/> the server
    /// refuses (409) when the environment changed since that ETag was read.
    /// </summary>
    public async Task<RotationEvent> RotateEnvironmentAsync(EnvironmentPath path, IReadOnlyList<string>? paths = null, string? etag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var body = Json(new RotateRequest(paths ?? []), ClientJsonContext.Default.RotateRequest);
        using var response = await SendAsync(HttpMethod.Post, EnvironmentUrl(path) + "/rotate", body, cancellationToken,
            etag is null ? null : request => request.Headers.TryAddWithoutValidation("ETag", etag)).ConfigureAwait(false);
        return (await ReadAsync(response, ClientJsonContext.Default.RotateResponse, cancellationToken).ConfigureAwait(false)).SecretRotationEvent;
    }
}
