using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Updating_is_200_with_an_empty_json_object_and_the_new_revision_header()
    {
        var environment = await NewEnvironmentAsync();

        var response = await Client.PatchAsync(environment.Path, Yaml("values:\n  a: 1\n")).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal("2", response.Header("Pulumi-ESC-Revision"));
        Assert.Equal("values:\n  a: 1\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task A_yaml_body_labelled_as_json_is_read_as_yaml_like_the_esc_cli_sends_it()
    {
        var environment = await NewEnvironmentAsync();

        await Client.PatchAsync(environment.Path, Json("values:\n  sent: by-the-cli\n")).ShouldBe(HttpStatusCode.OK);

        AssertJson("""{"sent":"by-the-cli"}""", await OpenValuesAsync(environment));
    }

    [DatabaseFact]
    public async Task A_json_object_body_is_a_yaml_document_too()
    {
        var environment = await NewEnvironmentAsync();

        var empty = await Client.PatchAsync(environment.Path, Json("{}")).ShouldBe(HttpStatusCode.OK);
        var flow = await Client.PatchAsync(environment.Path, Json("""{"values": {"a": [1, 2]}}""")).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("2", empty.Header("Pulumi-ESC-Revision"));
        Assert.Equal("3", flow.Header("Pulumi-ESC-Revision"));
        AssertJson("""{"a":[1,2]}""", await OpenValuesAsync(environment));
    }

    [DatabaseFact]
    public async Task Updating_with_errors_is_400_with_diagnostics_and_stores_nothing()
    {
        var environment = await NewEnvironmentAsync("values:\n  good: 1\n");

        var error = await Client.PatchAsync(environment.Path, Yaml("values:\n  foo: ${bad_ref}\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["code", "diagnostics", "message"], error.Keys());
        var diagnostic = Assert.Single(error["diagnostics"]!.AsArray());
        Assert.Equal("unknown property \"bad_ref\"", (string)diagnostic!["summary"]!);
        Assert.Equal("error", (string)diagnostic["severity"]!);
        var range = diagnostic["range"]!;
        Assert.Equal(environment.Reference, (string)range["environment"]!);
        Assert.Equal(["byte", "column", "line"], range["begin"].Keys());
        Assert.Equal(2, (int)range["begin"]!["line"]!);
        var read = await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("2", read.Header("Pulumi-ESC-Revision"));
        Assert.Equal("values:\n  good: 1\n", await read.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task Updating_with_malformed_yaml_is_400_with_diagnostics()
    {
        var environment = await NewEnvironmentAsync();

        foreach (var yaml in (string[])["values: [unclosed\n", "values:\n\t- tab\n", "- just\n- a list\n", "values: {a: 1, a: 2}\n  broken: indentation\n"])
        {
            var error = await Client.PatchAsync(environment.Path, Yaml(yaml)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(error["diagnostics"]!.AsArray());
        }
        Assert.Equal("1", (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Header("Pulumi-ESC-Revision"));
    }

    [DatabaseFact]
    public async Task Updating_with_the_current_etag_succeeds()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var etag = (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Headers.ETag!.ToString();

        var response = await Client.PatchAsync(environment.Path, Yaml("values:\n  a: 2\n"), ("ETag", etag)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("3", response.Header("Pulumi-ESC-Revision"));
    }

    [DatabaseFact]
    public async Task Updating_with_a_stale_etag_is_409_and_changes_nothing()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var stale = (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Headers.ETag!.ToString();
        await UpdateAsync(environment, "values:\n  a: 2\n");

        await Client.PatchAsync(environment.Path, Yaml("values:\n  a: 3\n"), ("ETag", stale)).ErrorAsync(HttpStatusCode.Conflict);

        var read = await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("3", read.Header("Pulumi-ESC-Revision"));
        Assert.Equal("values:\n  a: 2\n", await read.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task Updating_with_a_stale_if_match_is_409_and_changes_nothing()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var stale = (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Headers.ETag!.ToString();
        await UpdateAsync(environment, "values:\n  a: 2\n");

        await Client.PatchAsync(environment.Path, Yaml("values:\n  a: 3\n"), ("If-Match", stale)).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal("values:\n  a: 2\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task Updating_with_an_etag_this_server_never_issued_is_409()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        await Client.PatchAsync(environment.Path, Yaml("values:\n  a: 3\n"), ("ETag", "\"not-an-etag\"")).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal("values:\n  a: 1\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task Updating_a_missing_environment_is_404()
    {
        await Client.PatchAsync($"api/esc/environments/{Org}/{Unique("proj")}/missing", Yaml("values: {}\n")).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Each_update_makes_the_next_revision()
    {
        var environment = await NewEnvironmentAsync();

        var revisions = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            revisions.Add(await UpdateAsync(environment, $"values:\n  i: {i}\n"));
        }

        Assert.Equal([2, 3, 4], revisions);
    }

    [DatabaseFact]
    public async Task Updating_with_only_warnings_stores_the_revision_and_answers_the_warnings()
    {
        var environment = await NewEnvironmentAsync();

        var response = await Client.PatchAsync(environment.Path, Yaml("values:\n  a: 1\nvalues:\n  b: 2\n")).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("2", response.Header("Pulumi-ESC-Revision"));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["diagnostics"], body.Keys());
        var warning = Assert.Single(body["diagnostics"]!.AsArray())!;
        Assert.Equal("duplicate key \"values\"", (string)warning["summary"]!);
        Assert.Equal("warning", (string)warning["severity"]!);
    }

    [DatabaseFact]
    public async Task An_empty_body_empties_the_definition()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        await Client.PatchAsync(environment.Path, Yaml("")).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("", await DefinitionAsync(environment));
        AssertJson("{}", await OpenAndReadAsync(environment));
    }
}
