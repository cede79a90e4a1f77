using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Unknown_organization_project_or_environment_is_404_with_code_404()
    {
        var environment = await NewEnvironmentAsync();

        foreach (var path in (string[])[
            $"api/esc/environments/{Unique("org")}/{environment.Project}/{environment.Name}",
            $"api/esc/environments/{Org}/{Unique("proj")}/{environment.Name}",
            $"api/esc/environments/{Org}/{environment.Project}/{Unique("env")}",
            $"api/esc/environments/{Org}/{environment.Project}/{Unique("env")}/versions",
            $"api/esc/environments/{Org}/{environment.Project}/{Unique("env")}/tags",
            $"api/esc/environments/{Org}/{environment.Project}/{Unique("env")}/versions/tags"])
        {
            var error = await Client.GetAsync(path).JsonAsync(HttpStatusCode.NotFound);
            Assert.Equal(404, (int)error["code"]!);
        }
    }

    // ".." and "%2E%2E" are not in the list: HttpClient, like every client, resolves them before sending.
    [DatabaseFact]
    public async Task Hostile_names_in_paths_are_client_errors()
    {
        var environment = await NewEnvironmentAsync();

        foreach (var segment in (string[])["..%2F..%2F..%2Fetc%2Fpasswd", "a%2Fb", "%C3%BC%C3%B1%C3%AF", "%F0%9F%94%91", new string('n', 2000), "%25", "%FF", "CON", "*"])
        {
            foreach (var path in (string[])[$"api/esc/environments/{Org}/{environment.Project}/{segment}", $"api/esc/environments/{Org}/{segment}/{environment.Name}", $"api/esc/environments/{segment}"])
            {
                var response = await Client.GetAsync(path);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"GET {path}: {(int)response.StatusCode}");
            }
        }
    }

    [DatabaseFact]
    public async Task Hostile_names_in_bodies_are_400()
    {
        foreach (var name in (string[])["..", ".", "../x", "a/b", "a\\b", "\u0000", "x\ny", "ünïcödé", "🔑", new string('n', 1000), "%2F"])
        {
            await Client.PostAsync($"api/esc/environments/{Org}", ApiHttp.Json(new { project = Unique("proj"), name })).ErrorAsync(HttpStatusCode.BadRequest);
        }
    }

    // Kestrel refuses some requests while parsing them, before any middleware runs, so it cannot
    // answer {code, message}; its empty body is what the esc CLI tolerates (it then uses the status).
    [DatabaseFact]
    public async Task A_path_with_a_nul_character_is_refused_before_routing_with_an_empty_body()
    {
        using var raw = new HttpClient { BaseAddress = Server.Address };

        var response = await raw.GetAsync($"api/esc/environments/{Org}/p/%00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [DatabaseFact]
    public async Task Project_and_environment_names_are_case_sensitive()
    {
        var project = Unique("Proj");
        var upper = await NewEnvironmentAsync("values:\n  which: upper\n", project: project, name: "Dev");
        var lower = await NewEnvironmentAsync("values:\n  which: lower\n", project: project, name: "dev");
        var otherProject = await NewEnvironmentAsync("values:\n  which: project\n", project: project.ToLowerInvariant(), name: "Dev");

        Assert.Equal("values:\n  which: upper\n", await DefinitionAsync(upper));
        Assert.Equal("values:\n  which: lower\n", await DefinitionAsync(lower));
        Assert.Equal("values:\n  which: project\n", await DefinitionAsync(otherProject));
        await Client.GetAsync($"api/esc/environments/{Org}/{project}/DEV").ErrorAsync(HttpStatusCode.NotFound);
    }
}
