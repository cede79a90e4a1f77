using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task The_user_endpoint_describes_the_caller_and_its_organizations()
    {
        var user = await Client.GetAsync("api/user").JsonAsync();

        Assert.Equal("admin", (string)user["githubLogin"]!);
        Assert.False(string.IsNullOrEmpty((string?)user["id"]));
        Assert.Equal("Administrator", (string)user["name"]!);
        Assert.NotNull(user["email"]);
        Assert.NotNull(user["avatarUrl"]);
        AssertJson("[]", user["identities"]);
        var organization = Assert.Single(user["organizations"]!.AsArray());
        Assert.Equal(Org, (string)organization!["githubLogin"]!);
        Assert.Equal(Org, (string)organization["name"]!);
    }

    [DatabaseFact]
    public async Task The_default_organization_is_named_with_a_capital_H()
    {
        var organization = await Client.GetAsync("api/user/organizations/default").JsonAsync();

        AssertJson($$"""{"gitHubLogin":"{{Org}}"}""", organization);
    }

    [DatabaseFact]
    public async Task An_organization_token_is_described_as_its_organization_with_token_info()
    {
        var (client, organization) = await NewOrganizationTokenAsync();

        var user = await client.GetAsync("api/user").JsonAsync();

        Assert.Equal(organization, (string)user["githubLogin"]!);
        AssertJson($$"""{"name":"deploy","organization":"{{organization}}"}""", user["tokenInfo"]);
        Assert.Equal(organization, (string)Assert.Single(user["organizations"]!.AsArray())!["githubLogin"]!);
        AssertJson($$"""{"gitHubLogin":"{{organization}}"}""", await client.GetAsync("api/user/organizations/default").JsonAsync());
    }

    [DatabaseFact]
    public async Task An_organization_token_manages_its_organizations_environments()
    {
        var (client, organization) = await NewOrganizationTokenAsync();

        await client.PostAsync($"api/esc/environments/{organization}", ApiHttp.Json(new { project = "app", name = "dev" })).ShouldBe(System.Net.HttpStatusCode.NoContent);
        await client.PatchAsync($"api/esc/environments/{organization}/app/dev", ApiHttp.Yaml("values:\n  a: 1\n")).ShouldBe(System.Net.HttpStatusCode.OK);

        var revisions = await client.GetAsync($"api/esc/environments/{organization}/app/dev/versions").JsonAsync();
        Assert.Equal(organization, (string)revisions[0]!["creatorLogin"]!);
        await client.GetAsync($"api/esc/environments/{Org}").ErrorAsync(System.Net.HttpStatusCode.NotFound);
    }
}
