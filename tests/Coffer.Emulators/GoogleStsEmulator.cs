using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// Google's Security Token Service <c>v1/token</c> exchange for workload identity federation. A
/// project's pool provider names its OIDC issuer and allowed audiences; the subject token must be
/// signed with a key in the issuer's JWKS (fetched over HTTP), be for an allowed audience and be
/// unexpired. The federated token it issues speaks for
/// <c>principal://iam.googleapis.com/&lt;pool&gt;/subject/&lt;sub&gt;</c> (mapping <c>google.subject = assertion.sub</c>).
/// </summary>
public sealed class GoogleStsEmulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PoolProvider> _providers = new(StringComparer.Ordinal);
    private readonly FederatedTokenValidator _validator = new();
    private readonly LoopbackServer _server;

    private GoogleStsEmulator(LoopbackServer server, AccessTokenStore tokens)
    {
        _server = server;
        Tokens = tokens;
    }

    /// <summary>An OIDC provider in a workload identity pool.</summary>
    public sealed record PoolProvider(long ProjectNumber, string Pool, string Provider, string Issuer, IReadOnlyList<string> AllowedAudiences, string Location = "global")
    {
        /// <summary>The provider's full name, the exchange's <c>audience</c>.</summary>
        public string Audience => $"//iam.googleapis.com/projects/{ProjectNumber}/locations/{Location}/workloadIdentityPools/{Pool}/providers/{Provider}";

        /// <summary>The principal a federated subject becomes.</summary>
        public string Principal(string subject) => $"principal://iam.googleapis.com/projects/{ProjectNumber}/locations/{Location}/workloadIdentityPools/{Pool}/subject/{subject}";
    }

    /// <summary>A federated token issued, and for whom.</summary>
    public sealed record Exchange(string Audience, string Subject, string Principal, string Token);

    public Uri Endpoint => _server.BaseAddress;

    public AccessTokenStore Tokens { get; }

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    public static async Task<GoogleStsEmulator> StartAsync(AccessTokenStore tokens)
    {
        GoogleStsEmulator? emulator = null;
        var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/token", (Delegate)((HttpContext context) => emulator!.TokenAsync(context))));
        emulator = new GoogleStsEmulator(server, tokens);
        return emulator;
    }

    public void AddProvider(PoolProvider provider) => _providers[provider.Audience] = provider;

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return GoogleErrors.OAuth(400, "invalid_request", "Invalid Content-Type. Expected application/x-www-form-urlencoded or application/json.");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : "";
        if (Field("grant_type") != "urn:ietf:params:oauth:grant-type:token-exchange")
        {
            return GoogleErrors.OAuth(400, "unsupported_grant_type", $"Invalid value for \"grant_type\": {Field("grant_type")}");
        }
        if (Field("requested_token_type") != "urn:ietf:params:oauth:token-type:access_token")
        {
            return GoogleErrors.OAuth(400, "invalid_request", "Invalid value for \"requested_token_type\".");
        }
        if (Field("subject_token_type") != "urn:ietf:params:oauth:token-type:jwt" && Field("subject_token_type") != "urn:ietf:params:oauth:token-type:id_token")
        {
            return GoogleErrors.OAuth(400, "invalid_request", "Invalid value for \"subject_token_type\".");
        }
        var audience = Field("audience");
        if (!audience.StartsWith("//iam.googleapis.com/projects/", StringComparison.Ordinal))
        {
            return GoogleErrors.OAuth(400, "invalid_request", "Invalid value for \"audience\". This value should be the full resource name of the Identity Provider. See https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token for the list of possible formats.");
        }
        if (!_providers.TryGetValue(audience, out var provider))
        {
            return GoogleErrors.OAuth(400, "invalid_target", "The target service indicated by the \"audience\" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn't exist.");
        }

        var subjectToken = Field("subject_token");
        var outcome = await _validator.ValidateAsync(subjectToken, provider.Issuer, provider.AllowedAudiences, context.RequestAborted);
        switch (outcome.Verdict)
        {
            case FederatedTokenValidator.Verdict.Valid:
                break;
            case FederatedTokenValidator.Verdict.Malformed:
                return GoogleErrors.OAuth(400, "invalid_request", "Invalid value for \"subject_token\": the token is not a JWT.");
            case FederatedTokenValidator.Verdict.WrongAudience:
                return GoogleErrors.OAuth(400, "invalid_grant", $"The audience in ID Token [{string.Join(",", outcome.Audiences)}] does not match the expected audience.");
            case FederatedTokenValidator.Verdict.Expired:
                return GoogleErrors.OAuth(400, "invalid_grant", $"ID Token expired at {outcome.ValidTo:yyyy-MM-dd'T'HH:mm:ss'Z'}.");
            case FederatedTokenValidator.Verdict.IssuerUnreachable:
                return GoogleErrors.OAuth(400, "invalid_grant", "Failed to fetch the OpenID Connect discovery document or JWKS of the issuer.");
            case FederatedTokenValidator.Verdict.Invalid when outcome.Issuer != provider.Issuer:
                return GoogleErrors.OAuth(400, "invalid_grant", $"The issuer in ID Token {outcome.Issuer} does not match the expected issuer {provider.Issuer}.");
            default:
                return GoogleErrors.OAuth(400, "invalid_grant", "Invalid JWT signature.");
        }

        var principal = provider.Principal(outcome.Subject);
        var token = Tokens.Issue("sts.", new AccessTokenStore.Grant(principal, "https://www.googleapis.com/auth/cloud-platform", provider.ProjectNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddHours(1)));
        Exchanges.Enqueue(new Exchange(audience, outcome.Subject, principal, token));
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["issued_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
            ["token_type"] = "Bearer",
            ["expires_in"] = 3599,
        });
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
