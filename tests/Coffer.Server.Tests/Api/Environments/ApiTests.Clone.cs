using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Cloning_is_204_and_copies_the_latest_definition_into_a_new_environment()
    {
        var source = await NewEnvironmentAsync("values:\n  n: 1\n");
        await UpdateAsync(source, "values:\n  n: 2\n");
        var copy = source with { Name = Unique("copy") };

        var response = await Client.PostAsync($"{source.Path}/clone", Json(new { name = copy.Name })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var read = await Client.GetAsync(copy.Path).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("values:\n  n: 2\n", await read.Content.ReadAsStringAsync());
        Assert.Equal("2", read.Header("Pulumi-ESC-Revision"));
    }

    [DatabaseFact]
    public async Task Cloning_into_another_project_and_at_a_version()
    {
        var source = await NewEnvironmentAsync("values:\n  n: 1\n");
        await UpdateAsync(source, "values:\n  n: 2\n");
        var copy = new EnvironmentAddress(Org, Unique("proj"), "copy");

        await Client.PostAsync($"{source.Path}/clone", Json(new { project = copy.Project, name = copy.Name, version = 2 })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal("values:\n  n: 1\n", await DefinitionAsync(copy));
    }

    [DatabaseFact]
    public async Task A_cloned_secret_decrypts_in_the_copy()
    {
        var source = await NewEnvironmentAsync(SecretDefinition);
        var copy = source with { Name = Unique("copy") };

        await Client.PostAsync($"{source.Path}/clone", Json(new { name = copy.Name })).ShouldBe(HttpStatusCode.NoContent);

        Assert.DoesNotContain("hunter2-plaintext", await DefinitionAsync(copy));
        AssertJson("""{"password":"hunter2-plaintext","user":"alice"}""", await OpenValuesAsync(copy));
    }

    [DatabaseFact]
    public async Task Cloning_onto_an_existing_environment_is_409_and_leaves_it_alone()
    {
        var source = await NewEnvironmentAsync("values:\n  from: source\n");
        var existing = await NewEnvironmentAsync("values:\n  from: existing\n", project: source.Project);

        await Client.PostAsync($"{source.Path}/clone", Json(new { name = existing.Name })).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal("values:\n  from: existing\n", await DefinitionAsync(existing));
    }

    [DatabaseFact]
    public async Task Cloning_a_missing_environment_is_404()
    {
        var project = Unique("proj");

        await Client.PostAsync($"api/esc/environments/{Org}/{project}/missing/clone", Json(new { name = "copy" })).ErrorAsync(HttpStatusCode.NotFound);

        await Client.GetAsync($"api/esc/environments/{Org}/{project}/copy").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Cloning_with_a_bad_request_is_400()
    {
        var source = await NewEnvironmentAsync();

        await Client.PostAsync($"{source.Path}/clone", Json("{}")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{source.Path}/clone", Json("{\"name\":")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{source.Path}/clone", Json(new { name = "bad name" })).ErrorAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task Cloning_with_history_and_tags_preserves_revisions_revision_tags_and_environment_tags()
    {
        var source = await NewEnvironmentAsync("values:\n  n: 1\n");
        await UpdateAsync(source, "values:\n  n: 2\n");
        await Client.PostAsync($"{source.Path}/versions/tags", Json(new { name = "stable", revision = 2 })).ShouldBe(HttpStatusCode.NoContent);
        await Client.PostAsync($"{source.Path}/tags", Json(new { name = "owner", value = "team-a" })).ShouldBe(HttpStatusCode.OK);
        var copy = source with { Name = Unique("copy") };

        await Client.PostAsync($"{source.Path}/clone", Json(new
        {
            name = copy.Name,
            preserveHistory = true,
            preserveAccess = true,
            preserveEnvironmentTags = true,
            preserveRevisionTags = true,
        })).ShouldBe(HttpStatusCode.NoContent);

        var revisions = await Client.GetAsync($"{copy.Path}/versions").JsonAsync();
        Assert.Equal([3, 2, 1], revisions.AsArray().Select(r => (int)r!["number"]!));
        Assert.Equal("values:\n  n: 1\n", await DefinitionAsync(copy, "/versions/stable"));
        Assert.Equal("team-a", (string)(await Client.GetAsync($"{copy.Path}/tags/owner").JsonAsync())["value"]!);
    }

    [DatabaseFact]
    public async Task Cloning_without_preserve_options_copies_neither_history_nor_tags()
    {
        var source = await NewEnvironmentAsync("values:\n  n: 1\n");
        await UpdateAsync(source, "values:\n  n: 2\n");
        await Client.PostAsync($"{source.Path}/versions/tags", Json(new { name = "stable" })).ShouldBe(HttpStatusCode.NoContent);
        await Client.PostAsync($"{source.Path}/tags", Json(new { name = "owner", value = "team-a" })).ShouldBe(HttpStatusCode.OK);
        var copy = source with { Name = Unique("copy") };

        await Client.PostAsync($"{source.Path}/clone", Json(new { name = copy.Name, preserveHistory = false, preserveEnvironmentTags = false, preserveRevisionTags = false })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(2, (await Client.GetAsync($"{copy.Path}/versions").JsonAsync()).AsArray().Count);
        await Client.GetAsync($"{copy.Path}/versions/tags/stable").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{copy.Path}/tags/owner").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Cloning_with_history_keeps_retracted_revisions_retracted()
    {
        var source = await NewEnvironmentAsync("values:\n  leaked: oops\n");
        await UpdateAsync(source, "values:\n  fixed: true\n");
        await Client.PostAsync($"{source.Path}/versions/2/retract", Json(new { reason = "leaked" })).ShouldBe(HttpStatusCode.NoContent);
        var copy = source with { Name = Unique("copy") };

        await Client.PostAsync($"{source.Path}/clone", Json(new { name = copy.Name, preserveHistory = true })).ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"{copy.Path}/versions/2").ErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("values:\n  fixed: true\n", await DefinitionAsync(copy));
    }

    [DatabaseFact]
    public async Task Cloning_at_a_version_that_does_not_exist_is_404_and_creates_nothing()
    {
        var source = await NewEnvironmentAsync("values:\n  n: 1\n");
        var copy = source with { Name = Unique("copy") };

        await Client.PostAsync($"{source.Path}/clone", Json(new { name = copy.Name, version = 99 })).ErrorAsync(HttpStatusCode.NotFound);

        await Client.GetAsync(copy.Path).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Secrets_outside_values_are_encrypted_too_and_survive_a_clone()
    {
        var source = await NewEnvironmentAsync("values:\n  a: 1\nnotes:\n  fn::secret: kept-secret\n");
        var copy = source with { Name = Unique("copy") };

        await Client.PostAsync($"{source.Path}/clone", Json(new { name = copy.Name })).ShouldBe(HttpStatusCode.NoContent);

        Assert.DoesNotContain("kept-secret", await DefinitionAsync(source));
        Assert.DoesNotContain("kept-secret", await DefinitionAsync(copy));
        await UpdateAsync(copy, await DefinitionAsync(copy));
    }
}
