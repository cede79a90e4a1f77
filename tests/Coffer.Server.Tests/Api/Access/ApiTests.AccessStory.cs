using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    // The story of docs/access.md: an organization that shares nothing by default, two teams that
    // may open a shared environment, and a member who builds on it without seeing the other team's work.
    [DatabaseFact]
    public async Task Teams_open_a_shared_environment_build_on_it_and_do_not_see_each_others_environments()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await CreateEnvironmentAsync(admin, org, "common", "aws");
        await admin.PatchAsync($"api/esc/environments/{org}/common/aws", Yaml("values:\n  region: eu-west-1\n")).ShouldBe(HttpStatusCode.OK);
        await admin.PostAsync($"api/esc/environments/{org}/common/aws/versions/tags", Json(new { name = "stable", revision = 2 })).ShouldBe(HttpStatusCode.NoContent);
        AssertJson("""{"defaultPermission":"none","membersCanCreateEnvironments":true}""", await SetSettingsAsync(admin, org, new { defaultPermission = "none" }));
        var jane = await NewUserAsync(admin, org, Unique("jane"));
        var janeLogin = (string)(await jane.GetAsync("api/user").JsonAsync())["githubLogin"]!;
        var joe = await NewUserAsync(admin, org, Unique("joe"));
        var joeLogin = (string)(await joe.GetAsync("api/user").JsonAsync())["githubLogin"]!;
        await NewTeamAsync(admin, org, "identity", janeLogin);
        await NewTeamAsync(admin, org, "payments", joeLogin);
        await GrantAsync(admin, org, "common/aws", "teams/identity", "open");
        await GrantAsync(admin, org, "common/aws", "teams/payments", "open");

        var denied = await jane.PatchAsync($"api/esc/environments/{org}/common/aws", Yaml("values:\n  region: us-east-1\n")).ErrorAsync(HttpStatusCode.Forbidden);
        Assert.Contains("needs write access", denied, StringComparison.Ordinal);

        await CreateEnvironmentAsync(jane, org, "identity", "common");
        await jane.PatchAsync($"api/esc/environments/{org}/identity/common", Yaml("imports:\n  - common/aws@stable\nvalues:\n  service: identity\n")).ShouldBe(HttpStatusCode.OK);
        var opened = await jane.PostAsync($"api/esc/environments/{org}/identity/common/open", null).JsonAsync();
        var session = await jane.GetAsync($"api/esc/environments/{org}/identity/common/open/{(string)opened["id"]!}").JsonAsync();
        AssertJson("""{"region":"eu-west-1","service":"identity"}""", Plain(session["properties"]));

        await joe.GetAsync($"api/esc/environments/{org}/identity/common").ErrorAsync(HttpStatusCode.NotFound);
        await joe.PostAsync($"api/esc/environments/{org}/identity/common/open", null).ErrorAsync(HttpStatusCode.NotFound);
    }
}
