using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Reading_returns_the_definition_as_written_with_etag_and_revision_headers()
    {
        const string yaml = "# a comment is kept\nvalues:\n  greeting: hello   # so is this one\n";
        var environment = await NewEnvironmentAsync(yaml);

        var response = await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("application/x-yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2", response.Header("Pulumi-ESC-Revision"));
        Assert.False(string.IsNullOrEmpty(response.Headers.ETag?.Tag));
        Assert.Equal(yaml, await response.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task The_etag_changes_with_every_revision()
    {
        var environment = await NewEnvironmentAsync();
        var before = (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Headers.ETag;

        await UpdateAsync(environment, "values:\n  a: 1\n");

        var after = (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Headers.ETag;
        Assert.NotEqual(before, after);
    }

    [DatabaseFact]
    public async Task Head_answers_the_etag_and_revision_without_a_body()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var etag = (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Headers.ETag;

        var response = await Client.SendAsync(HttpMethod.Head, environment.Path).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(etag, response.Headers.ETag);
        Assert.Equal("2", response.Header("Pulumi-ESC-Revision"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [DatabaseFact]
    public async Task Head_of_a_missing_environment_is_404_without_a_body()
    {
        var response = await Client.SendAsync(HttpMethod.Head, $"api/esc/environments/{Org}/{Unique("proj")}/missing").ShouldBe(HttpStatusCode.NotFound);

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [DatabaseFact]
    public async Task Reading_a_missing_environment_is_404()
    {
        var project = Unique("proj");
        await NewEnvironmentAsync(project: project, name: "present");

        foreach (var path in (string[])[$"{project}/absent", $"{Unique("proj")}/present", $"{project}/absent/decrypt", $"{project}/absent/versions/1"])
        {
            await Client.GetAsync($"api/esc/environments/{Org}/{path}").ErrorAsync(HttpStatusCode.NotFound);
        }
        await Client.GetAsync($"api/esc/environments/{Unique("nowhere")}/{project}/present").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Reading_at_a_version_returns_that_revision_with_its_own_headers()
    {
        var environment = await NewEnvironmentAsync("values:\n  n: 2\n");
        await UpdateAsync(environment, "values:\n  n: 3\n");

        var response = await Client.GetAsync($"{environment.Path}/versions/2").ShouldBe(HttpStatusCode.OK);

        Assert.Equal("application/x-yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2", response.Header("Pulumi-ESC-Revision"));
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("values:\n  n: 2\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("values:\n  n: 3\n", await DefinitionAsync(environment, "/versions/latest"));
    }

    [DatabaseFact]
    public async Task Reading_a_revision_that_does_not_exist_is_404_and_a_malformed_one_400()
    {
        var environment = await NewEnvironmentAsync();

        await Client.GetAsync($"{environment.Path}/versions/2").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{environment.Path}/versions/no-such-tag").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{environment.Path}/versions/0").ErrorAsync(HttpStatusCode.BadRequest);
        await Client.GetAsync($"{environment.Path}/versions/99999999999999").ErrorAsync(HttpStatusCode.BadRequest);
    }
}
