using Coffer.Server.Api;
using Coffer.Server.Auth;

namespace Coffer.Server.Hosting;

/// <summary>Requires a valid access token on every request except health checks and the OIDC issuer's discovery and keys.</summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, TokenAuthentication authentication)
{
    private static readonly string[] PublicPrefixes = ["/healthz", "/readyz", "/.well-known/", Oidc.OidcEndpoints.PublicPrefix];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
        {
            await next(context);
            return;
        }
        var (caller, error) = await authentication.AuthenticateAsync(context.Request.Headers.Authorization.ToString(), context.RequestAborted);
        if (caller is null)
        {
            await ApiErrorMiddleware.WriteAsync(context, StatusCodes.Status401Unauthorized, error!, null);
            return;
        }
        context.Features.Set(caller);
        await next(context);
    }
}
