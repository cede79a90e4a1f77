using System.Globalization;
using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    /// <summary>One page of an organization's audit log, newest first (organization administrators only).</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="filter">Which events; null for all.</param>
    /// <param name="continuationToken">The previous page's token, for the next page.</param>
    /// <param name="count">Events per page, 1 to 1000 (the server's default is 100).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<AuditEventPage> ListAuditEventsAsync(string organization, AuditFilter? filter = null, string? continuationToken = null, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organization);
        var url = $"/api/orgs/{Escape(organization)}/audit" + AuditQuery(filter, ("continuationToken", continuationToken), ("count", count is { } c ? Number(c) : null));
        return SendJsonAsync(HttpMethod.Get, url, null, ClientJsonContext.Default.AuditEventPage, cancellationToken);
    }

    /// <summary>
    /// Copies every audit event matching <paramref name="filter"/>, oldest first, to
    /// <paramref name="destination"/> as JSON lines (one event object per line), as the server sends them.
    /// </summary>
    public async Task ExportAuditEventsAsync(string organization, Stream destination, AuditFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organization);
        ArgumentNullException.ThrowIfNull(destination);
        using var response = await SendAsync(HttpMethod.Get, $"/api/orgs/{Escape(organization)}/audit/export" + AuditQuery(filter), null, cancellationToken,
            streaming: true).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await body.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the organization's audit hash chain; the result names the first record that does not verify.</summary>
    public Task<AuditVerification> VerifyAuditLogAsync(string organization, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organization);
        return SendJsonAsync(HttpMethod.Get, $"/api/orgs/{Escape(organization)}/audit/verify", null, ClientJsonContext.Default.AuditVerification, cancellationToken);
    }

    private static string AuditQuery(AuditFilter? filter, params (string Name, string? Value)[] more) =>
        Query([
            ("from", filter?.From?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            ("to", filter?.To?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            ("actor", filter?.Actor),
            ("environment", filter?.Environment),
            ("action", filter?.Action),
            ("outcome", filter?.Outcome),
            .. more,
        ]);
}
