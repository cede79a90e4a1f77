using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Organizations;
using Coffer.Server.Passwords;
using Coffer.Server.Storage;

namespace Coffer.Server.Accounts;

/// <summary>
/// Setting passwords: a user changes their own (giving the current one, if they have one), and an
/// organization administrator sets a member's first password. Either way the user's sign-in
/// sessions end, except the one making the change.
/// </summary>
public static class PasswordEndpoints
{
    public static void Map(IEndpointRouteBuilder root, RouteGroupBuilder orgs)
    {
        root.MapPut("/api/user/password", ChangeOwnAsync)
            .WithSummary("Set or change the caller's password {currentPassword, newPassword}; currentPassword is required once a password is set")
            .AuditedInCallersOrganizations(AuditActions.PasswordChanged);
        orgs.MapPut("/{org}/members/{login}/password", SetMemberAsync)
            .WithSummary("Set a member's password {password}: their first one, or a new one if they belong to no other organization")
            .Audited(AuditActions.MemberPasswordSet);
    }

    private static async Task<IResult> ChangeOwnAsync(
        HttpContext context, ICofferStore store, PasswordHasher hasher, AuthenticationFailureLimiter limiter, TokenAuthentication authentication, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var user = caller.User ?? throw ApiError.Forbidden("only a user's personal token can change their password");
        var request = await RequestBody.ReadJsonAsync<ChangePasswordRequest>(context, 16 * 1024);
        var password = PasswordRules.RequireNew(request.NewPassword, "newPassword");
        if (await store.GetPasswordHashAsync(user.Id, cancellationToken) is { } stored)
        {
            if (request.CurrentPassword is not { Length: > 0 } current)
            {
                throw ApiError.BadRequest("changing a password needs the current one (\"currentPassword\")");
            }
            // Someone holding a stolen token must not be able to guess the password quickly either.
            var address = context.Connection.RemoteIpAddress;
            var attempt = limiter.TryBegin(address)
                ?? throw ApiError.TooManyRequests(Hosting.AuthenticationMiddleware.RateLimitMessage, limiter.RetryAfter(address) ?? TimeSpan.FromSeconds(1));
            if (!await hasher.VerifyAsync(PasswordRules.Normalize(current), stored, cancellationToken))
            {
                throw ApiError.Forbidden("the current password is wrong");
            }
            attempt.Succeeded();
        }
        await SetAsync(store, hasher, authentication, clock, user, password, caller.Token.Session ? caller.Token.Id : null, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> SetMemberAsync(
        string org, string login, HttpContext context, OrganizationAccess access, ICofferStore store, PasswordHasher hasher, TokenAuthentication authentication, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var organization = await access.RequireAdminAsync(caller, org, cancellationToken);
        var user = await MemberEndpoints.MemberAsync(store, organization, login, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<SetPasswordRequest>(context, 16 * 1024);
        var password = PasswordRules.RequireNew(request.Password, "password");
        // An administrator of one organization must not take over an account that others rely on.
        if (await store.GetPasswordHashAsync(user.Id, cancellationToken) is not null
            && (await store.ListMembershipsAsync(user.Id, cancellationToken)).Any(m => m.OrganizationId != organization.Id))
        {
            throw ApiError.Conflict($"{login} has a password and belongs to other organizations too: only {login} can change it");
        }
        await SetAsync(store, hasher, authentication, clock, user, password, caller.User?.Id == user.Id && caller.Token.Session ? caller.Token.Id : null, cancellationToken);
        return Results.NoContent();
    }

    // An administrator's change is audited in their organization, a user's own change in each of
    // their organizations (see docs/audit.md).
    private static async Task SetAsync(
        ICofferStore store, PasswordHasher hasher, TokenAuthentication authentication, TimeProvider clock, User user, string password, string? keepSession, CancellationToken cancellationToken)
    {
        var hash = await hasher.HashAsync(password, cancellationToken);
        var now = clock.GetUtcNow();
        await store.SetPasswordHashAsync(user.Id, hash, now, cancellationToken);
        await store.RevokeSessionsAsync(user.Id, keepSession, now, cancellationToken);
        authentication.Forget(t => t.UserId == user.Id && t.Session && t.Id != keepSession);
    }
}

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record SetPasswordRequest(string? Password);
