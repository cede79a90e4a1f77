using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task A_member_gets_the_default_permission_of_the_organization()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await CreateEnvironmentAsync(admin, org, "app", "dev");
        var member = await NewUserAsync(admin, org, Unique("ada"));
        await SetSettingsAsync(admin, org, new { defaultPermission = "read" });

        await member.GetAsync($"api/esc/environments/{org}/app/dev").ShouldBe(HttpStatusCode.OK);
        var denied = await member.PostAsync($"api/esc/environments/{org}/app/dev/open", null).ErrorAsync(HttpStatusCode.Forbidden);
        Assert.Contains("needs open access", denied, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task A_grant_on_a_project_applies_to_every_environment_of_it()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await CreateEnvironmentAsync(admin, org, "app", "dev");
        await CreateEnvironmentAsync(admin, org, "other", "dev");
        await SetSettingsAsync(admin, org, new { defaultPermission = "none" });
        var login = Unique("ada");
        var member = await NewUserAsync(admin, org, login);

        await GrantAsync(admin, org, "app/*", $"users/{login}", "write");

        await member.PatchAsync($"api/esc/environments/{org}/app/dev", Yaml("values:\n  a: 1\n")).ShouldBe(HttpStatusCode.OK);
        await member.GetAsync($"api/esc/environments/{org}/other/dev").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task The_highest_of_the_default_and_the_grants_applies()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await CreateEnvironmentAsync(admin, org, "app", "dev");
        var login = Unique("ada");
        var member = await NewUserAsync(admin, org, login);
        await SetSettingsAsync(admin, org, new { defaultPermission = "open" });

        await GrantAsync(admin, org, "app/dev", $"users/{login}", "read");

        await member.PostAsync($"api/esc/environments/{org}/app/dev/open", null).ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task Opening_needs_open_on_every_imported_environment()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await CreateEnvironmentAsync(admin, org, "common", "aws");
        await admin.PatchAsync($"api/esc/environments/{org}/common/aws", Yaml("values:\n  region: eu-west-1\n")).ShouldBe(HttpStatusCode.OK);
        await CreateEnvironmentAsync(admin, org, "app", "dev");
        await admin.PatchAsync($"api/esc/environments/{org}/app/dev", Yaml("values:\n  region: ${environments.common.aws.region}\n")).ShouldBe(HttpStatusCode.OK);
        await SetSettingsAsync(admin, org, new { defaultPermission = "none" });
        var login = Unique("ada");
        var member = await NewUserAsync(admin, org, login);
        await GrantAsync(admin, org, "app/dev", $"users/{login}", "open");
        await GrantAsync(admin, org, "common/aws", $"users/{login}", "read");

        var refused = await member.PostAsync($"api/esc/environments/{org}/app/dev/open", null).ErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("needs open access", refused, StringComparison.Ordinal);

        await GrantAsync(admin, org, "common/aws", $"users/{login}", "open");
        await member.PostAsync($"api/esc/environments/{org}/app/dev/open", null).ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task The_creator_of_an_environment_administers_it_while_the_default_is_none()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await SetSettingsAsync(admin, org, new { defaultPermission = "none" });
        var member = await NewUserAsync(admin, org, Unique("ada"));

        await CreateEnvironmentAsync(member, org, "app", "mine");

        await member.DeleteAsync($"api/esc/environments/{org}/app/mine").ShouldBe(HttpStatusCode.NoContent);
    }

    [DatabaseFact]
    public async Task Members_may_not_create_environments_when_an_administrator_turned_it_off()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var member = await NewUserAsync(admin, org, Unique("ada"));
        await SetSettingsAsync(admin, org, new { membersCanCreateEnvironments = false });

        await member.PostAsync($"api/esc/environments/{org}", Json(new { project = "app", name = "dev" })).ErrorAsync(HttpStatusCode.Forbidden);
        await CreateEnvironmentAsync(admin, org, "app", "dev");
    }

    [DatabaseFact]
    public async Task A_team_token_acts_with_the_teams_grants_only()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await CreateEnvironmentAsync(admin, org, "app", "dev");
        await CreateEnvironmentAsync(admin, org, "app", "prod");
        await NewTeamAsync(admin, org, "ci");
        await GrantAsync(admin, org, "app/dev", "teams/ci", "open");
        var created = await admin.PostAsync($"api/orgs/{org}/teams/ci/tokens", Json(new { name = "deploy" })).JsonAsync();
        var ci = Server.NewClient((string)created["token"]!);

        await ci.PostAsync($"api/esc/environments/{org}/app/dev/open", null).ShouldBe(HttpStatusCode.OK);
        await ci.PatchAsync($"api/esc/environments/{org}/app/dev", Yaml("values:\n  a: 1\n")).ErrorAsync(HttpStatusCode.Forbidden);
        await ci.GetAsync($"api/esc/environments/{org}/app/prod").ErrorAsync(HttpStatusCode.NotFound);
        await ci.GetAsync($"api/orgs/{org}/members").ErrorAsync(HttpStatusCode.Forbidden);
    }

    [DatabaseFact]
    public async Task An_organization_token_is_an_administrator_only_when_created_as_one()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await CreateEnvironmentAsync(admin, org, "app", "dev");
        await SetSettingsAsync(admin, org, new { defaultPermission = "read" });
        var plain = Server.NewClient((string)(await admin.PostAsync($"api/orgs/{org}/tokens", Json(new { name = "reader" })).JsonAsync())["token"]!);
        var administrator = Server.NewClient((string)(await admin.PostAsync($"api/orgs/{org}/tokens", Json(new { name = "root", admin = true })).JsonAsync())["token"]!);

        await plain.PatchAsync($"api/esc/environments/{org}/app/dev", Yaml("values:\n  a: 1\n")).ErrorAsync(HttpStatusCode.Forbidden);
        await plain.GetAsync($"api/orgs/{org}/teams").ErrorAsync(HttpStatusCode.Forbidden);
        await administrator.PatchAsync($"api/esc/environments/{org}/app/dev", Yaml("values:\n  a: 1\n")).ShouldBe(HttpStatusCode.OK);
        await administrator.GetAsync($"api/orgs/{org}/teams").ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task A_removed_member_loses_access_and_a_promoted_one_administers()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await CreateEnvironmentAsync(admin, org, "app", "dev");
        var login = Unique("ada");
        var member = await NewUserAsync(admin, org, login);
        await member.GetAsync($"api/orgs/{org}/members").ErrorAsync(HttpStatusCode.Forbidden);

        await admin.PatchAsync($"api/orgs/{org}/members/{login}", Json(new { role = "admin" })).ShouldBe(HttpStatusCode.OK);
        await member.GetAsync($"api/orgs/{org}/members").ShouldBe(HttpStatusCode.OK);

        await admin.DeleteAsync($"api/orgs/{org}/members/{login}").ShouldBe(HttpStatusCode.NoContent);
        await member.GetAsync($"api/esc/environments/{org}/app/dev").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task The_last_administrator_can_be_neither_removed_nor_demoted()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var login = (string)(await admin.GetAsync("api/user").JsonAsync())["githubLogin"]!;

        await admin.DeleteAsync($"api/orgs/{org}/members/{login}").ErrorAsync(HttpStatusCode.Conflict);
        await admin.PatchAsync($"api/orgs/{org}/members/{login}", Json(new { role = "member" })).ErrorAsync(HttpStatusCode.Conflict);

        var other = Unique("ada");
        await NewUserAsync(admin, org, other, role: "admin");
        await admin.PatchAsync($"api/orgs/{org}/members/{login}", Json(new { role = "member" })).ShouldBe(HttpStatusCode.OK);
    }
}
