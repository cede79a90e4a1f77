using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Creating_an_environment_is_204_and_makes_revision_1_with_an_empty_definition()
    {
        var project = Unique("proj");

        var response = await Client.PostAsync($"api/esc/environments/{Org}", Json(new { project, name = "dev" })).ShouldBe(HttpStatusCode.NoContent);

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var read = await Client.GetAsync($"api/esc/environments/{Org}/{project}/dev").ShouldBe(HttpStatusCode.OK);
        Assert.Equal("1", read.Header("Pulumi-ESC-Revision"));
        Assert.Equal("", await read.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task Creating_without_a_project_uses_the_default_project()
    {
        var name = Unique("env");

        await Client.PostAsync($"api/esc/environments/{Org}", Json(new { name })).ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"api/esc/environments/{Org}/default/{name}").ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task Creating_an_environment_that_exists_is_409()
    {
        var environment = await NewEnvironmentAsync("values:\n  kept: true\n");

        await Client.PostAsync($"api/esc/environments/{Org}", Json(new { project = environment.Project, name = environment.Name })).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal("values:\n  kept: true\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task Creating_with_invalid_names_is_400()
    {
        string[] invalidNames = ["", "with space", "slash/inside", "ümlaut", "semi;colon", "at@sign", new string('a', 101), ".", ".."];
        foreach (var name in invalidNames)
        {
            var body = name.Length == 0 ? new { project = "app", name } : new { project = Unique("proj"), name };
            await Client.PostAsync($"api/esc/environments/{Org}", Json(body)).ErrorAsync(HttpStatusCode.BadRequest);
            await Client.PostAsync($"api/esc/environments/{Org}", Json(new { project = name.Length == 0 ? "." : name, name = "dev" })).ErrorAsync(HttpStatusCode.BadRequest);
        }
    }

    [DatabaseFact]
    public async Task Names_may_use_letters_digits_dashes_underscores_and_dots_up_to_100_characters()
    {
        var project = "P_1-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var name in (string[])["a", "A.b-c_d.9", new string('x', 100), "...dots"])
        {
            await Client.PostAsync($"api/esc/environments/{Org}", Json(new { project, name })).ShouldBe(HttpStatusCode.NoContent);
            await Client.GetAsync($"api/esc/environments/{Org}/{project}/{name}").ShouldBe(HttpStatusCode.OK);
        }
    }

    [DatabaseFact]
    public async Task Creating_in_an_unknown_organization_is_404()
    {
        await Client.PostAsync($"api/esc/environments/{Unique("nowhere")}", Json(new { project = "app", name = "dev" })).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Creating_with_a_body_that_is_not_a_json_object_is_400()
    {
        foreach (var body in (string[])["", "{", "[]", "null", "\"dev\"", """{"name": 5}""", "name: dev"])
        {
            await Client.PostAsync($"api/esc/environments/{Org}", Json(body)).ErrorAsync(HttpStatusCode.BadRequest);
        }
    }

    [DatabaseFact]
    public async Task The_project_name_yaml_is_reserved_for_the_check_and_open_endpoints()
    {
        var source = await NewEnvironmentAsync();

        var message = await Client.PostAsync($"api/esc/environments/{Org}", Json(new { project = "yaml", name = "open" })).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"{source.Path}/clone", Json(new { project = "yaml", name = Unique("env") })).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Contains("reserved", message);
        await Client.PostAsync($"api/esc/environments/{Org}", Json(new { project = Unique("yaml"), name = "open" })).ShouldBe(HttpStatusCode.NoContent);
    }

    [DatabaseFact]
    public async Task Json_bodies_are_read_case_insensitively()
    {
        var project = Unique("proj");

        await Client.PostAsync($"api/esc/environments/{Org}", Json($$"""{"Project": "{{project}}", "NAME": "dev"}""")).ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"api/esc/environments/{Org}/{project}/dev").ShouldBe(HttpStatusCode.OK);
    }
}
