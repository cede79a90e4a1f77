using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Coffer.Server.Tests.Support;

/// <summary>The HTTP and JSON helpers of the API tests: request bodies, and reading and checking responses.</summary>
public static class ApiHttp
{
    /// <summary>A YAML body, labelled as the SDKs label it.</summary>
    public static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/x-yaml");

    /// <summary>A body sent as JSON, verbatim (malformed on purpose, or labelling YAML as the esc CLI does).</summary>
    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>A JSON body serialized from <paramref name="value"/> (an anonymous object, usually).</summary>
    public static StringContent Json(object value) => Json(System.Text.Json.JsonSerializer.Serialize(value));

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string path, HttpContent content, params (string Name, string Value)[] headers) =>
        client.SendAsync(Request(HttpMethod.Patch, path, content, headers));

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, HttpContent? content = null, params (string Name, string Value)[] headers) =>
        client.SendAsync(Request(method, path, content, headers));

    /// <summary>Asserts the status (showing the body when it differs) and returns the response.</summary>
    public static async Task<HttpResponseMessage> ShouldBe(this Task<HttpResponseMessage> pending, HttpStatusCode status)
    {
        var response = await pending;
        if (response.StatusCode != status)
        {
            var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        }
        return response;
    }

    /// <summary>Asserts the status and that the body is JSON; returns it.</summary>
    public static async Task<JsonNode> JsonAsync(this Task<HttpResponseMessage> pending, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await pending.ShouldBe(status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Asserts an error response (<see cref="ErrorResponseContract"/> has checked its shape); returns its message.</summary>
    public static async Task<string> ErrorAsync(this Task<HttpResponseMessage> pending, HttpStatusCode status)
    {
        var body = await pending.JsonAsync(status);
        return (string)body["message"]!;
    }

    /// <summary>Asserts status 200 and returns the body as text.</summary>
    public static async Task<string> TextAsync(this Task<HttpResponseMessage> pending, HttpStatusCode status = HttpStatusCode.OK) =>
        await (await pending.ShouldBe(status)).Content.ReadAsStringAsync();

    /// <summary>The keys of a JSON object, sorted.</summary>
    public static string[] Keys(this JsonNode? node) => [.. node!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    /// <summary>The single value of a response header.</summary>
    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.Single() : null;

    private static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content, (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }
}
