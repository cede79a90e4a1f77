using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Hosting;
using Coffer.Server.Organizations;
using Coffer.Server.Passwords;
using Coffer.Server.Storage;

namespace Coffer.Server.Accounts;

/// <summary>
/// Signing in with a login and password: the answer is a short-lived personal token for one
/// organization, used like any other (<c>Authorization: token …</c>). A wrong password, an unknown
/// login, a user without a password and an organization the user is not in all get the same 401
/// after the same work, so the answer does not tell which logins or organizations exist. Failures
/// count against the client's address (<see cref="AuthenticationFailureLimiter"/>). Every attempt
/// on an organization that exists is audited there, a success before its token leaves.
/// </summary>
public static class SignInEndpoints
{
    public const string Path = "/api/sign-in";
    internal const string FailedMessage = "sign-in failed: wrong login, password or organization";

    public static void Map(IEndpointRouteBuilder root) =>
        root.MapPost(Path, SignInAsync)
            .WithSummary("Sign in with {login, password, organization}; the response carries a short-lived personal token for that organization, shown once");

    private static async Task<IResult> SignInAsync(
        HttpContext context, ICofferStore store, PasswordHasher hasher, AuthenticationFailureLimiter limiter, ServerOptions options,
        TimeProvider clock, AuditLog audit, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadJsonAsync<SignInRequest>(context, 16 * 1024);
        if (request.Login is not { Length: > 0 } login || request.Password is not { Length: > 0 } password || request.Organization is not { Length: > 0 } organizationName)
        {
            throw ApiError.BadRequest("signing in needs \"login\", \"password\" and \"organization\"");
        }
        var address = context.Connection.RemoteIpAddress;
        // Refusals for too many failures are not audited: the failures were.
        var attempt = limiter.TryBegin(address)
            ?? throw ApiError.TooManyRequests(AuthenticationMiddleware.RateLimitMessage, limiter.RetryAfter(address) ?? TimeSpan.FromSeconds(1));

        var user = await store.FindUserAsync(login, cancellationToken);
        var organization = await store.FindOrganizationAsync(organizationName, cancellationToken);
        var member = user is not null && organization is not null
            && (await store.ListMembershipsAsync(user.Id, cancellationToken)).Any(m => m.OrganizationId == organization.Id);
        var stored = member ? await store.GetPasswordHashAsync(user!.Id, cancellationToken) : null;
        if (!await hasher.VerifyAsync(PasswordRules.Normalize(password), stored, cancellationToken))
        {
            if (organization is not null)
            {
                // The login as given (never the password), whether or not such a user exists.
                await audit.RecordAsync(AuditEvents.ForRequest(context, organization.Id, AuditActions.SignIn, AuditOutcomes.Unauthenticated,
                    actor: login.Length > 100 ? login[..100] : login), CancellationToken.None);
            }
            throw new ApiError(StatusCodes.Status401Unauthorized, FailedMessage);
        }
        attempt.Succeeded();
        if (PasswordHash.NeedsUpgrade(stored!))
        {
            await store.UpgradePasswordHashAsync(user!.Id, stored!, await hasher.HashAsync(PasswordRules.Normalize(password), cancellationToken), cancellationToken);
        }

        var now = clock.GetUtcNow();
        var value = TokenValues.Generate();
        var id = Guid.NewGuid().ToString("N");
        var token = new AccessToken(id, TokenValues.Hash(value), TokenKind.Personal, user!.Id, organization!.Id, null,
            $"sign-in {id[..8]}", "signed in with a password", now, null, now + options.SessionLifetime, null, user.Login, Session: true);
        await store.CreateTokenAsync(token, cancellationToken);
        await audit.RecordAsync(AuditEvents.ForRequest(context, organization.Id, AuditActions.SignIn, AuditOutcomes.Success,
            actor: user.Login, details: AuditEvents.Details(("tokenId", id))), CancellationToken.None);
        return Results.Ok(new { token = value, tokenInfo = OrganizationJson.Token(token), organization = organization.Name, login = user.Login });
    }
}

public sealed record SignInRequest(string? Login, string? Password, string? Organization);
