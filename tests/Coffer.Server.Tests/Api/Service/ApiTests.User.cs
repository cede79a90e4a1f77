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
}
