using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Coffer.Providers.Gcp;

/// <summary>
/// The two calls of a Google login: the Security Token Service exchange of an external identity
/// token for a federated token (RFC 8693, as workload identity federation does it), and IAM
/// Credentials <c>generateAccessToken</c>, which turns a token allowed to impersonate a service
/// account into that account's access token.
/// </summary>
internal sealed class GoogleCredentials(GcpClients clients)
{
    private const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>An access token and when it expires.</summary>
    public sealed record AccessToken(string Token, DateTimeOffset? Expiry)
    {
        public override string ToString() => $"AccessToken {{ Expiry = {Expiry:O} }}";
    }

    /// <summary>The workload identity provider's full name, the <c>audience</c> of the exchange.</summary>
    public static string ProviderAudience(long projectNumber, string region, string pool, string provider) =>
        $"//iam.googleapis.com/projects/{projectNumber}/locations/{region}/workloadIdentityPools/{pool}/providers/{provider}";

    public async Task<AccessToken> ExchangeAsync(string identityToken, string audience, string provider, CancellationToken cancellationToken)
    {
        var form = new (string, string)[]
        {
            ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            ("audience", audience),
            ("scope", CloudPlatformScope),
            ("requested_token_type", "urn:ietf:params:oauth:token-type:access_token"),
            ("subject_token", identityToken),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:jwt"),
        };
        var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}")));
        var description = new GoogleApiClient.CallDescription(provider, "Google STS token exchange", $"\"{audience}\"");
        using var answer = await clients.Api.SendAsync(
            HttpMethod.Post, new Uri(clients.Endpoints.Sts, "v1/token"), body, "application/x-www-form-urlencoded", null, description, [identityToken], cancellationToken).ConfigureAwait(false);
        return ReadToken(answer.RootElement, "access_token", null, description);
    }

    public async Task<AccessToken> GenerateAccessTokenAsync(string bearerToken, string serviceAccount, TimeSpan lifetime, string provider, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("scope");
            json.WriteStringValue(CloudPlatformScope);
            json.WriteEndArray();
            json.WriteString("lifetime", ((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s");
            json.WriteEndObject();
        }
        var description = new GoogleApiClient.CallDescription(provider, "IAM Credentials generateAccessToken", $"service account \"{serviceAccount}\"");
        var uri = new Uri(clients.Endpoints.IamCredentials, $"v1/projects/-/serviceAccounts/{Uri.EscapeDataString(serviceAccount)}:generateAccessToken");
        using var answer = await clients.Api.SendAsync(HttpMethod.Post, uri, buffer.ToArray(), "application/json", bearerToken, description, [], cancellationToken).ConfigureAwait(false);
        return ReadToken(answer.RootElement, "accessToken", "expireTime", description);
    }

    private AccessToken ReadToken(JsonElement answer, string tokenField, string? expiryField, GoogleApiClient.CallDescription description)
    {
        if (!answer.TryGetProperty(tokenField, out var token) || token.ValueKind != JsonValueKind.String || token.GetString()!.Length == 0)
        {
            throw GoogleApiClient.Failure(description, "the answer holds no access token");
        }
        DateTimeOffset? expiry = null;
        if (expiryField is not null && answer.TryGetProperty(expiryField, out var at) && at.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            expiry = parsed.ToUniversalTime();
        }
        else if (answer.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s))
        {
            expiry = clients.Options.TimeProvider.GetUtcNow().AddSeconds(s);
        }
        return new AccessToken(token.GetString()!, expiry);
    }
}
