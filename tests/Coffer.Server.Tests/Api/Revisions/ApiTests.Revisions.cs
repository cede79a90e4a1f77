using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    /// <summary>An environment with revisions 1 (empty, from creation) to <paramref name="latest"/>, each defining <c>n</c> as its number.</summary>
    private async Task<EnvironmentAddress> EnvironmentWithRevisionsAsync(int latest)
    {
        var environment = await NewEnvironmentAsync();
        for (var n = 2; n <= latest; n++)
        {
            await UpdateAsync(environment, $"values:\n  n: {n}\n");
        }
        return environment;
    }

    [DatabaseFact]
    public async Task Revisions_are_listed_newest_first_with_creator_and_tags()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);

        var revisions = (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray();

        Assert.Equal([3, 2, 1], revisions.Select(r => (int)r!["number"]!));
        var newest = revisions[0]!;
        Assert.Equal(["created", "creatorLogin", "creatorName", "number", "tags"], newest.Keys());
        Assert.Equal("admin", (string)newest["creatorLogin"]!);
        Assert.True(DateTimeOffset.TryParse((string)newest["created"]!, out _));
        AssertJson("""["latest"]""", newest["tags"]);
        AssertJson("[]", revisions[1]!["tags"]);
    }

    [DatabaseFact]
    public async Task Revisions_page_backwards_with_before_and_count_until_an_empty_array()
    {
        var environment = await EnvironmentWithRevisionsAsync(5);

        var pages = new List<int[]>();
        var before = 0;
        while (true)
        {
            var page = (await Client.GetAsync($"{environment.Path}/versions?before={before}&count=2").JsonAsync()).AsArray();
            if (page.Count == 0)
            {
                break;
            }
            pages.Add([.. page.Select(r => (int)r!["number"]!)]);
            before = pages[^1][^1];
        }

        Assert.Equal([[5, 4], [3, 2], [1]], pages);
    }

    [DatabaseFact]
    public async Task The_esc_cli_looks_up_one_revision_with_before_n_plus_1_and_count_1()
    {
        var environment = await EnvironmentWithRevisionsAsync(4);

        var revisions = (await Client.GetAsync($"{environment.Path}/versions?before=3&count=1").JsonAsync()).AsArray();

        Assert.Equal(2, (int)Assert.Single(revisions)!["number"]!);
    }

    [DatabaseFact]
    public async Task Empty_revision_query_values_are_ignored()
    {
        var environment = await EnvironmentWithRevisionsAsync(2);

        var revisions = (await Client.GetAsync($"{environment.Path}/versions?before=&count=").JsonAsync()).AsArray();

        Assert.Equal(2, revisions.Count);
    }

    [DatabaseFact]
    public async Task A_revision_query_value_that_is_not_a_number_is_400()
    {
        var environment = await NewEnvironmentAsync();

        await Client.GetAsync($"{environment.Path}/versions?count=many").ErrorAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task An_environment_opens_at_a_revision_number_or_tag()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);
        await Client.PostAsync($"{environment.Path}/versions/tags", ApiHttp.Json(new { name = "stable", revision = 2 })).ShouldBe(HttpStatusCode.NoContent);

        AssertJson("""{"n":2}""", await OpenValuesAsync(environment, "2"));
        AssertJson("""{"n":2}""", await OpenValuesAsync(environment, "stable"));
        AssertJson("""{"n":3}""", await OpenValuesAsync(environment, "latest"));
        AssertJson("""{"n":3}""", await OpenValuesAsync(environment));
        Assert.Equal("values:\n  n: 2\n", await DefinitionAsync(environment, "/versions/stable"));
    }

    [DatabaseFact]
    public async Task Opening_a_revision_that_does_not_exist_is_404()
    {
        var environment = await EnvironmentWithRevisionsAsync(2);

        await Client.PostAsync($"{environment.Path}/versions/3/open", null).ErrorAsync(HttpStatusCode.NotFound);
        await Client.PostAsync($"{environment.Path}/versions/nope/open", null).ErrorAsync(HttpStatusCode.NotFound);
    }
}
