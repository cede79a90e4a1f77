using Coffer.Server.Accounts;
using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Hosting;

/// <summary>
/// Requires a valid access token on every request except health checks, signing in and the OIDC
/// issuer's discovery and keys. Invalid tokens count against the client's address
/// (<see cref="AuthenticationFailureLimiter"/>) and are recorded in the audit log of the
/// organization the request addressed; an address over the limit gets 429.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, TokenAuthentication authentication, AuthenticationFailureLimiter limiter, AuditLog audit, ICofferStore store)
{
    private static readonly string[] PublicPrefixes = ["/healthz", "/readyz", "/.well-known/", Oidc.OidcEndpoints.PublicPrefix];
    private static readonly string[] OrganizationPrefixes = ["/api/esc/environments/", "/api/orgs/"];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        // Signing in checks a password instead of a token, and limits failures itself.
        if (PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)) || path == SignInEndpoints.Path)
        {
            await next(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress;
        if (limiter.RetryAfter(address) is { } wait)
        {
            // Not recorded: the failures that led here were, and a flood of refusals must not
            // become a flood of audit writes.
            await ApiErrorMiddleware.WriteAsync(context, StatusCodes.Status429TooManyRequests, RateLimitMessage, null, wait);
            return;
        }
        var authorization = context.Request.Headers.Authorization.ToString();
        var (caller, error) = await authentication.AuthenticateAsync(authorization, context.RequestAborted);
        if (caller is null)
        {
            // A request without any token guesses nothing; one with a wrong token may be guessing.
            if (!string.IsNullOrWhiteSpace(authorization))
            {
                limiter.RecordFailure(address);
                await RecordAsync(context, path, AuditActions.AuthenticationFailed);
            }
            await ApiErrorMiddleware.WriteAsync(context, StatusCodes.Status401Unauthorized, error!, null);
            return;
        }
        context.Features.Set(caller);
        await next(context);
    }

    internal const string RateLimitMessage = "too many failed authentication attempts from this address: try again later";

    /// <summary>
    /// A presented token that is not valid is recorded in the organization the request addressed,
    /// when it exists (without an organization there is no log to write to). Never the token itself.
    /// </summary>
    private async Task RecordAsync(HttpContext context, string path, string action)
    {
        var prefix = OrganizationPrefixes.FirstOrDefault(p => path.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null)
        {
            return;
        }
        var rest = path.AsSpan(prefix.Length);
        var end = rest.IndexOf('/');
        var organizationName = (end < 0 ? rest : rest[..end]).ToString();
        if (await AuditEvents.NamedOrganizationIdAsync(store, organizationName) is not { } organizationId)
        {
            return;
        }
        await audit.RecordAsync(AuditEvents.ForRequest(context, organizationId, action, AuditOutcomes.Unauthenticated,
            details: AuditEvents.Details(("method", context.Request.Method), ("path", path.Length > 256 ? path[..256] : path))), CancellationToken.None);
    }
}
