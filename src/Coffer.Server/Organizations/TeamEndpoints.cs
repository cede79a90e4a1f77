using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Organizations;

/// <summary>Teams of an organization and their members. Only members of the organization can join a team.</summary>
public static class TeamEndpoints
{
    public static void Map(RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{org}/teams", ListAsync).WithSummary("List the teams of an organization").Audited(AuditActions.TeamsRead);
        orgs.MapPost("/{org}/teams", CreateAsync).WithSummary("Create a team").Audited(AuditActions.TeamCreated);
        orgs.MapGet("/{org}/teams/{team}", ReadAsync).WithSummary("A team and its members").Audited(AuditActions.TeamsRead);
        orgs.MapPatch("/{org}/teams/{team}", UpdateAsync).WithSummary("Change a team's description").Audited(AuditActions.TeamUpdated);
        orgs.MapDelete("/{org}/teams/{team}", DeleteAsync).WithSummary("Delete a team with its grants; its tokens are revoked").Audited(AuditActions.TeamDeleted);
        orgs.MapPut("/{org}/teams/{team}/members/{login}", AddMemberAsync).WithSummary("Add a member of the organization to a team").Audited(AuditActions.TeamMemberAdded);
        orgs.MapDelete("/{org}/teams/{team}/members/{login}", RemoveMemberAsync).WithSummary("Remove a user from a team").Audited(AuditActions.TeamMemberRemoved);
    }

    private static async Task<IResult> ListAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        return Results.Ok(new { teams = (await store.ListTeamsAsync(organization.Id, cancellationToken)).Select(OrganizationJson.Team) });
    }

    private static async Task<IResult> CreateAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<CreateTeamRequest>(context);
        var name = AccountNames.Require(request.Name, "the team needs a name (\"name\")");
        var team = new Team(Guid.NewGuid().ToString("N"), organization.Id, name, request.Description ?? "", clock.GetUtcNow());
        try
        {
            await store.CreateTeamAsync(team, cancellationToken);
        }
        catch (ConflictException)
        {
            throw ApiError.Conflict($"team {name} already exists in {org}");
        }
        return Results.Ok(OrganizationJson.Team(team));
    }

    private static async Task<IResult> ReadAsync(string org, string team, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var found = await FindAsync(store, organization, team, cancellationToken);
        var members = (await store.ListTeamMembersAsync(found.Id, cancellationToken)).Select(u => new { login = u.Login, name = u.Name });
        return Results.Ok(new { name = found.Name, description = found.Description, created = found.Created.ToUnixTimeSeconds(), members });
    }

    private static async Task<IResult> UpdateAsync(string org, string team, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var found = await FindAsync(store, organization, team, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<UpdateTeamRequest>(context);
        var description = request.Description ?? throw ApiError.BadRequest("the request must give the description (\"description\")");
        await store.SetTeamDescriptionAsync(found.Id, description, cancellationToken);
        return Results.Ok(OrganizationJson.Team(found with { Description = description }));
    }

    private static async Task<IResult> DeleteAsync(string org, string team, HttpContext context, OrganizationAccess access, ICofferStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var found = await FindAsync(store, organization, team, cancellationToken);
        await store.DeleteTeamAsync(found.Id, clock.GetUtcNow(), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> AddMemberAsync(string org, string team, string login, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var found = await FindAsync(store, organization, team, cancellationToken);
        var user = await MemberEndpoints.MemberAsync(store, organization, login, cancellationToken);
        await store.AddTeamMemberAsync(found.Id, user.Id, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> RemoveMemberAsync(string org, string team, string login, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var found = await FindAsync(store, organization, team, cancellationToken);
        var user = await store.FindUserAsync(login, cancellationToken);
        if (user is null || !await store.RemoveTeamMemberAsync(found.Id, user.Id, cancellationToken))
        {
            throw ApiError.NotFound($"{login} is not a member of team {team}");
        }
        return Results.NoContent();
    }

    internal static async Task<Team> FindAsync(ICofferStore store, Organization organization, string name, CancellationToken cancellationToken) =>
        await store.FindTeamAsync(organization.Id, name, cancellationToken) ?? throw ApiError.NotFound($"team {name} not found in {organization.Name}");
}
