using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

// Cloning with preserveAccess: the copy gets the source's own grants.
public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Cloning_with_preserve_access_copies_the_grants_on_the_environment()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await SetSettingsAsync(admin, org, new { defaultPermission = "none" });
        var ada = Unique("ada");
        var bob = Unique("bob");
        var adaClient = await NewUserAsync(admin, org, ada);
        var bobClient = await NewUserAsync(admin, org, bob);
        var carolClient = await NewUserAsync(admin, org, Unique("carol"));
        await NewTeamAsync(admin, org, "ops", bob);
        await CreateEnvironmentAsync(admin, org, "app", "prod");
        await GrantAsync(admin, org, "app/prod", $"users/{ada}", "open");
        await GrantAsync(admin, org, "app/prod", "teams/ops", "read");
        await GrantAsync(admin, org, "app/*", $"users/{ada}", "write");

        await admin.PostAsync($"api/esc/environments/{org}/app/prod/clone", Json(new { project = "staging", name = "copy", preserveAccess = true }))
            .ShouldBe(HttpStatusCode.NoContent);

        // The creator's admin grant, ada's and the team's; the grant on the project stays there.
        var source = await GrantsAsync(admin, org, "app/prod");
        Assert.Equal(3, source.Count);
        Assert.Equal(source.Order(), (await GrantsAsync(admin, org, "staging/copy")).Order());
        Assert.Empty(await GrantsAsync(admin, org, "staging/*"));
        var copy = $"api/esc/environments/{org}/staging/copy";
        await adaClient.PostAsync($"{copy}/open", null).ShouldBe(HttpStatusCode.OK);
        await bobClient.GetAsync(copy).ShouldBe(HttpStatusCode.OK);
        await bobClient.PostAsync($"{copy}/open", null).ErrorAsync(HttpStatusCode.Forbidden);
        await carolClient.GetAsync(copy).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Cloning_without_preserve_access_copies_no_grant()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var ada = Unique("ada");
        await NewUserAsync(admin, org, ada);
        await CreateEnvironmentAsync(admin, org, "app", "prod");
        await GrantAsync(admin, org, "app/prod", $"users/{ada}", "open");

        await admin.PostAsync($"api/esc/environments/{org}/app/prod/clone", Json(new { name = "copy", preserveAccess = false })).ShouldBe(HttpStatusCode.NoContent);

        Assert.DoesNotContain(await GrantsAsync(admin, org, "app/copy"), g => g.Subject == ada);
    }

    [DatabaseFact]
    public async Task Only_an_administrator_may_clone_with_preserve_access_and_a_refused_clone_creates_nothing()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var member = await NewUserAsync(admin, org, Unique("ada"));
        await CreateEnvironmentAsync(admin, org, "app", "prod");

        var refused = await member.PostAsync($"api/esc/environments/{org}/app/prod/clone", Json(new { name = "copy", preserveAccess = true })).ErrorAsync(HttpStatusCode.Forbidden);

        Assert.Equal($"permission denied: only administrators of {org} may do this", refused);
        await admin.GetAsync($"api/esc/environments/{org}/app/copy").ErrorAsync(HttpStatusCode.NotFound);
        await member.PostAsync($"api/esc/environments/{org}/app/prod/clone", Json(new { name = "copy" })).ShouldBe(HttpStatusCode.NoContent);
    }

    private static async Task<List<(string Kind, string Subject, string Permission)>> GrantsAsync(HttpClient admin, string org, string scope) =>
        [.. (await admin.GetAsync($"api/orgs/{org}/grants/{scope}").JsonAsync())["grants"]!.AsArray()
            .Select(g => ((string)g!["subjectKind"]!, (string)g["subject"]!, (string)g["permission"]!))];
}
