using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// The few ESC API calls the hosting, security and replica tests make, over a plain
/// <see cref="HttpClient"/> (the same requests the esc CLI sends). Helpers that expect success fail
/// the test with the response body otherwise.
/// </summary>
public static class EnvironmentRequests
{
    public static async Task CreateEnvironmentAsync(this HttpClient client, string org, string project, string name)
    {
        using var response = await client.PostAsync($"/api/esc/environments/{org}", JsonContent(new { project, name }));
        await ExpectAsync(response, HttpStatusCode.NoContent);
    }

    /// <summary>Replaces the definition; <paramref name="etag"/> makes the write conditional on that revision.</summary>
    public static async Task<HttpResponseMessage> PatchAsync(this HttpClient client, string path, string yaml, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/esc/environments/{path}")
        {
            Content = new StringContent(yaml, Encoding.UTF8, "application/x-yaml"),
        };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("ETag", etag);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Writes a definition that must be accepted; returns the new revision number.</summary>
    public static async Task<int> UpdateAsync(this HttpClient client, string path, string yaml)
    {
        using var response = await client.PatchAsync(path, yaml);
        await ExpectAsync(response, HttpStatusCode.OK);
        return Revision(response);
    }

    /// <summary>The stored definition (secrets as ciphertext) and its ETag.</summary>
    public static async Task<(string Yaml, string ETag)> ReadDefinitionAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync($"/api/esc/environments/{path}");
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadAsStringAsync(), response.Headers.ETag!.ToString());
    }

    public static async Task<string> DecryptAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync($"/api/esc/environments/{path}/decrypt");
        await ExpectAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens the environment and returns the session id.</summary>
    public static async Task<string> OpenAsync(this HttpClient client, string path, string? duration = null)
    {
        using var response = await client.PostAsync($"/api/esc/environments/{path}/open{(duration is null ? "" : "?duration=" + duration)}", null);
        await ExpectAsync(response, HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The values of an open session (the <c>Environment</c> JSON).</summary>
    public static async Task<string> ReadSessionAsync(this HttpClient client, string path, string sessionId)
    {
        using var response = await client.GetAsync($"/api/esc/environments/{path}/open/{sessionId}");
        await ExpectAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The revision numbers of the environment's history, oldest first.</summary>
    public static async Task<IReadOnlyList<int>> RevisionNumbersAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync($"/api/esc/environments/{path}/versions?count=500");
        await ExpectAsync(response, HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()).Order()];
    }

    public static async Task<string> ReadRevisionAsync(this HttpClient client, string path, int revision)
    {
        using var response = await client.GetAsync($"/api/esc/environments/{path}/versions/{revision}");
        await ExpectAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The organizations the caller belongs to, by name.</summary>
    public static async Task<IReadOnlyList<string>> OrganizationsAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/api/user");
        await ExpectAsync(response, HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("name").GetString()!)];
    }

    /// <summary>The revision a successful PATCH made (the <c>Pulumi-ESC-Revision</c> header).</summary>
    public static int Revision(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Pulumi-ESC-Revision").Single(), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
