using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Creating_a_revision_tag_is_204_and_it_names_that_revision()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);

        var response = await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable", revision = 2 })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var tag = await Client.GetAsync($"{environment.Path}/versions/tags/stable").JsonAsync();
        Assert.Equal(["created", "editorLogin", "editorName", "modified", "name", "revision"], tag.Keys());
        Assert.Equal(2, (int)tag["revision"]!);
        Assert.Equal("admin", (string)tag["editorLogin"]!);
    }

    [DatabaseFact]
    public async Task A_revision_tag_created_without_a_revision_names_the_latest()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);

        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "current" })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(3, (int)(await Client.GetAsync($"{environment.Path}/versions/tags/current").JsonAsync())["revision"]!);
    }

    [DatabaseFact]
    public async Task Creating_a_revision_tag_twice_is_409()
    {
        var environment = await EnvironmentWithRevisionsAsync(2);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable", revision = 1 })).ShouldBe(HttpStatusCode.NoContent);

        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable", revision = 2 })).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal(1, (int)(await Client.GetAsync($"{environment.Path}/versions/tags/stable").JsonAsync())["revision"]!);
    }

    [DatabaseFact]
    public async Task Revision_tags_are_listed_by_name_with_latest_ending_with_an_empty_page()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);
        foreach (var name in (string[])["prod", "beta", "zeta"])
        {
            await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name, revision = 2 })).ShouldBe(HttpStatusCode.NoContent);
        }

        var seen = new List<string>();
        var after = "";
        for (var page = 0; page < 10; page++)
        {
            var list = await Client.GetAsync($"{environment.Path}/versions/tags?after={after}&count=2").JsonAsync();
            var names = list["tags"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
            if (names.Count == 0)
            {
                break;
            }
            seen.AddRange(names);
            after = names[^1];
        }

        Assert.Equal(["beta", "latest", "prod", "zeta"], seen);
        var all = await Client.GetAsync($"{environment.Path}/versions/tags").JsonAsync();
        Assert.Equal(3, (int)all["tags"]!.AsArray().Single(t => (string)t!["name"]! == "latest")!["revision"]!);
    }

    [DatabaseFact]
    public async Task Moving_a_revision_tag_is_204()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable", revision = 2 })).ShouldBe(HttpStatusCode.NoContent);

        await Client.PatchAsync($"{environment.Path}/versions/tags/stable", Json(new { revision = 3 })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(3, (int)(await Client.GetAsync($"{environment.Path}/versions/tags/stable").JsonAsync())["revision"]!);
    }

    [DatabaseFact]
    public async Task Moving_a_missing_revision_tag_is_404_with_code_404()
    {
        var environment = await EnvironmentWithRevisionsAsync(2);

        var error = await Client.PatchAsync($"{environment.Path}/versions/tags/missing", Json(new { revision = 2 })).JsonAsync(HttpStatusCode.NotFound);

        Assert.Equal(404, (int)error["code"]!);
        await Client.GetAsync($"{environment.Path}/versions/tags/missing").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Deleting_a_revision_tag_is_204()
    {
        var environment = await EnvironmentWithRevisionsAsync(2);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable" })).ShouldBe(HttpStatusCode.NoContent);

        await Client.DeleteAsync($"{environment.Path}/versions/tags/stable").ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"{environment.Path}/versions/tags/stable").ErrorAsync(HttpStatusCode.NotFound);
        await Client.DeleteAsync($"{environment.Path}/versions/tags/stable").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task The_latest_tag_cannot_be_created_moved_or_deleted()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);

        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "latest", revision = 2 })).ErrorAsync(HttpStatusCode.Conflict);
        await Client.PatchAsync($"{environment.Path}/versions/tags/latest", Json(new { revision = 2 })).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.DeleteAsync($"{environment.Path}/versions/tags/latest").ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal(3, (int)(await Client.GetAsync($"{environment.Path}/versions/tags/latest").JsonAsync())["revision"]!);
    }

    [DatabaseFact]
    public async Task Revision_tag_names_starting_with_a_digit_or_otherwise_invalid_are_400()
    {
        var environment = await EnvironmentWithRevisionsAsync(2);

        foreach (var name in (string[])["1st", "9", "with space", "", "..", new string('t', 101)])
        {
            await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name, revision = 1 })).ErrorAsync(HttpStatusCode.BadRequest);
        }
    }

    [DatabaseFact]
    public async Task A_revision_tag_on_a_revision_that_does_not_exist_is_refused()
    {
        var environment = await EnvironmentWithRevisionsAsync(2);

        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "future", revision = 9 })).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable", revision = 1 })).ShouldBe(HttpStatusCode.NoContent);
        await Client.PatchAsync($"{environment.Path}/versions/tags/stable", Json(new { revision = 9 })).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.GetAsync($"{environment.Path}/versions/tags/future").ErrorAsync(HttpStatusCode.NotFound);
    }
}
