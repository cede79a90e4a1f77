using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    private const string OpenDefinition = """
        values:
          name: world
          greeting: hello ${name}
          nested:
            list: [1, two, true]
            "key with spaces": spaced
            deeper:
              value: found
          password:
            fn::secret: s3cret
          environmentVariables:
            GREETING: ${greeting}
        """;

    [DatabaseFact]
    public async Task Opening_evaluates_the_environment_into_a_session()
    {
        var environment = await NewEnvironmentAsync(OpenDefinition);

        var session = await OpenAndReadAsync(environment);

        Assert.Equal(["executionContext", "properties"], session.Keys());
        AssertJson("""
            {"name":"world","greeting":"hello world",
             "nested":{"list":[1,"two",true],"key with spaces":"spaced","deeper":{"value":"found"}},
             "password":"s3cret","environmentVariables":{"GREETING":"hello world"}}
            """, Plain(session["properties"]));
    }

    [DatabaseFact]
    public async Task Opened_values_carry_value_and_trace_and_secrets_are_flagged()
    {
        var environment = await NewEnvironmentAsync(OpenDefinition);

        var properties = (await OpenAndReadAsync(environment))["properties"]!;

        Assert.Equal(["trace", "value"], properties["name"].Keys());
        Assert.Equal(["secret", "trace", "value"], properties["password"].Keys());
        Assert.True((bool)properties["password"]!["secret"]!);
        Assert.Equal(["trace", "value"], properties["nested"]!["value"]!["list"]!["value"]![0].Keys());
        var definedAt = properties["name"]!["trace"]!["def"]!;
        Assert.Equal(environment.Reference, (string)definedAt["environment"]!);
        Assert.Equal(["byte", "column", "line"], definedAt["begin"].Keys());
    }

    [DatabaseFact]
    public async Task An_empty_environment_opens_to_exactly_an_empty_object()
    {
        var created = await NewEnvironmentAsync();
        var emptyValues = await NewEnvironmentAsync("values: {}\n");

        AssertJson("{}", await OpenAndReadAsync(created));
        AssertJson("{}", await OpenAndReadAsync(emptyValues));
    }

    [DatabaseFact]
    public async Task Open_accepts_go_duration_strings()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        foreach (var duration in (string[])["2h0m0s", "1h30m", "300ms", "1.5h", "15m0s", "45s", "1h0m0.5s"])
        {
            var id = await OpenAsync(environment, query: $"?duration={duration}");
            await Client.GetAsync($"{environment.Path}/open/{id}").ShouldBe(HttpStatusCode.OK);
        }
    }

    [DatabaseFact]
    public async Task Open_with_a_duration_that_is_not_a_go_duration_is_400()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        foreach (var duration in (string[])["2x", "h", "1", "-1h", "0s", "two%20hours", "1h%2030m", "9999999h"])
        {
            await Client.PostAsync($"{environment.Path}/open?duration={duration}", null).ErrorAsync(HttpStatusCode.BadRequest);
        }
    }

    [DatabaseFact]
    public async Task An_empty_duration_opens_for_the_default_two_hours()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        var id = await OpenAsync(environment, query: "?duration=");

        Server.Clock.Advance(TimeSpan.FromMinutes(110));
        await Client.GetAsync($"{environment.Path}/open/{id}").ShouldBe(HttpStatusCode.OK);
        Server.Clock.Advance(TimeSpan.FromMinutes(11));
        await Client.GetAsync($"{environment.Path}/open/{id}").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task An_expired_session_is_404()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var id = await OpenAsync(environment, query: "?duration=10m");
        await Client.GetAsync($"{environment.Path}/open/{id}").ShouldBe(HttpStatusCode.OK);

        Server.Clock.Advance(TimeSpan.FromMinutes(11));

        await Client.GetAsync($"{environment.Path}/open/{id}").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{environment.Path}/open//{id}?property=a").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task A_session_is_read_only_through_the_environment_it_was_opened_on()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var other = await NewEnvironmentAsync("values:\n  a: 2\n", project: environment.Project);
        var id = await OpenAsync(environment);

        await Client.GetAsync($"{other.Path}/open/{id}").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{other.Path}/open//{id}?property=a").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"api/esc/environments/{Org}/yaml/open/{id}").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task An_unknown_session_is_404()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        await Client.GetAsync($"{environment.Path}/open/0123456789abcdef0123456789abcdef").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{environment.Path}/open/..%2F..%2Fetc").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Opening_a_missing_environment_is_404()
    {
        await Client.PostAsync($"api/esc/environments/{Org}/{Unique("proj")}/missing/open", null).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Opening_accepts_the_empty_bodies_clients_send()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        await Client.PostAsync($"{environment.Path}/open", ApiHttp.Json("")).JsonAsync();
        await Client.PostAsync($"{environment.Path}/open", new FormUrlEncodedContent([])).JsonAsync();
    }

    [DatabaseFact]
    public async Task A_session_of_a_deleted_environment_is_404_even_after_it_is_created_again()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var id = await OpenAsync(environment);
        await Client.DeleteAsync(environment.Path).ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"{environment.Path}/open/{id}").ErrorAsync(HttpStatusCode.NotFound);
        await NewEnvironmentAsync("values:\n  a: 1\n", environment.Project, environment.Name);
        await Client.GetAsync($"{environment.Path}/open/{id}").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task A_session_keeps_the_values_it_was_opened_with()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var id = await OpenAsync(environment);

        await UpdateAsync(environment, "values:\n  a: 2\n");

        Assert.Equal(1, (int)(await Client.GetAsync($"{environment.Path}/open//{id}?property=a").JsonAsync())["value"]!);
    }
}
