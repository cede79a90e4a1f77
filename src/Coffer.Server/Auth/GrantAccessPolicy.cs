using Coffer.Server.Storage;

namespace Coffer.Server.Auth;

/// <summary>
/// Permissions from the organization's settings, member roles and grants:
/// <list type="bullet">
/// <item>A personal token acts as its user. An organization administrator administers every
/// environment; a member gets the highest of the organization's default permission and the grants
/// to them and to their teams, on the environment or on its whole project.</item>
/// <item>A team token acts with the team's grants only: CI scoped to what the team was given.</item>
/// <item>An organization token acts as an administrator when created as one, else with the
/// default permission (it belongs to nobody, so no grant names it).</item>
/// </list>
/// Everything is read from the store on each decision; <see cref="EnvironmentAccess"/> keeps
/// decisions only while the organization's access version is unchanged (see
/// <see cref="PermissionCache"/>), so a change of role or grant applies to the next request.
/// </summary>
public sealed class GrantAccessPolicy(ICofferStore store) : IAccessPolicy
{
    public async Task<Permission> EnvironmentPermissionAsync(Caller caller, Organization organization, EnvironmentRecord environment, CancellationToken cancellationToken)
    {
        if (caller.Organization(organization.Name) is null || environment.OrganizationId != organization.Id)
        {
            return Permission.None;
        }
        switch (caller.Token.Kind)
        {
            case TokenKind.Personal when caller.User is { } user:
            {
                var role = await RoleAsync(user, organization, cancellationToken);
                if (role is null)
                {
                    return Permission.None;
                }
                if (role == MemberRoles.Admin)
                {
                    return Permission.Admin;
                }
                var settings = await store.GetOrganizationSettingsAsync(organization.Id, cancellationToken);
                var teams = (await store.ListUserTeamsAsync(organization.Id, user.Id, cancellationToken)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
                var granted = await GrantedAsync(environment, g => g.SubjectKind == GrantSubjectKind.User ? g.SubjectId == user.Id : teams.Contains(g.SubjectId), cancellationToken);
                return Max(settings.DefaultPermission, granted);
            }
            case TokenKind.Team when caller.Token.TeamId is { } teamId:
                return await GrantedAsync(environment, g => g.SubjectKind == GrantSubjectKind.Team && g.SubjectId == teamId, cancellationToken);
            case TokenKind.Organization:
                return caller.Token.Admin
                    ? Permission.Admin
                    : (await store.GetOrganizationSettingsAsync(organization.Id, cancellationToken)).DefaultPermission;
            default:
                return Permission.None;
        }
    }

    public async Task<bool> CanCreateEnvironmentsAsync(Caller caller, Organization organization, CancellationToken cancellationToken) =>
        caller.Organization(organization.Name) is not null
        && (await IsOrganizationAdminAsync(caller, organization, cancellationToken)
            || (await IsMemberOrTokenAsync(caller, organization, cancellationToken)
                && (await store.GetOrganizationSettingsAsync(organization.Id, cancellationToken)).MembersCanCreateEnvironments));

    public async Task<bool> IsOrganizationAdminAsync(Caller caller, Organization organization, CancellationToken cancellationToken) =>
        caller.Organization(organization.Name) is not null
        && caller.Token.Kind switch
        {
            TokenKind.Personal when caller.User is { } user => await RoleAsync(user, organization, cancellationToken) == MemberRoles.Admin,
            TokenKind.Organization => caller.Token.Admin,
            _ => false,
        };

    public Grant? CreatorGrant(Caller caller, EnvironmentRecord environment) => caller.Token.Kind switch
    {
        TokenKind.Personal when caller.User is { } user =>
            new Grant(environment.OrganizationId, GrantSubjectKind.User, user.Id, environment.Project, environment.Name, Permission.Admin),
        TokenKind.Team when caller.Token.TeamId is { } teamId =>
            new Grant(environment.OrganizationId, GrantSubjectKind.Team, teamId, environment.Project, environment.Name, Permission.Admin),
        _ => null,
    };

    // The caller is cached for a few seconds; the role is read each time so that removing a member
    // or demoting an administrator applies to the next request.
    private async Task<string?> RoleAsync(User user, Organization organization, CancellationToken cancellationToken) =>
        (await store.ListMembershipsAsync(user.Id, cancellationToken)).FirstOrDefault(m => m.OrganizationId == organization.Id)?.Role;

    private async Task<bool> IsMemberOrTokenAsync(Caller caller, Organization organization, CancellationToken cancellationToken) =>
        caller.User is not { } user || await RoleAsync(user, organization, cancellationToken) is not null;

    private async Task<Permission> GrantedAsync(EnvironmentRecord environment, Func<Grant, bool> appliesToCaller, CancellationToken cancellationToken)
    {
        var grants = await store.ListGrantsApplyingToAsync(environment.OrganizationId, environment.Project, environment.Name, cancellationToken);
        return grants.Where(appliesToCaller).Select(g => g.Permission).DefaultIfEmpty(Permission.None).Max();
    }

    private static Permission Max(Permission a, Permission b) => a > b ? a : b;
}
