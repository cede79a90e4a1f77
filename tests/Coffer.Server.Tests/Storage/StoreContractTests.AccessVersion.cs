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
    public async Task Environments_are_found_together_with_their_organizations_access_version()
    {
        var organization = await NewOrganizationAsync();
        var aws = await NewEnvironmentAsync(organization, project: "common", name: "aws");
        var gcp = await NewEnvironmentAsync(organization, project: "common", name: "gcp");
        var app = await NewEnvironmentAsync(organization, project: "app", name: "aws");
        var elsewhere = await NewEnvironmentAsync(project: "common", name: "azure");
        var one = await Store.FindEnvironmentUnderAccessAsync(organization.Id, "common", "aws", None);

        var found = await Store.FindEnvironmentsUnderAccessAsync(
            organization.Id, [("common", "aws"), ("app", "aws"), ("common", "missing"), ("common", "azure"), ("app", "gcp")], None);

        // Another organization's environment is not found, nor names crossed between projects.
        Assert.Equal(new[] { aws.Id, app.Id }.Order(), found.Select(f => f.Environment.Id).Order());
        Assert.All(found, f => Assert.Equal(one!.AccessVersion, f.AccessVersion));
        AssertSameEnvironment(aws, found.Single(f => f.Environment.Id == aws.Id).Environment);
        Assert.Empty(await Store.FindEnvironmentsUnderAccessAsync(organization.Id, [], None));
        Assert.Empty(await Store.FindEnvironmentsUnderAccessAsync(organization.Id, [("common", "x'); DROP TABLE environments; --")], None));
        Assert.NotNull(await Store.GetEnvironmentAsync(gcp.Id, None));
        Assert.NotNull(await Store.GetEnvironmentAsync(elsewhere.Id, None));
    }

    [DatabaseFact]
    public async Task Concurrent_lookups_each_find_their_own_environment_and_see_later_changes()
    {
        // More lookups at once than the store keeps connections for: each must get its own answer.
        var organization = await NewOrganizationAsync();
        var environments = new List<EnvironmentRecord>();
        for (var i = 0; i < 12; i++)
        {
            environments.Add(await NewEnvironmentAsync(organization));
        }

        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            var expected = environments[i % environments.Count];
            var found = await Store.FindEnvironmentUnderAccessAsync(organization.Id, expected.Project, expected.Name, None);
            Assert.Equal(expected.Id, found?.Environment.Id);
        })));

        var changed = environments[0];
        await Store.AddRevisionAsync(changed.Id, 1, Definition(2), Bob, T0.AddMinutes(1), [], None);
        Assert.Equal(2, (await Store.FindEnvironmentUnderAccessAsync(organization.Id, changed.Project, changed.Name, None))!.Environment.LatestRevision);
        await Store.DeleteEnvironmentAsync(changed.Id, None);
        Assert.Null(await Store.FindEnvironmentUnderAccessAsync(organization.Id, changed.Project, changed.Name, None));
    }

    [DatabaseFact]
    public async Task A_lookup_by_a_hostile_name_finds_nothing_and_changes_nothing()
    {
        var environment = await NewEnvironmentAsync();

        Assert.Null(await Store.FindEnvironmentUnderAccessAsync(environment.OrganizationId, environment.Project, "x' OR '1'='1", None));
        Assert.Null(await Store.FindEnvironmentUnderAccessAsync(environment.OrganizationId, "app'; DROP TABLE environments; --", environment.Name, None));
        Assert.Null(await Store.FindEnvironmentUnderAccessAsync(environment.OrganizationId, environment.Project, new string('\u00e9', 10_000), None));
        Assert.NotNull(await Store.FindEnvironmentUnderAccessAsync(environment.OrganizationId, environment.Project, environment.Name, None));
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
