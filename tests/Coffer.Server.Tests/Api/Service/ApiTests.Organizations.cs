using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task The_environments_of_another_organization_are_404_to_outsiders()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var id = await OpenAsync(environment);
        var (outsider, _) = await NewOrganizationMemberAsync();

        await outsider.GetAsync(environment.Path).ErrorAsync(HttpStatusCode.NotFound);
        await outsider.GetAsync($"{environment.Path}/decrypt").ErrorAsync(HttpStatusCode.NotFound);
        await outsider.GetAsync($"{environment.Path}/open/{id}").ErrorAsync(HttpStatusCode.NotFound);
        await outsider.PostAsync($"{environment.Path}/open", null).ErrorAsync(HttpStatusCode.NotFound);
        await outsider.PatchAsync(environment.Path, Yaml("values:\n  a: 2\n")).ErrorAsync(HttpStatusCode.NotFound);
        await outsider.DeleteAsync(environment.Path).ErrorAsync(HttpStatusCode.NotFound);
        await outsider.PostAsync($"api/esc/environments/{Org}", Json(new { project = "p", name = "e" })).ErrorAsync(HttpStatusCode.NotFound);
        await outsider.PostAsync($"api/esc/environments/{Org}/yaml/check", Yaml("values: {}\n")).ErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal("values:\n  a: 1\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task Each_organization_has_its_own_namespace_of_environments()
    {
        var (member, organization) = await NewOrganizationMemberAsync();
        var mine = await NewEnvironmentAsync("values:\n  owner: default\n");

        await member.PostAsync($"api/esc/environments/{organization}", Json(new { project = mine.Project, name = mine.Name })).ShouldBe(HttpStatusCode.NoContent);
        await member.PatchAsync($"api/esc/environments/{organization}/{mine.Project}/{mine.Name}", Yaml("values:\n  owner: other\n")).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("values:\n  owner: default\n", await DefinitionAsync(mine));
    }
}
