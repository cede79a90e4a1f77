using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

// PostgreSQL text cannot hold NUL characters and SQLite can: without a rule of its own the API
// would accept them on one database and fail on the other.
public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task A_nul_character_in_a_definition_is_400()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        foreach (var yaml in (string[])["values:\n  a: \"x\0y\"\n", "values:\n  a: x\0y\n", "# \0\nvalues: {}\n", "values:\n  s:\n    fn::secret: \"x\0y\"\n"])
        {
            await Client.PatchAsync(environment.Path, Yaml(yaml)).ErrorAsync(HttpStatusCode.BadRequest);
        }

        Assert.Equal("values:\n  a: 1\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task An_escaped_nul_in_a_definition_evaluates_on_every_database()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: \"x\\0y\"\n");

        Assert.Equal("x\0y", (string)(await OpenValuesAsync(environment))!["a"]!);
    }

    [DatabaseFact]
    public async Task Nul_characters_in_json_strings_are_400()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        await UpdateAsync(environment, "values:\n  a: 2\n");
        await UpdateAsync(environment, "values:\n  a: 3\n");

        await Client.PostAsync($"{environment.Path}/tags", Json("""{"name": "t", "value": "a\u0000b"}""")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/tags", Json("""{"name": "t\u0000", "value": "v"}""")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/versions/2/retract", Json("""{"reason": "a\u0000b"}""")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"api/esc/environments/{Org}", Json("""{"project": "p\u0000", "name": "e"}""")).ErrorAsync(HttpStatusCode.BadRequest);

        AssertJson("""{"tags":{},"nextToken":"0"}""", await Client.GetAsync($"{environment.Path}/tags").JsonAsync());
        await Client.GetAsync($"{environment.Path}/versions/2").ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task Unicode_survives_definitions_tags_and_reasons()
    {
        var environment = await NewEnvironmentAsync("values:\n  greeting: \"héllo wörld — 你好 🔑\"\n  secret:\n    fn::secret: \"pässwörd 🔒\"\n");
        await UpdateAsync(environment, "values:\n  other: 1\n");

        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "ünï", value = "välue 🏷" })).ShouldBe(HttpStatusCode.OK);
        await Client.PostAsync($"{environment.Path}/versions/2/retract", Json(new { replacement = 1, reason = "räson 📝" })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal("välue 🏷", (string)(await Client.GetAsync($"{environment.Path}/tags/{Uri.EscapeDataString("ünï")}").JsonAsync())["value"]!);
        var revisions = await Client.GetAsync($"{environment.Path}/versions").JsonAsync();
        Assert.Equal("räson 📝", (string)revisions.AsArray().Single(r => (int)r!["number"]! == 2)!["retracted"]!["reason"]!);
        await UpdateAsync(environment, "values:\n  greeting: \"héllo wörld — 你好 🔑\"\n  secret:\n    fn::secret: \"pässwörd 🔒\"\n");
        AssertJson("""{"greeting":"héllo wörld — 你好 🔑","secret":"pässwörd 🔒"}""", await OpenValuesAsync(environment));
        Assert.Contains("pässwörd 🔒", await DefinitionAsync(environment, "/decrypt"));
    }

    [DatabaseFact]
    public async Task Environment_tag_names_that_cannot_be_addressed_in_a_url_are_400()
    {
        var environment = await NewEnvironmentAsync();

        foreach (var name in (string[])["a/b", ".", "..", "/"])
        {
            await Client.PostAsync($"{environment.Path}/tags", Json(new { name, value = "v" })).ErrorAsync(HttpStatusCode.BadRequest);
        }
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "fine", value = "v" })).ShouldBe(HttpStatusCode.OK);
        await Client.PatchAsync($"{environment.Path}/tags/fine", Json(new { newTag = new { name = "a/b" } })).ErrorAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task Environment_tag_names_with_spaces_and_symbols_are_addressable()
    {
        var environment = await NewEnvironmentAsync();

        foreach (var name in (string[])["with space", "key:value", "a+b", "100%", "x?y#z"])
        {
            await Client.PostAsync($"{environment.Path}/tags", Json(new { name, value = name })).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(name, (string)(await Client.GetAsync($"{environment.Path}/tags/{Uri.EscapeDataString(name)}").JsonAsync())["value"]!);
            await Client.DeleteAsync($"{environment.Path}/tags/{Uri.EscapeDataString(name)}").ShouldBe(HttpStatusCode.NoContent);
        }
    }

    [DatabaseFact]
    public async Task A_nul_character_in_a_query_value_is_400()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        foreach (var query in (string[])["tags?after=%00", "versions/tags?after=a%00b", "versions?before=%00"])
        {
            await Client.GetAsync($"{environment.Path}/{query}").ErrorAsync(HttpStatusCode.BadRequest);
        }
        await Client.GetAsync($"api/esc/environments/{Org}?continuationToken=%00").ErrorAsync(HttpStatusCode.BadRequest);
    }
}
