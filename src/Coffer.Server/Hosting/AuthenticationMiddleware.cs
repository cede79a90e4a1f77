using Coffer.Server.Accounts;
using Coffer.Server.Api;
using Coffer.Server.Auth;

namespace Coffer.Server.Hosting;

/// <summary>
/// Requires a valid access token on every request except health checks, signing in and the OIDC
/// issuer's discovery and keys. Invalid tokens count against the client's address
/// (<see cref="AuthenticationFailureLimiter"/>); an address over the limit gets 429.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, TokenAuthentication authentication, AuthenticationFailureLimiter limiter)
{
    private static readonly string[] PublicPrefixes = ["/healthz", "/readyz", "/.well-known/", Oidc.OidcEndpoints.PublicPrefix];

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
            // Audit seam: a request refused because its address made too many failed attempts.
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
                // Audit seam: a failed token check (the value itself must never be recorded).
                limiter.RecordFailure(address);
            }
            await ApiErrorMiddleware.WriteAsync(context, StatusCodes.Status401Unauthorized, error!, null);
            return;
        }
        context.Features.Set(caller);
        await next(context);
    }

    internal const string RateLimitMessage = "too many failed authentication attempts from this address: try again later";
}
