using Coffer.Server.Auth;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

// Replicas reuse permission decisions while the organization's access version is unchanged, so
// every change a decision depends on must move it — and nothing else need.
public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task An_environment_is_found_with_its_organizations_access_version()
    {
        var environment = await NewEnvironmentAsync();

        var found = await Store.FindEnvironmentUnderAccessAsync(environment.OrganizationId, environment.Project, environment.Name, None);

        Assert.NotNull(found);
        AssertSameEnvironment(environment, found.Environment);
        Assert.Null(await Store.FindEnvironmentUnderAccessAsync(environment.OrganizationId, environment.Project, "missing", None));
    }

    [DatabaseFact]
    public async Task Every_change_of_access_moves_the_access_version_of_its_organization_only()
    {
        var environment = await NewEnvironmentAsync();
        var organization = (await Store.GetOrganizationAsync(environment.OrganizationId, None))!;
        var bystander = await NewEnvironmentAsync();
        var ada = await NewUserAsync("ada");
        var team = new Team(NewId(), organization.Id, "identity", "", T0);
        var grant = new Grant(organization.Id, GrantSubjectKind.Team, team.Id, environment.Project, environment.Name, Permission.Open);
        var changes = new (string What, Func<Task> Change)[]
        {
            ("a member added", () => Store.SetMembershipAsync(new Membership(organization.Id, ada.Id, MemberRoles.Member), None)),
            ("a member's role changed", () => Store.SetMembershipAsync(new Membership(organization.Id, ada.Id, MemberRoles.Admin), None)),
            ("a team created", () => Store.CreateTeamAsync(team, None)),
            ("a team member added", () => Store.AddTeamMemberAsync(team.Id, ada.Id, None)),
            ("a grant given", () => Store.SetGrantAsync(grant, None)),
            ("a grant changed", () => Store.SetGrantAsync(grant with { Permission = Permission.Write }, None)),
            ("a grant removed", () => Store.RemoveGrantAsync(organization.Id, GrantSubjectKind.Team, team.Id, environment.Project, environment.Name, None)),
            ("a team member removed", () => Store.RemoveTeamMemberAsync(team.Id, ada.Id, None)),
            ("the default permission changed", () => Store.SetOrganizationSettingsAsync(organization.Id, new OrganizationSettings(Permission.None, true), None)),
            ("the create right changed", () => Store.SetOrganizationSettingsAsync(organization.Id, new OrganizationSettings(Permission.None, false), None)),
            ("a team deleted", () => Store.DeleteTeamAsync(team.Id, T0, None)),
            ("a member removed", () => Store.RemoveMembershipAsync(organization.Id, ada.Id, None)),
        };
        var bystanderVersion = await VersionAsync(bystander);

        foreach (var (what, change) in changes)
        {
            var before = await VersionAsync(environment);
            await change();
            Assert.True(await VersionAsync(environment) > before, $"{what} did not move the access version");
        }
        Assert.Equal(bystanderVersion, await VersionAsync(bystander));
    }

    [DatabaseFact]
    public async Task Writing_environments_leaves_the_access_version_alone()
    {
        var environment = await NewEnvironmentAsync();
        var before = await VersionAsync(environment);

        await AddRevisionsAsync(environment, 3);
        await NewEnvironmentAsync(await Store.GetOrganizationAsync(environment.OrganizationId, None));

        Assert.Equal(before, await VersionAsync(environment));
    }

    private async Task<long> VersionAsync(EnvironmentRecord environment) =>
        (await Store.FindEnvironmentUnderAccessAsync(environment.OrganizationId, environment.Project, environment.Name, None))!.AccessVersion;
}
