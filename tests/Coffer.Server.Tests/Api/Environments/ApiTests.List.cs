using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Listing_an_organization_shows_its_environments_with_their_times()
    {
        var (member, organization) = await NewOrganizationMemberAsync();
        foreach (var name in (string[])["beta", "alpha"])
        {
            await member.PostAsync($"api/esc/environments/{organization}", Json(new { project = "app", name })).ShouldBe(HttpStatusCode.NoContent);
        }

        var list = await member.GetAsync($"api/esc/environments/{organization}").JsonAsync();

        Assert.Equal(["environments"], list.Keys().Where(k => k != "nextToken"));
        Assert.True(string.IsNullOrEmpty((string?)list["nextToken"]));
        var environments = list["environments"]!.AsArray();
        Assert.Equal(["alpha", "beta"], environments.Select(e => (string)e!["name"]!));
        foreach (var environment in environments)
        {
            Assert.Equal(organization, (string)environment!["organization"]!);
            Assert.Equal("app", (string)environment["project"]!);
            Assert.True(DateTimeOffset.TryParse((string)environment["created"]!, out _));
            Assert.True(DateTimeOffset.TryParse((string)environment["modified"]!, out _));
        }
    }

    [DatabaseFact]
    public async Task Listing_every_organization_includes_the_callers_environments()
    {
        var (member, organization) = await NewOrganizationMemberAsync();
        await member.PostAsync($"api/esc/environments/{organization}", Json(new { project = "app", name = "dev" })).ShouldBe(HttpStatusCode.NoContent);

        var list = await member.GetAsync("api/esc/environments").JsonAsync();

        var only = Assert.Single(list["environments"]!.AsArray());
        Assert.Equal($"{organization}/app/dev", $"{only!["organization"]}/{only["project"]}/{only["name"]}");
    }

    [DatabaseFact]
    public async Task Listing_an_organization_the_caller_does_not_belong_to_is_404()
    {
        var (member, _) = await NewOrganizationMemberAsync();

        await member.GetAsync($"api/esc/environments/{Org}").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"api/esc/environments/{Unique("nowhere")}").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Long_lists_come_in_pages_joined_by_the_next_token()
    {
        var (member, organization) = await NewOrganizationMemberAsync();
        var names = Enumerable.Range(0, 501).Select(i => $"env-{i:D3}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) =>
            await member.PostAsync($"api/esc/environments/{organization}", Json(new { project = "many", name })).ShouldBe(HttpStatusCode.NoContent));

        var first = await member.GetAsync($"api/esc/environments/{organization}").JsonAsync();
        var token = (string?)first["nextToken"];
        Assert.False(string.IsNullOrEmpty(token));
        var second = await member.GetAsync($"api/esc/environments/{organization}?continuationToken={Uri.EscapeDataString(token)}").JsonAsync();

        Assert.True(string.IsNullOrEmpty((string?)second["nextToken"]));
        var listed = first["environments"]!.AsArray().Concat(second["environments"]!.AsArray()).Select(e => (string)e!["name"]!).ToList();
        Assert.Equal(names, listed);
    }

    [DatabaseFact]
    public async Task An_empty_continuation_token_lists_from_the_start()
    {
        var (member, organization) = await NewOrganizationMemberAsync();
        await member.PostAsync($"api/esc/environments/{organization}", Json(new { project = "app", name = "dev" })).ShouldBe(HttpStatusCode.NoContent);

        var list = await member.GetAsync($"api/esc/environments/{organization}?continuationToken=").JsonAsync();

        Assert.Single(list["environments"]!.AsArray());
    }

    [DatabaseFact]
    public async Task A_forged_continuation_token_is_400()
    {
        await Client.GetAsync($"api/esc/environments/{Org}?continuationToken=not-a-token").ErrorAsync(HttpStatusCode.BadRequest);
        await Client.GetAsync("api/esc/environments?continuationToken=%FF%FE").ErrorAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task An_update_moves_the_modified_time_and_keeps_the_created_time()
    {
        var (member, organization) = await NewOrganizationMemberAsync();
        await member.PostAsync($"api/esc/environments/{organization}", Json(new { project = "app", name = "dev" })).ShouldBe(HttpStatusCode.NoContent);
        var before = (await member.GetAsync($"api/esc/environments/{organization}").JsonAsync())["environments"]![0]!;

        Server.Clock.Advance(TimeSpan.FromMinutes(5));
        await member.PatchAsync($"api/esc/environments/{organization}/app/dev", Yaml("values:\n  a: 1\n")).ShouldBe(HttpStatusCode.OK);

        var after = (await member.GetAsync($"api/esc/environments/{organization}").JsonAsync())["environments"]![0]!;
        Assert.Equal((string)before["created"]!, (string)after["created"]!);
        Assert.True(DateTimeOffset.Parse((string)after["modified"]!, System.Globalization.CultureInfo.InvariantCulture) >= DateTimeOffset.Parse((string)before["modified"]!, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(5));
    }
}
