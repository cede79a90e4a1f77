using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// The Entra ID v2.0 token endpoint's client-credentials grant, as it treats app registrations:
/// a client secret must be one of the app's; a client assertion must match one of the app's
/// federated credentials exactly (issuer, subject and audience — no wildcards) and its signature,
/// audience and lifetime must check against the issuer's JWKS, fetched over HTTP. Errors carry
/// Entra's OAuth shape and AADSTS codes. Access tokens it issues are honoured by <see cref="KeyVaultEmulator"/>.
/// </summary>
public sealed class EntraEmulator : IAsyncDisposable
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Application>> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly FederatedTokenValidator _validator = new();
    private readonly LoopbackServer _server;

    private EntraEmulator(LoopbackServer server, AccessTokenStore tokens)
    {
        _server = server;
        Tokens = tokens;
    }

    /// <summary>A federated identity credential on an app registration ("Other issuer").</summary>
    public sealed record FederatedCredential(string Issuer, string Subject, string Audience);

    /// <summary>An app registration: its client secrets and federated credentials.</summary>
    public sealed record Application(string ClientId, IReadOnlyList<string> Secrets, IReadOnlyList<FederatedCredential> Federated);

    /// <summary>A token the endpoint issued, with how the client proved itself.</summary>
    public sealed record IssuedToken(string TenantId, string ClientId, string Scope, string Method, string? AssertionSubject, string AccessToken);

    /// <summary>The authority to configure clients with (the tenant goes after it).</summary>
    public Uri Authority => _server.BaseAddress;

    public AccessTokenStore Tokens { get; }

    public ConcurrentQueue<IssuedToken> Issued { get; } = new();

    /// <summary>Faults keyed by tenant id.</summary>
    public ServiceFaults Faults { get; } = new();

    public static async Task<EntraEmulator> StartAsync(AccessTokenStore tokens)
    {
        EntraEmulator? emulator = null;
        var server = await LoopbackServer.StartAsync(app => app.MapPost("/{tenant}/oauth2/v2.0/token", (Delegate)((HttpContext context) => emulator!.TokenAsync(context, (string)context.Request.RouteValues["tenant"]!))));
        emulator = new EntraEmulator(server, tokens);
        return emulator;
    }

    public void AddApplication(string tenantId, Application application) =>
        _tenants.GetOrAdd(tenantId, _ => new(StringComparer.OrdinalIgnoreCase))[application.ClientId] = application;

    private async Task<IResult> TokenAsync(HttpContext context, string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var applications))
        {
            return Error(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }
        switch (await Faults.ApplyAsync(tenant, context.RequestAborted))
        {
            case "ThrottlingException":
                return Error(429, "temporarily_unavailable", 50196, "The server terminated an operation because it encountered a client request loop.");
            case "InternalServiceError":
                return Error(503, "temporarily_unavailable", 90033, "A transient error has occurred. Please try again.");
        }
        if (!context.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        if (Field("grant_type") != "client_credentials")
        {
            return Error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        }
        var scope = Field("scope") ?? "";
        if (!scope.EndsWith("/.default", StringComparison.Ordinal) || scope.Contains(' ', StringComparison.Ordinal))
        {
            return Error(400, "invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }
        var clientId = Field("client_id") ?? "";
        if (!applications.TryGetValue(clientId, out var application))
        {
            return Error(400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.");
        }

        string method;
        string? subject = null;
        if (Field("client_secret") is { } secret)
        {
            if (!application.Secrets.Contains(secret, StringComparer.Ordinal))
            {
                return Error(401, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");
            }
            method = "secret";
        }
        else if (Field("client_assertion") is { } assertion)
        {
            if (Field("client_assertion_type") != AssertionType)
            {
                return Error(400, "invalid_request", 7000012, "The client_assertion_type is invalid.");
            }
            var failure = await CheckAssertionAsync(application, assertion, context.RequestAborted);
            if (failure is not null)
            {
                return failure;
            }
            method = "federated";
            subject = FederatedTokenValidator.Read(assertion)!.Subject;
        }
        else
        {
            return Error(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        var resource = scope[..^"/.default".Length];
        var token = Tokens.Issue("entra.", new AccessTokenStore.Grant(clientId, resource, tenant, DateTimeOffset.UtcNow.AddHours(1)));
        Issued.Enqueue(new IssuedToken(tenant, clientId, scope, method, subject, token));
        return Results.Json(new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["ext_expires_in"] = 3599, ["access_token"] = token });
    }

    private async Task<IResult?> CheckAssertionAsync(Application application, string assertion, CancellationToken aborted)
    {
        var claims = FederatedTokenValidator.Read(assertion);
        if (claims is null)
        {
            return Error(400, "invalid_client", 50027, "JWT token is invalid or malformed.");
        }
        var audiences = claims.Audiences.ToList();
        var byIssuer = application.Federated.Where(f => f.Issuer == claims.Issuer).ToList();
        if (byIssuer.Count == 0)
        {
            return Error(400, "invalid_request", 700211, $"No matching federated identity record found for presented assertion issuer '{claims.Issuer}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.");
        }
        var match = byIssuer.FirstOrDefault(f => f.Subject == claims.Subject && audiences.Contains(f.Audience));
        if (match is null)
        {
            return Error(400, "invalid_request", 70021, $"No matching federated identity record found for presented assertion. Assertion Issuer: '{claims.Issuer}'. Assertion Subject: '{claims.Subject}'. Assertion Audience: '{string.Join(",", audiences)}'.");
        }
        var outcome = await _validator.ValidateAsync(assertion, match.Issuer, [match.Audience], aborted);
        return outcome.Verdict switch
        {
            FederatedTokenValidator.Verdict.Valid => null,
            FederatedTokenValidator.Verdict.Expired => Error(400, "invalid_client", 700024, $"Client assertion is not within its valid time range. Current time: {DateTime.UtcNow:O}, expiry time of assertion {outcome.ValidTo:O}."),
            FederatedTokenValidator.Verdict.IssuerUnreachable => Error(400, "invalid_client", 50166, $"Request to External OIDC endpoint failed. Issuer: '{claims.Issuer}'."),
            FederatedTokenValidator.Verdict.UnknownSigningKey => Error(400, "invalid_client", 5002738, $"Invalid JWT token. The key with the token's kid '{claims.Kid}' was not found in the issuer's keys."),
            FederatedTokenValidator.Verdict.BadSignature => Error(400, "invalid_client", 50013, "Assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value.]"),
            _ => Error(400, "invalid_client", 50027, "JWT token is invalid or malformed."),
        };
    }

    /// <summary>Entra's OAuth error; the trace lines after the first are what the real service appends.</summary>
    private static IResult Error(int status, string error, int code, string description) => Results.Json(
        new Dictionary<string, object>
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description}\r\nTrace ID: {Guid.NewGuid()}\r\nCorrelation ID: {Guid.NewGuid()}\r\nTimestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss'Z'}",
            ["error_codes"] = new[] { code },
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={code}",
        },
        statusCode: status);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
