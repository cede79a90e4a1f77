using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Organizations;

/// <summary>
/// The members of an organization and their roles. Users are created here too: an administrator
/// creates a user into their organization, and hands them the first personal token.
/// </summary>
public static class MemberEndpoints
{
    public static void Map(RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{org}/members", ListAsync).WithSummary("List the members of an organization and their roles").Audited(AuditActions.MembersRead);
        orgs.MapPost("/{org}/members", AddAsync).WithSummary("Add an existing user to an organization as member or admin").Audited(AuditActions.MemberAdded);
        orgs.MapPatch("/{org}/members/{login}", ChangeRoleAsync).WithSummary("Change a member's role (member or admin)").Audited(AuditActions.MemberRoleChanged);
        orgs.MapDelete("/{org}/members/{login}", RemoveAsync).WithSummary("Remove a member, with their grants and team memberships in the organization").Audited(AuditActions.MemberRemoved);
        orgs.MapPost("/{org}/users", CreateUserAsync).WithSummary("Create a user as a member of the organization; the response carries their first personal token, shown once").Audited(AuditActions.UserCreated);
    }

    private static async Task<IResult> ListAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var members = new List<object>();
        foreach (var membership in await store.ListMembersAsync(organization.Id, cancellationToken))
        {
            if (await store.GetUserAsync(membership.UserId, cancellationToken) is { } user)
            {
                members.Add(OrganizationJson.Member(user, membership.Role));
            }
        }
        return Results.Ok(new { members });
    }

    private static async Task<IResult> AddAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<AddMemberRequest>(context);
        var user = await UserAsync(store, request.Login, cancellationToken);
        var role = Role(request.Role ?? MemberRoles.Member);
        AuditScope.Current?.AddDetail("login", user.Login);
        AuditScope.Current?.AddDetail("role", role);
        await store.SetMembershipAsync(new Membership(organization.Id, user.Id, role), cancellationToken);
        return Results.Ok(OrganizationJson.Member(user, role));
    }

    private static async Task<IResult> ChangeRoleAsync(string org, string login, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<ChangeRoleRequest>(context);
        var role = Role(request.Role);
        AuditScope.Current?.AddDetail("role", role);
        var user = await MemberAsync(store, organization, login, cancellationToken);
        if (role != MemberRoles.Admin)
        {
            await KeepAnAdministratorAsync(store, organization, user, cancellationToken);
        }
        await store.SetMembershipAsync(new Membership(organization.Id, user.Id, role), cancellationToken);
        return Results.Ok(OrganizationJson.Member(user, role));
    }

    private static async Task<IResult> RemoveAsync(string org, string login, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var user = await MemberAsync(store, organization, login, cancellationToken);
        await KeepAnAdministratorAsync(store, organization, user, cancellationToken);
        await store.RemoveMembershipAsync(organization.Id, user.Id, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateUserAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var organization = await access.RequireAdminAsync(caller, org, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<CreateUserRequest>(context);
        var login = AccountNames.Require(request.Login, "the user needs a login (\"login\")");
        var role = Role(request.Role ?? MemberRoles.Member);
        AuditScope.Current?.AddDetail("login", login);
        AuditScope.Current?.AddDetail("role", role);
        var now = clock.GetUtcNow();
        var user = new User(Guid.NewGuid().ToString("N"), login, request.Name is { Length: > 0 } name ? name : login, request.Email, now);
        try
        {
            await store.CreateUserAsync(user, cancellationToken);
        }
        catch (ConflictException)
        {
            throw ApiError.Conflict($"user {login} already exists");
        }
        await store.SetMembershipAsync(new Membership(organization.Id, user.Id, role), cancellationToken);
        var value = TokenValues.Generate();
        var token = new AccessToken(Guid.NewGuid().ToString("N"), TokenValues.Hash(value), TokenKind.Personal, user.Id, null, null,
            "initial", $"created with the user by {caller.Login}", now, null, null, null, caller.Login);
        await store.CreateTokenAsync(token, cancellationToken);
        return Results.Ok(new { user = OrganizationJson.Member(user, role), token = value, tokenInfo = OrganizationJson.Token(token) });
    }

    internal static async Task<User> UserAsync(ICofferStore store, string? login, CancellationToken cancellationToken) =>
        login is { Length: > 0 }
            ? await store.FindUserAsync(login, cancellationToken) ?? throw ApiError.NotFound($"user {login} not found")
            : throw ApiError.BadRequest("the request must name the user (\"login\")");

    /// <summary>A user who is a member of the organization; 404 for anyone else.</summary>
    internal static async Task<User> MemberAsync(ICofferStore store, Organization organization, string login, CancellationToken cancellationToken)
    {
        var user = await store.FindUserAsync(login, cancellationToken);
        if (user is null || !(await store.ListMembershipsAsync(user.Id, cancellationToken)).Any(m => m.OrganizationId == organization.Id))
        {
            throw ApiError.NotFound($"{login} is not a member of {organization.Name}");
        }
        return user;
    }

    // An organization without an administrator could never be managed again through the API.
    private static async Task KeepAnAdministratorAsync(ICofferStore store, Organization organization, User leaving, CancellationToken cancellationToken)
    {
        var admins = (await store.ListMembersAsync(organization.Id, cancellationToken)).Where(m => m.Role == MemberRoles.Admin).ToList();
        if (admins.Count == 1 && admins[0].UserId == leaving.Id)
        {
            throw ApiError.Conflict($"{leaving.Login} is the last administrator of {organization.Name}: make another member an administrator first");
        }
    }

    private static string Role(string? role) =>
        role is not null && MemberRoles.IsValid(role) ? role : throw ApiError.BadRequest("the role must be \"member\" or \"admin\"");
}
