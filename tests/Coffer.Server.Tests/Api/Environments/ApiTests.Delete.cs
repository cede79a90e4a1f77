using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Deleting_is_204_and_the_environment_is_gone()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        var response = await Client.DeleteAsync(environment.Path).ShouldBe(HttpStatusCode.NoContent);

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await Client.GetAsync(environment.Path).ErrorAsync(HttpStatusCode.NotFound);
        await Client.DeleteAsync(environment.Path).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task A_deleted_environment_can_be_created_again_from_scratch()
    {
        var environment = await NewEnvironmentAsync("values:\n  old: true\n");
        await Client.DeleteAsync(environment.Path).ShouldBe(HttpStatusCode.NoContent);

        await NewEnvironmentAsync(project: environment.Project, name: environment.Name);

        var read = await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("1", read.Header("Pulumi-ESC-Revision"));
        Assert.Equal("", await read.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task Settings_start_without_deletion_protection()
    {
        var environment = await NewEnvironmentAsync();

        var settings = await Client.GetAsync($"{environment.Path}/settings").JsonAsync();

        AssertJson("""{"deletionProtected":false}""", settings);
    }

    [DatabaseFact]
    public async Task Patching_settings_changes_only_the_fields_given()
    {
        var environment = await NewEnvironmentAsync();

        await Client.PatchAsync($"{environment.Path}/settings", Json(new { deletionProtected = true })).ShouldBe(HttpStatusCode.OK);
        await Client.PatchAsync($"{environment.Path}/settings", Json("{}")).ShouldBe(HttpStatusCode.OK);

        AssertJson("""{"deletionProtected":true}""", await Client.GetAsync($"{environment.Path}/settings").JsonAsync());
    }

    [DatabaseFact]
    public async Task Deleting_a_deletion_protected_environment_is_409_mentioning_protection()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        await Client.PatchAsync($"{environment.Path}/settings", Json(new { deletionProtected = true })).ShouldBe(HttpStatusCode.OK);

        var message = await Client.DeleteAsync(environment.Path).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Contains("protect", message);
        await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task Turning_deletion_protection_off_allows_deleting_again()
    {
        var environment = await NewEnvironmentAsync();
        await Client.PatchAsync($"{environment.Path}/settings", Json(new { deletionProtected = true })).ShouldBe(HttpStatusCode.OK);

        await Client.PatchAsync($"{environment.Path}/settings", Json(new { deletionProtected = false })).ShouldBe(HttpStatusCode.OK);

        await Client.DeleteAsync(environment.Path).ShouldBe(HttpStatusCode.NoContent);
    }

    [DatabaseFact]
    public async Task Settings_of_a_missing_environment_are_404_and_a_malformed_patch_400()
    {
        var environment = await NewEnvironmentAsync();

        await Client.GetAsync($"api/esc/environments/{Org}/{environment.Project}/missing/settings").ErrorAsync(HttpStatusCode.NotFound);
        await Client.PatchAsync($"{environment.Path}/settings", Json("""{"deletionProtected": "yes please"}""")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PatchAsync($"{environment.Path}/settings", Json("{deletionProtected: true")).ErrorAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task A_recreated_environment_has_none_of_the_old_tags_or_revisions()
    {
        var environment = await NewEnvironmentAsync("values:\n  old: true\n");
        await Client.PostAsync($"{environment.Path}/tags", Json(new { name = "owner", value = "a" })).ShouldBe(HttpStatusCode.OK);
        await Client.PostAsync($"{environment.Path}/versions/tags", Json(new { name = "stable" })).ShouldBe(HttpStatusCode.NoContent);
        await Client.PatchAsync($"{environment.Path}/settings", Json(new { deletionProtected = false })).ShouldBe(HttpStatusCode.OK);
        await Client.DeleteAsync(environment.Path).ShouldBe(HttpStatusCode.NoContent);

        await NewEnvironmentAsync(project: environment.Project, name: environment.Name);

        AssertJson("""{"tags":{},"nextToken":"0"}""", await Client.GetAsync($"{environment.Path}/tags").JsonAsync());
        await Client.GetAsync($"{environment.Path}/versions/tags/stable").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{environment.Path}/versions/2").ErrorAsync(HttpStatusCode.NotFound);
    }
}
