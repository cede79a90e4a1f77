using System.Net;
using System.Text.Json.Nodes;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    private const string TwoRotators = """
        values:
          # the database password
          db:
            fn::rotate::password:
              inputs: {length: 24, minSpecial: 2}
          phrase:
            fn::rotate::passphrase:
              inputs:
                length: 4
                separator: "."
          app:
            password: ${db.current}
        """;

    private Task<JsonNode> RotateAsync(EnvironmentAddress environment, object? body = null, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        Client.SendAsync(HttpMethod.Post, $"{environment.Path}/rotate", body is null ? null : Json(body), headers).JsonAsync(status);

    [DatabaseFact]
    public async Task Rotate_writes_a_new_revision_whose_open_shows_the_new_secrets()
    {
        var environment = await NewEnvironmentAsync(TwoRotators);

        var rotated = (await RotateAsync(environment))["secretRotationEvent"]!;

        Assert.Equal("succeeded", (string)rotated["status"]!);
        Assert.Equal(2, (int)rotated["preRotationRevision"]!);
        Assert.Equal(3, (int)rotated["postRotationRevision"]!);
        Assert.Equal(["completed", "created", "environmentId", "id", "postRotationRevision", "preRotationRevision", "rotations", "status", "userID"], rotated.Keys());
        Assert.Equal(["db", "phrase"], rotated["rotations"]!.AsArray().Select(r => (string)r!["environmentPath"]!));
        Assert.All(rotated["rotations"]!.AsArray(), r => Assert.Equal(["environmentPath", "id", "status"], r.Keys()));
        var values = (await OpenValuesAsync(environment))!;
        var password = (string)values["db"]!["current"]!;
        Assert.Equal(24, password.Length);
        Assert.True(password.Count(c => "!@#$%&*()-_=+[]{}<>:?".Contains(c)) >= 2, password);
        Assert.Equal(password, (string)values["app"]!["password"]!);
        Assert.Null(values["db"]!["previous"]);
        Assert.Matches(@"^[a-z]+\.[a-z]+\.[a-z]+\.[a-z]+$", (string)values["phrase"]!["current"]!);
    }

    [DatabaseFact]
    public async Task A_second_rotation_keeps_the_replaced_secret_as_previous()
    {
        var environment = await NewEnvironmentAsync(TwoRotators);
        await RotateAsync(environment);
        var first = (string)(await OpenValuesAsync(environment))!["db"]!["current"]!;

        var rotated = (await RotateAsync(environment, new { paths = new[] { "db" } }))["secretRotationEvent"]!;

        Assert.Equal(4, (int)rotated["postRotationRevision"]!);
        var db = (await OpenValuesAsync(environment))!["db"]!;
        Assert.Equal(first, (string)db["previous"]!);
        Assert.NotEqual(first, (string)db["current"]!);
    }

    [DatabaseFact]
    public async Task Rotated_secrets_are_stored_as_ciphertext_and_open_marks_them_secret()
    {
        var environment = await NewEnvironmentAsync(TwoRotators);
        await RotateAsync(environment);

        var stored = await DefinitionAsync(environment);
        var session = await OpenAndReadAsync(environment);

        var password = (string)Plain(session["properties"])!["db"]!["current"]!;
        Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
        Assert.Contains("ciphertext", stored, StringComparison.Ordinal);
        Assert.Contains("# the database password", stored, StringComparison.Ordinal);
        Assert.True((bool)session["properties"]!["db"]!["value"]!["current"]!["secret"]!);
        // The decrypted definition is YAML again, where a "$" of the generated text is written "$$".
        Assert.Contains(password.Replace("$", "$$", StringComparison.Ordinal), await DefinitionAsync(environment, "/decrypt"), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Rotate_of_chosen_paths_leaves_the_others_alone_and_reads_Paths_in_any_case()
    {
        var environment = await NewEnvironmentAsync(TwoRotators);
        await RotateAsync(environment);
        var before = (await OpenValuesAsync(environment))!;

        var rotated = (await RotateAsync(environment, new { Paths = new[] { "phrase", "phrase" } }))["secretRotationEvent"]!;

        Assert.Equal(["phrase"], rotated["rotations"]!.AsArray().Select(r => (string)r!["environmentPath"]!));
        var after = (await OpenValuesAsync(environment))!;
        Assert.Equal((string)before["db"]!["current"]!, (string)after["db"]!["current"]!);
        Assert.NotEqual((string)before["phrase"]!["current"]!, (string)after["phrase"]!["current"]!);
    }

    [DatabaseFact]
    public async Task Rotate_of_a_path_that_is_no_rotator_is_400_and_writes_nothing()
    {
        var environment = await NewEnvironmentAsync(TwoRotators);

        var unknown = await Client.SendAsync(HttpMethod.Post, $"{environment.Path}/rotate", Json(new { paths = new[] { "app.password" } })).ErrorAsync(HttpStatusCode.BadRequest);
        var invalid = await Client.SendAsync(HttpMethod.Post, $"{environment.Path}/rotate", Json(new { paths = new[] { "db[" } })).ErrorAsync(HttpStatusCode.BadRequest);
        var empty = await Client.SendAsync(HttpMethod.Post, $"{environment.Path}/rotate", Json(new { paths = new[] { "" } })).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal($"app.password is not a fn::rotate value of {Org}/{environment.Reference}; its rotated values are db, phrase", unknown);
        Assert.StartsWith("invalid path \"db[\"", invalid, StringComparison.Ordinal);
        Assert.Equal("a path to rotate must not be empty", empty);
        Assert.Equal([2, 1], (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray().Select(r => (int)r!["number"]!));
    }

    [DatabaseFact]
    public async Task Rotate_of_an_environment_without_rotators_rotates_nothing_and_writes_no_revision()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        var rotated = (await RotateAsync(environment))["secretRotationEvent"]!;
        var named = await Client.SendAsync(HttpMethod.Post, $"{environment.Path}/rotate", Json(new { paths = new[] { "a" } })).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal("succeeded", (string)rotated["status"]!);
        Assert.Empty(rotated["rotations"]!.AsArray());
        Assert.Null(rotated["postRotationRevision"]);
        Assert.Equal($"{Org}/{environment.Reference} has no fn::rotate values, so there is nothing to rotate at a", named);
        Assert.Equal(2, (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray().Count);
    }

    [DatabaseFact]
    public async Task Rotate_based_on_a_stale_etag_is_409()
    {
        var environment = await NewEnvironmentAsync(TwoRotators);
        var (_, etag) = await Client.ReadDefinitionAsync($"{Org}/{environment.Reference}");
        await UpdateAsync(environment, TwoRotators + "\n  extra: 1\n");

        var message = await Client.SendAsync(HttpMethod.Post, $"{environment.Path}/rotate", Json("{}"), ("ETag", etag)).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Contains("was changed since revision 2", message, StringComparison.Ordinal);
        Assert.Equal(3, (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray().Count);
    }

    [DatabaseFact]
    public async Task Of_concurrent_rotations_each_either_writes_the_next_revision_or_conflicts()
    {
        var environment = await NewEnvironmentAsync(TwoRotators);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var rotations = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Client.SendAsync(HttpMethod.Post, $"{environment.Path}/rotate", Json("{}"));
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(rotations);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var won = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.True(won >= 1);
        Assert.Equal(2 + won, (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray().Count);
        var posts = new List<int>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            posts.Add((int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["secretRotationEvent"]!["postRotationRevision"]!);
        }
        Assert.Equal(Enumerable.Range(3, won), posts.Order());
    }

    [DatabaseFact]
    public async Task A_rotator_input_out_of_range_is_refused_on_save_and_at_rotation()
    {
        var refused = await Client.PatchAsync((await NewEnvironmentAsync()).Path, Yaml("values:\n  pw:\n    fn::rotate::password:\n      inputs: {length: 101}\n")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("length", refused.ToJsonString(), StringComparison.Ordinal);

        // A length that was in range when saved, imported from an environment that changed since.
        var project = Unique("proj");
        var lengths = await NewEnvironmentAsync("values:\n  n: 20\n", project, "lengths");
        var environment = await NewEnvironmentAsync($"imports: [{project}/lengths]\nvalues:\n  pw:\n    fn::rotate::password:\n      inputs: {{length: '${{n}}'}}\n", project);
        await UpdateAsync(lengths, "values:\n  n: 200\n");

        var error = await RotateAsync(environment, status: HttpStatusCode.BadRequest);

        Assert.NotEmpty(error["diagnostics"]!.AsArray());
        Assert.Equal(2, (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray().Count);
    }

    [DatabaseFact]
    public async Task A_rotator_that_fails_is_reported_failed_with_its_reason_and_nothing_is_written()
    {
        var environment = await NewEnvironmentAsync("values:\n  pw:\n    fn::rotate::password:\n      inputs: {length: 8, minLower: 5, minUpper: 5}\n");

        var rotated = (await RotateAsync(environment))["secretRotationEvent"]!;

        Assert.Equal("failed", (string)rotated["status"]!);
        Assert.Null(rotated["postRotationRevision"]);
        var rotation = Assert.Single(rotated["rotations"]!.AsArray())!;
        Assert.Equal("failed", (string)rotation["status"]!);
        Assert.Equal("password: the minimum counts add up to 10, more than the length 8", (string)rotation["errorMessage"]!);
        Assert.Equal(2, (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray().Count);
    }

    [DatabaseFact]
    public async Task Malformed_oversized_and_overlong_rotate_requests_are_refused_and_write_nothing()
    {
        var environment = await NewEnvironmentAsync(TwoRotators);
        var path = $"{environment.Path}/rotate";

        await Client.SendAsync(HttpMethod.Post, path, Json("{\"paths\": ")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.SendAsync(HttpMethod.Post, path, Json("{\"paths\": 5}")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.SendAsync(HttpMethod.Post, path, Json("[\"db\"]")).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.SendAsync(HttpMethod.Post, path, Json(new { paths = new[] { new string('a', 70_000) } })).ErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        var many = await Client.SendAsync(HttpMethod.Post, path, Json(new { paths = Enumerable.Repeat("db", 1001).ToArray() })).ErrorAsync(HttpStatusCode.BadRequest);
        var hostile = await Client.SendAsync(HttpMethod.Post, path, Json(new { paths = new[] { "db\n\u0001[\"x" } })).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal("at most 1000 paths can be rotated at once", many);
        Assert.StartsWith("invalid path", hostile, StringComparison.Ordinal);
        Assert.Equal(2, (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray().Count);
    }

    [DatabaseFact]
    public async Task Rotate_of_an_unknown_environment_is_404()
    {
        var message = await Client.SendAsync(HttpMethod.Post, $"api/esc/environments/{Org}/{Unique("proj")}/nothing/rotate", Json("{}")).ErrorAsync(HttpStatusCode.NotFound);

        Assert.Contains("not found", message, StringComparison.Ordinal);
    }
}
