using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Environments;
using Coffer.Server.Storage;

namespace Coffer.Server.Organizations;

/// <summary>
/// Grants: a permission for a user or a team on one environment (<c>project/env</c>) or on every
/// environment of a project (<c>project/*</c>). A grant may name an environment that does not exist
/// yet, so access can be prepared before the environment is created.
/// </summary>
public static class GrantEndpoints
{
    public static void Map(RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{org}/grants/{project}/{env}", ListAsync).WithSummary("List the grants on an environment, or on a whole project with env '*'").Audited(AuditActions.GrantsRead);
        orgs.MapPut("/{org}/grants/{project}/{env}/{subjectKind}/{subject}", SetAsync)
            .WithSummary("Grant a user (subjectKind 'users', subject a login) or a team ('teams', a team name) a permission: none, read, open, write or admin").Audited(AuditActions.GrantSet);
        orgs.MapDelete("/{org}/grants/{project}/{env}/{subjectKind}/{subject}", RemoveAsync).WithSummary("Remove a grant").Audited(AuditActions.GrantRemoved);
    }

    private static async Task<IResult> ListAsync(string org, string project, string env, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        ValidateScope(project, env);
        var grants = new List<object>();
        foreach (var grant in await store.ListGrantsAsync(organization.Id, project, env, cancellationToken))
        {
            var name = grant.SubjectKind == GrantSubjectKind.User
                ? (await store.GetUserAsync(grant.SubjectId, cancellationToken))?.Login
                : (await store.GetTeamAsync(grant.SubjectId, cancellationToken))?.Name;
            if (name is not null)
            {
                grants.Add(Json(grant, name));
            }
        }
        return Results.Ok(new { grants });
    }

    private static async Task<IResult> SetAsync(string org, string project, string env, string subjectKind, string subject, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        ValidateScope(project, env);
        var request = await RequestBody.ReadJsonAsync<SetGrantRequest>(context);
        if (!PermissionNames.TryParse(request.Permission, out var permission))
        {
            throw ApiError.BadRequest("the permission must be none, read, open, write or admin (\"permission\")");
        }
        var (kind, id) = await SubjectAsync(store, organization, subjectKind, subject, cancellationToken);
        var grant = new Grant(organization.Id, kind, id, project, env, permission);
        AuditScope.Current?.AddDetail("permission", request.Permission);
        await store.SetGrantAsync(grant, cancellationToken);
        return Results.Ok(Json(grant, subject));
    }

    private static async Task<IResult> RemoveAsync(string org, string project, string env, string subjectKind, string subject, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        ValidateScope(project, env);
        var (kind, id) = await SubjectAsync(store, organization, subjectKind, subject, cancellationToken);
        if (!await store.RemoveGrantAsync(organization.Id, kind, id, project, env, cancellationToken))
        {
            throw ApiError.NotFound($"{subject} has no grant on {project}/{env}");
        }
        return Results.NoContent();
    }

    private static void ValidateScope(string project, string env)
    {
        EnvironmentNames.ValidateProject(project);
        if (env != Grant.WholeProject)
        {
            EnvironmentNames.ValidateProjectOrEnvironment("environment", env);
        }
    }

    private static async Task<(GrantSubjectKind Kind, string Id)> SubjectAsync(ICofferStore store, Organization organization, string subjectKind, string subject, CancellationToken cancellationToken) =>
        subjectKind switch
        {
            "users" => (GrantSubjectKind.User, (await MemberEndpoints.MemberAsync(store, organization, subject, cancellationToken)).Id),
            "teams" => (GrantSubjectKind.Team, (await TeamEndpoints.FindAsync(store, organization, subject, cancellationToken)).Id),
            _ => throw ApiError.NotFound($"grants are given to 'users' or 'teams', not '{subjectKind}'"),
        };

    private static object Json(Grant grant, string subject) => new
    {
        subjectKind = grant.SubjectKind == GrantSubjectKind.User ? "user" : "team",
        subject,
        scope = $"{grant.Project}/{grant.Environment}",
        permission = PermissionNames.Format(grant.Permission),
    };
}
