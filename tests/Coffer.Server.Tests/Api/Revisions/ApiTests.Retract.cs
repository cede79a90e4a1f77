using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task A_retracted_revision_cannot_be_read_or_opened()
    {
        var environment = await EnvironmentWithRevisionsAsync(4);

        await Client.PostAsync($"{environment.Path}/versions/3/retract", Json(new { reason = "bad value" })).ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"{environment.Path}/versions/3").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{environment.Path}/versions/3/decrypt").ErrorAsync(HttpStatusCode.NotFound);
        await Client.PostAsync($"{environment.Path}/versions/3/open", null).ErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("values:\n  n: 4\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task A_retracted_revision_is_listed_with_its_retraction()
    {
        var environment = await EnvironmentWithRevisionsAsync(4);

        await Client.PostAsync($"{environment.Path}/versions/3/retract", Json(new { reason = "bad value" })).ShouldBe(HttpStatusCode.NoContent);

        var revisions = (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray();
        var retracted = revisions.Single(r => (int)r!["number"]! == 3)!["retracted"]!;
        Assert.Equal(["at", "byLogin", "byName", "reason", "replacement"], retracted.Keys());
        Assert.Equal(2, (int)retracted["replacement"]!);
        Assert.Equal("bad value", (string)retracted["reason"]!);
        Assert.Null(revisions.Single(r => (int)r!["number"]! == 4)!["retracted"]);
    }

    [DatabaseFact]
    public async Task Retracting_moves_the_revisions_tags_to_the_replacement()
    {
        var environment = await EnvironmentWithRevisionsAsync(5);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable", revision = 4 })).ShouldBe(HttpStatusCode.NoContent);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "pinned", revision = 4 })).ShouldBe(HttpStatusCode.NoContent);

        await Client.PostAsync($"{environment.Path}/versions/4/retract", Json(new { replacement = 2 })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(2, (int)(await Client.GetAsync($"{environment.Path}/versions/tags/stable").JsonAsync())["revision"]!);
        Assert.Equal(2, (int)(await Client.GetAsync($"{environment.Path}/versions/tags/pinned").JsonAsync())["revision"]!);
        AssertJson("""{"n":2}""", await OpenValuesAsync(environment, "stable"));
    }

    [DatabaseFact]
    public async Task Retracting_without_a_replacement_moves_tags_to_the_newest_earlier_revision()
    {
        var environment = await EnvironmentWithRevisionsAsync(4);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable", revision = 3 })).ShouldBe(HttpStatusCode.NoContent);

        await Client.PostAsync($"{environment.Path}/versions/3/retract", null).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(2, (int)(await Client.GetAsync($"{environment.Path}/versions/tags/stable").JsonAsync())["revision"]!);
    }

    [DatabaseFact]
    public async Task The_latest_revision_cannot_be_retracted()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);

        await Client.PostAsync($"{environment.Path}/versions/3/retract", Json("{}")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/versions/latest/retract", Json("{}")).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal("values:\n  n: 3\n", await DefinitionAsync(environment, "/versions/3"));
    }

    [DatabaseFact]
    public async Task Retracting_twice_is_409_and_retracting_a_missing_revision_404()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);
        await Client.PostAsync($"{environment.Path}/versions/2/retract", Json("{}")).ShouldBe(HttpStatusCode.NoContent);

        await Client.PostAsync($"{environment.Path}/versions/2/retract", Json("{}")).ErrorAsync(HttpStatusCode.Conflict);
        await Client.PostAsync($"{environment.Path}/versions/9/retract", Json("{}")).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task A_retracted_revision_cannot_be_tagged_or_replace_another()
    {
        var environment = await EnvironmentWithRevisionsAsync(4);
        await Client.PostAsync($"{environment.Path}/versions/2/retract", Json("{}")).ShouldBe(HttpStatusCode.NoContent);

        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "old", revision = 2 })).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/versions/3/retract", Json(new { replacement = 2 })).ErrorAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task Retracting_with_a_malformed_body_is_400()
    {
        var environment = await EnvironmentWithRevisionsAsync(3);

        await Client.PostAsync($"{environment.Path}/versions/2/retract", Json("{\"replacement\": \"one\"}")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{environment.Path}/versions/2/retract", Json("{oops")).ErrorAsync(HttpStatusCode.BadRequest);

        await Client.GetAsync($"{environment.Path}/versions/2").ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task A_retract_body_sent_without_a_content_length_is_read()
    {
        var environment = await EnvironmentWithRevisionsAsync(4);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable", revision = 3 })).ShouldBe(HttpStatusCode.NoContent);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{environment.Path}/versions/3/retract") { Content = Json(new { replacement = 1, reason = "chunked" }) };
        request.Headers.TransferEncodingChunked = true;

        await Client.SendAsync(request).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(1, (int)(await Client.GetAsync($"{environment.Path}/versions/tags/stable").JsonAsync())["revision"]!);
    }
}
