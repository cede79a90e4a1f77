using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Creating_an_environment_tag_is_200_with_the_tag_and_no_id()
    {
        var environment = await NewEnvironmentAsync();

        var tag = await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "team-a" })).JsonAsync();

        Assert.Equal(["created", "editorLogin", "editorName", "modified", "name", "value"], tag.Keys());
        Assert.Equal("owner", (string)tag["name"]!);
        Assert.Equal("team-a", (string)tag["value"]!);
        Assert.Equal("admin", (string)tag["editorLogin"]!);
        Assert.True(DateTimeOffset.TryParse((string)tag["created"]!, out _));
    }

    [DatabaseFact]
    public async Task Environment_tags_are_listed_as_a_map_keyed_by_name_ending_with_next_token_0()
    {
        var environment = await NewEnvironmentAsync();
        foreach (var (name, value) in (ValueTuple<string, string>[])[("region", "eu"), ("owner", "team-a")])
        {
            await Client.PostAsync($"{environment.Path}/tags", Json(new { name, value })).ShouldBe(HttpStatusCode.OK);
        }

        var list = await Client.GetAsync($"{environment.Path}/tags").JsonAsync();

        Assert.Equal(["nextToken", "tags"], list.Keys());
        Assert.Equal("0", (string)list["nextToken"]!);
        Assert.Equal(["owner", "region"], list["tags"].Keys());
        Assert.Equal("eu", (string)list["tags"]!["region"]!["value"]!);
        Assert.Null(list["tags"]!["region"]!["id"]);
    }

    [DatabaseFact]
    public async Task Environment_tags_page_with_after_and_count_until_next_token_0()
    {
        var environment = await NewEnvironmentAsync();
        foreach (var name in (string[])["a", "b", "c"])
        {
            await Client.PostAsync($"{environment.Path}/tags", Json(new { name, value = name })).ShouldBe(HttpStatusCode.OK);
        }

        var seen = new List<string>();
        var after = "";
        for (var page = 0; page < 10; page++)
        {
            var list = await Client.GetAsync($"{environment.Path}/tags?after={after}&count=2").JsonAsync();
            seen.AddRange(list["tags"].Keys());
            after = (string)list["nextToken"]!;
            if (after == "0")
            {
                break;
            }
        }

        Assert.Equal(["a", "b", "c"], seen);
        Assert.Equal("0", after);
    }

    [DatabaseFact]
    public async Task An_environment_without_tags_lists_an_empty_map()
    {
        var environment = await NewEnvironmentAsync();

        var list = await Client.GetAsync($"{environment.Path}/tags?after=&count=").JsonAsync();

        AssertJson("""{"tags":{},"nextToken":"0"}""", list);
    }

    [DatabaseFact]
    public async Task Creating_an_environment_tag_twice_is_409()
    {
        var environment = await NewEnvironmentAsync();
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "a" })).ShouldBe(HttpStatusCode.OK);

        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "b" })).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal("a", (string)(await Client.GetAsync($"{environment.Path}/tags/owner").JsonAsync())["value"]!);
    }

    [DatabaseFact]
    public async Task Patching_an_environment_tag_can_rename_it_and_change_its_value()
    {
        var environment = await NewEnvironmentAsync();
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "team-a" })).ShouldBe(HttpStatusCode.OK);

        var renamed = await Client.PatchAsync($"{environment.Path}/tags/owner", Json(new { currentTag = new { name = "", value = "team-a" }, newTag = new { name = "maintainer", value = "team-b" } })).JsonAsync();

        Assert.Equal("maintainer", (string)renamed["name"]!);
        Assert.Equal("team-b", (string)renamed["value"]!);
        await Client.GetAsync($"{environment.Path}/tags/owner").ErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("team-b", (string)(await Client.GetAsync($"{environment.Path}/tags/maintainer").JsonAsync())["value"]!);
    }

    [DatabaseFact]
    public async Task Patching_an_environment_tag_with_empty_new_fields_keeps_them()
    {
        var environment = await NewEnvironmentAsync();
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "team-a" })).ShouldBe(HttpStatusCode.OK);

        var revalued = await Client.PatchAsync($"{environment.Path}/tags/owner", Json(new { currentTag = new { value = "team-a" }, newTag = new { name = "", value = "team-c" } })).JsonAsync();

        Assert.Equal("owner", (string)revalued["name"]!);
        Assert.Equal("team-c", (string)revalued["value"]!);
    }

    [DatabaseFact]
    public async Task Deleting_an_environment_tag_is_204_and_a_missing_one_404()
    {
        var environment = await NewEnvironmentAsync();
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "a" })).ShouldBe(HttpStatusCode.OK);

        await Client.DeleteAsync($"{environment.Path}/tags/owner").ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"{environment.Path}/tags/owner").ErrorAsync(HttpStatusCode.NotFound);
        await Client.DeleteAsync($"{environment.Path}/tags/owner").ErrorAsync(HttpStatusCode.NotFound);
        await Client.PatchAsync($"{environment.Path}/tags/owner", Json(new { newTag = new { name = "x", value = "y" } })).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Environment_tag_requests_with_bad_bodies_are_400()
    {
        var environment = await NewEnvironmentAsync();

        await Client.PostAsync($"{environment.Path}/tags", Json("{}")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/tags", Json("{\"name\": [1]}")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = new string('n', 101), value = "v" })).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/tags", Json("not json")).ErrorAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task Patching_an_environment_tag_that_changed_since_it_was_read_is_409()
    {
        var environment = await NewEnvironmentAsync();
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "team-a" })).ShouldBe(HttpStatusCode.OK);

        await Client.PatchAsync($"{environment.Path}/tags/owner", Json(new { currentTag = new { value = "team-z" }, newTag = new { name = "owner", value = "team-b" } })).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal("team-a", (string)(await Client.GetAsync($"{environment.Path}/tags/owner").JsonAsync())["value"]!);
    }

    [DatabaseFact]
    public async Task Renaming_an_environment_tag_onto_another_is_409()
    {
        var environment = await NewEnvironmentAsync();
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "a" })).ShouldBe(HttpStatusCode.OK);
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "region", value = "eu" })).ShouldBe(HttpStatusCode.OK);

        await Client.PatchAsync($"{environment.Path}/tags/owner", Json(new { newTag = new { name = "region", value = "b" } })).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal("eu", (string)(await Client.GetAsync($"{environment.Path}/tags/region").JsonAsync())["value"]!);
        Assert.Equal("a", (string)(await Client.GetAsync($"{environment.Path}/tags/owner").JsonAsync())["value"]!);
    }
}
