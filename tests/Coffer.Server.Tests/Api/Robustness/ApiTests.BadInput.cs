using System.Net;
using System.Text;
using Coffer.Server.Hosting;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    // The server refuses a declared length without reading the body. A client that does not wait
    // for "100 Continue" may still be writing then and see the connection close instead of the
    // answer, so the test waits, as curl does for large bodies.
    [DatabaseFact]
    public async Task A_body_over_the_request_limit_is_413()
    {
        var tooLarge = new string('x', (int)ServerApplication.MaxRequestBodyBytes + 1024);

        foreach (var (path, content) in (ValueTuple<string, HttpContent>[])[($"api/esc/environments/{Org}", Json(tooLarge)), ($"api/esc/environments/{Org}/yaml/check", Yaml(tooLarge))])
        {
            await Client.SendAsync(HttpMethod.Post, path, content, ("Expect", "100-continue")).ErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        }
    }

    // Chunked, the size is only known by reading: the server stops at the limit. (Kept under the
    // request limit, so the server can drain the rest and the client reads the answer.)
    [DatabaseFact]
    public async Task A_definition_over_the_limit_sent_without_a_length_is_413()
    {
        var environment = await NewEnvironmentAsync();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("values:\n  big: " + new string('x', 600 * 1024) + "\n")));
        content.Headers.ContentType = new("application/x-yaml");
        var request = new HttpRequestMessage(HttpMethod.Patch, environment.Path) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await Client.SendAsync(request).ErrorAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task A_definition_over_the_definition_limit_is_413_and_stores_nothing()
    {
        var environment = await NewEnvironmentAsync("values:\n  small: true\n");
        var yaml = "values:\n  big: " + new string('x', 512 * 1024) + "\n";

        var message = await Client.PatchAsync(environment.Path, Yaml(yaml), ("Expect", "100-continue")).ErrorAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("limit", message);
        Assert.Equal("values:\n  small: true\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task A_definition_just_under_the_definition_limit_is_stored()
    {
        var environment = await NewEnvironmentAsync();
        var prefix = "values:\n  big: ";
        var yaml = prefix + new string('x', (512 * 1024) - prefix.Length - 1) + "\n";

        await UpdateAsync(environment, yaml);

        Assert.Equal(yaml, await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task A_body_that_is_not_utf8_is_400()
    {
        var environment = await NewEnvironmentAsync();
        var content = new ByteArrayContent([0x76, 0x61, 0x6c, 0x75, 0x65, 0x73, 0x3a, 0x20, 0xff, 0xfe, 0x0a]);

        await Client.PatchAsync(environment.Path, content).ErrorAsync(HttpStatusCode.BadRequest);
        await Client.PostAsync($"api/esc/environments/{Org}/yaml/check", content).ErrorAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task Deeply_nested_yaml_is_a_diagnostic_not_a_crash()
    {
        var environment = await NewEnvironmentAsync();
        var yaml = "values:\n  deep: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var error = await Client.PatchAsync(environment.Path, Yaml(yaml)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(error["diagnostics"]!.AsArray());
    }

    [DatabaseFact]
    public async Task Malformed_json_bodies_are_400_everywhere()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        (HttpMethod Method, string Path)[] endpoints =
        [
            (HttpMethod.Post, $"api/esc/environments/{Org}"),
            (HttpMethod.Post, $"{environment.Path}/clone"),
            (HttpMethod.Post, $"{environment.Path}/tags"),
            (HttpMethod.Post, $"{environment.Path}/versions/tags"),
            (HttpMethod.Post, $"{environment.Path}/versions/1/retract"),
            (HttpMethod.Patch, $"{environment.Path}/settings"),
        ];
        foreach (var (method, path) in endpoints)
        {
            foreach (var body in (string[])["{", "{\"name\": }", "[1, 2", "\u0000", "{'name': 'x'}", "{\"name\": \"x\"} trailing"])
            {
                var response = await Client.SendAsync(method, path, Json(body));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} with {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    [DatabaseFact]
    public async Task Empty_query_values_are_accepted_as_absent()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");
        var id = await OpenAsync(environment);

        foreach (var path in (string[])[
            $"api/esc/environments/{Org}?continuationToken=",
            $"api/esc/environments?continuationToken=&organization=",
            $"{environment.Path}/versions?before=&count=",
            $"{environment.Path}/versions/tags?after=&count=",
            $"{environment.Path}/tags?after=&count=",
            $"{environment.Path}/referrers?count=&allRevisions=&latestStackVersionOnly=",
            $"{environment.Path}/open/{id}?property="])
        {
            await Client.GetAsync(path).ShouldBe(HttpStatusCode.OK);
        }
        await Client.PostAsync($"{environment.Path}/open?duration=", null).ShouldBe(HttpStatusCode.OK);
        await Client.PostAsync($"api/esc/environments/{Org}/yaml/check?showSecrets=", Yaml("values: {}\n")).ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task Unknown_paths_and_methods_are_json_errors()
    {
        var environment = await NewEnvironmentAsync();

        await Client.GetAsync("api/esc/nothing-here").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync("nothing-here").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync($"{environment.Path}/unknown-child").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync("favicon.ico").ErrorAsync(HttpStatusCode.NotFound);
        await Client.GetAsync("api/esc/environments.json").ErrorAsync(HttpStatusCode.NotFound);
        await Client.SendAsync(HttpMethod.Put, $"api/esc/environments/{Org}/{environment.Project}/dotted.name", Yaml("values: {}\n")).ErrorAsync(HttpStatusCode.NotFound);
        var wrongMethod = await Client.SendAsync(HttpMethod.Put, environment.Path, Yaml("values: {}\n"));
        Assert.True(wrongMethod.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"PUT answered {(int)wrongMethod.StatusCode}");
    }

    [DatabaseFact]
    public async Task Content_negotiation_is_never_strict()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        foreach (var accept in (string[])["application/vnd.pulumi+8", "application/json, text/plain, */*", "text/html", "application/x-yaml"])
        {
            await Client.SendAsync(HttpMethod.Get, environment.Path, null, ("Accept", accept)).ShouldBe(HttpStatusCode.OK);
            await Client.SendAsync(HttpMethod.Get, $"{environment.Path}/versions", null, ("Accept", accept)).ShouldBe(HttpStatusCode.OK);
        }
    }

    [DatabaseFact]
    public async Task Exponential_expansion_is_a_diagnostic_not_a_hang()
    {
        var environment = await NewEnvironmentAsync();
        var strings = "values:\n  a0: xxxxxxxxxx\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"  a{i}: {string.Concat(Enumerable.Repeat($"${{a{i - 1}}}", 10))}\n"));
        var lists = "values:\n  b0: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"  b{i}: [{string.Join(", ", Enumerable.Repeat($"\"${{b{i - 1}}}\"", 10))}]\n"));

        foreach (var yaml in (string[])[strings, lists])
        {
            var error = await Client.PatchAsync(environment.Path, Yaml(yaml)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(error["diagnostics"]!.AsArray());
            await Client.PostAsync($"api/esc/environments/{Org}/yaml/check", Yaml(yaml)).JsonAsync(HttpStatusCode.BadRequest);
        }
    }

    [DatabaseFact]
    public async Task Odd_documents_are_either_stored_or_refused_with_diagnostics()
    {
        var environment = await NewEnvironmentAsync();
        string[] documents =
        [
            "---\n", "...\n", "~\n", "null\n", "[]\n", "''\n", "42\n", "values: null\n", "imports: null\n", "imports: {}\n",
            "values: [1]\n", "imports: [123]\n", "imports: [{a: b}]\n", "imports: ['']\n", "imports: ['a/b/c']\n", "imports: ['@']\n",
            "a: 1\n---\nb: 2\n", "values: &x {a: 1}\nother: *x\n", "values: {? [a]: 1}\n", "values: {1: one}\n", "values: !!binary aGVsbG8=\n",
            "values:\n  a: ${}\n", "values:\n  a: ${a}\n", "values:\n  a: ${b}\n  b: ${a}\n", "values:\n  a: ${values.a}\n", "values:\n  f:\n    fn::unknown: 1\n",
            "values:\n  f:\n    fn::join: 1\n", "values:\n  f:\n    fn::fromBase64: '%%%'\n", "values:\n  f:\n    fn::fromJSON: '{'\n", "values:\n  a: 1\n  f:\n    fn::secret: ${a}\n",
            "values:\n  f:\n    fn::open: 1\n", "values:\n  f:\n    fn::rotate::nothing: {}\n", "values:\n  a: ${context}\n", "values:\n  a: ${environments}\n",
            "values:\n  a: ${environments.x}\n", "values:\n  a: ${imports}\n", "values:\n  \"\": empty key\n", "values:\n  a: \"\\ud800\"\n",
        ];
        foreach (var document in documents)
        {
            var response = await Client.PatchAsync(environment.Path, Yaml(document));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{document}: {(int)response.StatusCode}");
            await Client.PostAsync($"{environment.Path}/open", null).ShouldBe(HttpStatusCode.OK);
            await Client.PostAsync($"api/esc/environments/{Org}/yaml/check", Yaml(document));
        }
    }
}
