using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Hosting;

/// <summary>Requires a valid access token on every request except health checks and the OIDC issuer's discovery and keys.</summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, TokenAuthentication authentication, AuditLog audit, ICofferStore store)
{
    private static readonly string[] PublicPrefixes = ["/healthz", "/readyz", "/.well-known/", Oidc.OidcEndpoints.PublicPrefix];
    private static readonly string[] OrganizationPrefixes = ["/api/esc/environments/", "/api/orgs/"];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
        {
            await next(context);
            return;
        }
        var authorization = context.Request.Headers.Authorization.ToString();
        var (caller, error) = await authentication.AuthenticateAsync(authorization, context.RequestAborted);
        if (caller is null)
        {
            if (!string.IsNullOrWhiteSpace(authorization))
            {
                await RecordRejectedTokenAsync(context, path);
            }
            await ApiErrorMiddleware.WriteAsync(context, StatusCodes.Status401Unauthorized, error!, null);
            return;
        }
        context.Features.Set(caller);
        await next(context);
    }

    /// <summary>
    /// A presented token that is not valid is recorded in the organization the request addressed,
    /// when it exists (without an organization there is no log to write to). Never the token itself.
    /// </summary>
    private async Task RecordRejectedTokenAsync(HttpContext context, string path)
    {
        var prefix = OrganizationPrefixes.FirstOrDefault(p => path.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null)
        {
            return;
        }
        var rest = path.AsSpan(prefix.Length);
        var end = rest.IndexOf('/');
        var organizationName = (end < 0 ? rest : rest[..end]).ToString();
        if (organizationName.Length is 0 or > 100 || organizationName.Contains('\0', StringComparison.Ordinal) || await store.FindOrganizationAsync(organizationName, CancellationToken.None) is not { } organization)
        {
            return;
        }
        await audit.RecordAsync(AuditEvents.ForRequest(context, organization.Id, AuditActions.AuthenticationFailed, AuditOutcomes.Unauthenticated,
            details: AuditEvents.Details(("method", context.Request.Method), ("path", path.Length > 256 ? path[..256] : path))), CancellationToken.None);
    }
}
