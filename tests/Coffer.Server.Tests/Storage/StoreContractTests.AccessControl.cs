using Coffer.Server.Auth;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task A_new_organization_has_the_default_settings()
    {
        var organization = await NewOrganizationAsync();

        Assert.Equal(new OrganizationSettings(Permission.Write, true), await Store.GetOrganizationSettingsAsync(organization.Id, None));
    }

    [DatabaseFact]
    public async Task Organization_settings_are_kept()
    {
        var organization = await NewOrganizationAsync();
        var settings = new OrganizationSettings(Permission.None, false);

        Assert.True(await Store.SetOrganizationSettingsAsync(organization.Id, settings, None));

        Assert.Equal(settings, await Store.GetOrganizationSettingsAsync(organization.Id, None));
        Assert.False(await Store.SetOrganizationSettingsAsync(NewId(), settings, None));
    }

    [DatabaseFact]
    public async Task Members_of_an_organization_are_listed_with_their_roles()
    {
        var organization = await NewOrganizationAsync();
        var ada = await NewUserAsync("ada");
        var bob = await NewUserAsync("bob");
        await Store.SetMembershipAsync(new Membership(organization.Id, ada.Id, MemberRoles.Admin), None);
        await Store.SetMembershipAsync(new Membership(organization.Id, bob.Id, MemberRoles.Member), None);

        Assert.Equal(
            new[] { new Membership(organization.Id, ada.Id, "admin"), new Membership(organization.Id, bob.Id, "member") }.OrderBy(m => m.UserId, StringComparer.Ordinal),
            await Store.ListMembersAsync(organization.Id, None));
    }

    [DatabaseFact]
    public async Task Removing_a_member_removes_their_grants_and_team_memberships_in_that_organization_only()
    {
        var organization = await NewOrganizationAsync();
        var other = await NewOrganizationAsync();
        var ada = await NewUserAsync("ada");
        await Store.SetMembershipAsync(new Membership(organization.Id, ada.Id, MemberRoles.Member), None);
        await Store.SetMembershipAsync(new Membership(other.Id, ada.Id, MemberRoles.Member), None);
        var team = await NewTeamAsync(organization, "identity");
        var otherTeam = await NewTeamAsync(other, "identity");
        await Store.AddTeamMemberAsync(team.Id, ada.Id, None);
        await Store.AddTeamMemberAsync(otherTeam.Id, ada.Id, None);
        await Store.SetGrantAsync(new Grant(organization.Id, GrantSubjectKind.User, ada.Id, "common", "aws", Permission.Open), None);
        var kept = new Grant(other.Id, GrantSubjectKind.User, ada.Id, "common", "aws", Permission.Open);
        await Store.SetGrantAsync(kept, None);

        Assert.True(await Store.RemoveMembershipAsync(organization.Id, ada.Id, None));

        Assert.Equal([other.Id], (await Store.ListMembershipsAsync(ada.Id, None)).Select(m => m.OrganizationId));
        Assert.Empty(await Store.ListUserTeamsAsync(organization.Id, ada.Id, None));
        Assert.Empty(await Store.ListGrantsAsync(organization.Id, "common", "aws", None));
        Assert.Equal([otherTeam], await Store.ListUserTeamsAsync(other.Id, ada.Id, None));
        Assert.Equal([kept], await Store.ListGrantsAsync(other.Id, "common", "aws", None));
        Assert.False(await Store.RemoveMembershipAsync(organization.Id, ada.Id, None));
    }

    [DatabaseFact]
    public async Task A_team_is_found_by_id_and_by_name_in_its_organization()
    {
        var organization = await NewOrganizationAsync();
        var team = await NewTeamAsync(organization, "payments");

        Assert.Equal(team, await Store.GetTeamAsync(team.Id, None));
        Assert.Equal(team, await Store.FindTeamAsync(organization.Id, "payments", None));
        Assert.Null(await Store.FindTeamAsync(organization.Id, "Payments", None));
        Assert.Null(await Store.FindTeamAsync((await NewOrganizationAsync()).Id, "payments", None));
    }

    [DatabaseFact]
    public async Task Creating_a_team_whose_name_is_taken_in_the_organization_is_a_conflict()
    {
        var organization = await NewOrganizationAsync();
        var team = await NewTeamAsync(organization, "payments");

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateTeamAsync(team with { Id = NewId() }, None));
        await NewTeamAsync(await NewOrganizationAsync(), "payments");
    }

    [DatabaseFact]
    public async Task Teams_are_listed_by_name_and_keep_a_changed_description()
    {
        var organization = await NewOrganizationAsync();
        var payments = await NewTeamAsync(organization, "payments");
        var identity = await NewTeamAsync(organization, "identity");

        Assert.True(await Store.SetTeamDescriptionAsync(payments.Id, "takes the money", None));

        Assert.Equal([identity, payments with { Description = "takes the money" }], await Store.ListTeamsAsync(organization.Id, None));
        Assert.False(await Store.SetTeamDescriptionAsync(NewId(), "", None));
    }

    [DatabaseFact]
    public async Task Team_members_are_added_once_listed_by_login_and_removed()
    {
        var organization = await NewOrganizationAsync();
        var team = await NewTeamAsync(organization, "identity");
        var jane = await NewUserAsync("jane");
        var ada = await NewUserAsync("ada");

        await Store.AddTeamMemberAsync(team.Id, jane.Id, None);
        await Store.AddTeamMemberAsync(team.Id, jane.Id, None);
        await Store.AddTeamMemberAsync(team.Id, ada.Id, None);

        Assert.Equal([ada, jane], await Store.ListTeamMembersAsync(team.Id, None));
        Assert.Equal([team], await Store.ListUserTeamsAsync(organization.Id, jane.Id, None));
        Assert.True(await Store.RemoveTeamMemberAsync(team.Id, jane.Id, None));
        Assert.False(await Store.RemoveTeamMemberAsync(team.Id, jane.Id, None));
        Assert.Equal([ada], await Store.ListTeamMembersAsync(team.Id, None));
        await Assert.ThrowsAsync<ConflictException>(() => Store.AddTeamMemberAsync(NewId(), jane.Id, None));
    }

    [DatabaseFact]
    public async Task Deleting_a_team_removes_its_members_and_grants_and_revokes_its_tokens()
    {
        var organization = await NewOrganizationAsync();
        var team = await NewTeamAsync(organization, "payments");
        var joe = await NewUserAsync("joe");
        await Store.AddTeamMemberAsync(team.Id, joe.Id, None);
        await Store.SetGrantAsync(new Grant(organization.Id, GrantSubjectKind.Team, team.Id, "common", Grant.WholeProject, Permission.Read), None);
        var token = new AccessToken(NewId(), RandomHash(), TokenKind.Team, null, organization.Id, team.Id, "ci", "", T0, null, null, null, "admin");
        await Store.CreateTokenAsync(token, None);

        Assert.True(await Store.DeleteTeamAsync(team.Id, T0.AddDays(1), None));

        Assert.Null(await Store.GetTeamAsync(team.Id, None));
        Assert.Empty(await Store.ListUserTeamsAsync(organization.Id, joe.Id, None));
        Assert.Empty(await Store.ListGrantsAsync(organization.Id, "common", Grant.WholeProject, None));
        Assert.Equal(T0.AddDays(1), (await Store.GetTokenAsync(token.Id, None))!.Revoked);
        Assert.False(await Store.DeleteTeamAsync(team.Id, T0, None));
    }

    [DatabaseFact]
    public async Task Setting_a_grant_again_replaces_its_permission()
    {
        var organization = await NewOrganizationAsync();
        var ada = await NewUserAsync("ada");
        var grant = new Grant(organization.Id, GrantSubjectKind.User, ada.Id, "common", "aws", Permission.Read);

        await Store.SetGrantAsync(grant, None);
        await Store.SetGrantAsync(grant with { Permission = Permission.Admin }, None);

        Assert.Equal([grant with { Permission = Permission.Admin }], await Store.ListGrantsAsync(organization.Id, "common", "aws", None));
    }

    [DatabaseFact]
    public async Task The_grants_applying_to_an_environment_are_on_it_or_on_its_project()
    {
        var organization = await NewOrganizationAsync();
        var ada = await NewUserAsync("ada");
        var team = await NewTeamAsync(organization, "identity");
        var onEnvironment = new Grant(organization.Id, GrantSubjectKind.User, ada.Id, "common", "aws", Permission.Write);
        var onProject = new Grant(organization.Id, GrantSubjectKind.Team, team.Id, "common", Grant.WholeProject, Permission.Open);
        await Store.SetGrantAsync(onEnvironment, None);
        await Store.SetGrantAsync(onProject, None);
        await Store.SetGrantAsync(onEnvironment with { Environment = "gcp" }, None);
        await Store.SetGrantAsync(onEnvironment with { Project = "other" }, None);

        var applying = await Store.ListGrantsApplyingToAsync(organization.Id, "common", "aws", None);

        Assert.Equal(new[] { onProject, onEnvironment }.OrderBy(g => g.Environment, StringComparer.Ordinal), applying);
        Assert.Equal([onProject], await Store.ListGrantsApplyingToAsync(organization.Id, "common", "azure", None));
    }

    [DatabaseFact]
    public async Task Removing_a_grant_removes_only_that_grant()
    {
        var organization = await NewOrganizationAsync();
        var ada = await NewUserAsync("ada");
        var grant = new Grant(organization.Id, GrantSubjectKind.User, ada.Id, "common", "aws", Permission.Read);
        await Store.SetGrantAsync(grant, None);
        await Store.SetGrantAsync(grant with { Environment = Grant.WholeProject }, None);

        Assert.True(await Store.RemoveGrantAsync(organization.Id, GrantSubjectKind.User, ada.Id, "common", "aws", None));
        Assert.False(await Store.RemoveGrantAsync(organization.Id, GrantSubjectKind.User, ada.Id, "common", "aws", None));

        Assert.Equal([grant with { Environment = Grant.WholeProject }], await Store.ListGrantsApplyingToAsync(organization.Id, "common", "aws", None));
    }

    [DatabaseFact]
    public async Task Deleting_an_environment_removes_the_grants_on_it_but_not_on_its_project()
    {
        var environment = await NewEnvironmentAsync(project: "common", name: "aws");
        var ada = await NewUserAsync("ada");
        var onEnvironment = new Grant(environment.OrganizationId, GrantSubjectKind.User, ada.Id, "common", "aws", Permission.Admin);
        var onProject = onEnvironment with { Environment = Grant.WholeProject, Permission = Permission.Read };
        await Store.SetGrantAsync(onEnvironment, None);
        await Store.SetGrantAsync(onProject, None);

        await Store.DeleteEnvironmentAsync(environment.Id, None);

        Assert.Equal([onProject], await Store.ListGrantsApplyingToAsync(environment.OrganizationId, "common", "aws", None));
    }

    [DatabaseFact]
    public async Task An_environment_is_created_with_its_creators_grant_or_not_at_all()
    {
        var organization = await NewOrganizationAsync();
        var ada = await NewUserAsync("ada");
        var environment = new EnvironmentRecord(NewId(), organization.Id, "common", "aws", T0, T0, 1, false, [1, 2, 3], 7);
        var grant = new Grant(organization.Id, GrantSubjectKind.User, ada.Id, "common", "aws", Permission.Admin);

        await Store.CreateEnvironmentAsync(environment, FirstRevision(environment), [], None, grant);

        Assert.NotNull(await Store.GetEnvironmentAsync(environment.Id, None));
        Assert.Equal([grant], await Store.ListGrantsAsync(organization.Id, "common", "aws", None));

        // The grant fails after the environment and its revision are written: none of it stays.
        var refused = environment with { Id = NewId(), Name = "gcp" };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Store.CreateEnvironmentAsync(refused, FirstRevision(refused), [], None, grant with { Environment = "gcp", Permission = (Permission)99 }));

        Assert.Null(await Store.GetEnvironmentAsync(refused.Id, None));
        Assert.Null(await Store.FindEnvironmentUnderAccessAsync(organization.Id, "common", "gcp", None));
        Assert.Empty(await Store.ListGrantsAsync(organization.Id, "common", "gcp", None));
    }

    [DatabaseFact]
    public async Task A_creators_grant_on_another_environment_is_refused()
    {
        var organization = await NewOrganizationAsync();
        var environment = new EnvironmentRecord(NewId(), organization.Id, "common", "aws", T0, T0, 1, false, [1, 2, 3], 7);
        var elsewhere = new Grant(organization.Id, GrantSubjectKind.User, NewId(), "common", "gcp", Permission.Admin);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateEnvironmentAsync(environment, FirstRevision(environment), [], None, elsewhere));

        Assert.Null(await Store.GetEnvironmentAsync(environment.Id, None));
    }

    [DatabaseFact]
    public async Task A_grant_in_an_unknown_organization_is_a_conflict()
    {
        await Assert.ThrowsAsync<ConflictException>(() =>
            Store.SetGrantAsync(new Grant(NewId(), GrantSubjectKind.User, NewId(), "common", "aws", Permission.Read), None));
    }

    [DatabaseFact]
    public async Task Tokens_are_listed_by_owner_newest_first_and_revoked_once()
    {
        var organization = await NewOrganizationAsync();
        var ada = await NewUserAsync("ada");
        var team = await NewTeamAsync(organization, "ci");
        var older = new AccessToken(NewId(), RandomHash(), TokenKind.Personal, ada.Id, null, null, "laptop", "", T0, null, null, null, "ada");
        var newer = older with { Id = NewId(), ValueHash = RandomHash(), Name = "desktop", Created = T0.AddDays(1) };
        var organizationToken = new AccessToken(NewId(), RandomHash(), TokenKind.Organization, null, organization.Id, null, "deploy", "", T0, null, null, null, "ada", Admin: true);
        var teamToken = new AccessToken(NewId(), RandomHash(), TokenKind.Team, null, organization.Id, team.Id, "ci", "", T0, null, null, null, "ada");
        foreach (var token in new[] { older, newer, organizationToken, teamToken })
        {
            await Store.CreateTokenAsync(token, None);
        }

        Assert.Equal([newer.Id, older.Id], (await Store.ListPersonalTokensAsync(ada.Id, None)).Select(t => t.Id));
        AssertSameToken(organizationToken, Assert.Single(await Store.ListOrganizationTokensAsync(organization.Id, TokenKind.Organization, null, None)));
        Assert.Equal([teamToken.Id], (await Store.ListOrganizationTokensAsync(organization.Id, TokenKind.Team, team.Id, None)).Select(t => t.Id));
        Assert.Empty(await Store.ListOrganizationTokensAsync(organization.Id, TokenKind.Team, NewId(), None));

        Assert.True(await Store.RevokeTokenAsync(older.Id, T0.AddDays(2), None));
        Assert.False(await Store.RevokeTokenAsync(older.Id, T0.AddDays(3), None));
        Assert.Equal(T0.AddDays(2), (await Store.GetTokenAsync(older.Id, None))!.Revoked);
    }

    private async Task<User> NewUserAsync(string login)
    {
        var user = new User(NewId(), Unique(login), login, null, T0);
        await Store.CreateUserAsync(user, None);
        return user;
    }

    private async Task<Team> NewTeamAsync(Organization organization, string name)
    {
        var team = new Team(NewId(), organization.Id, name, "", T0);
        await Store.CreateTeamAsync(team, None);
        return team;
    }
}
