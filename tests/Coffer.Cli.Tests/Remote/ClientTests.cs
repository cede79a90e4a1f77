using System.Net;
using Coffer.Client;

namespace Coffer.Cli.Tests.Remote;

/// <summary>The .NET client (Coffer.Client) against a real server: the behaviours the CLI builds on.</summary>
public sealed class ClientTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly CofferClient _client = new(new Uri(server.Url), server.AdminToken);
    private readonly EnvironmentPath _path = new("default", RemoteUser.UniqueProject("client"), "app");

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task User_is_the_token_owner()
    {
        var user = await _client.GetUserAsync();

        Assert.Equal("admin", user.GithubLogin);
        Assert.Equal("default", await _client.GetDefaultOrganizationAsync());
    }

    [Fact]
    public async Task An_update_based_on_a_stale_etag_is_a_conflict()
    {
        await _client.CreateEnvironmentAsync(_path);
        var read = await _client.GetEnvironmentAsync(_path);
        var first = await _client.UpdateEnvironmentAsync(_path, "values:\n  a: 1\n", read.ETag);

        var conflict = await Assert.ThrowsAsync<CofferApiException>(() => _client.UpdateEnvironmentAsync(_path, "values:\n  a: 2\n", read.ETag));

        Assert.Equal(2, first.Revision);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("values:\n  a: 1\n", (await _client.GetEnvironmentAsync(_path)).Yaml);
    }

    [Fact]
    public async Task A_refused_definition_carries_its_diagnostics()
    {
        await _client.CreateEnvironmentAsync(_path);

        var refused = await Assert.ThrowsAsync<CofferApiException>(() => _client.UpdateEnvironmentAsync(_path, "values:\n  a: ${b}\n"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var diagnostic = Assert.Single(refused.Diagnostics);
        Assert.Equal("unknown property \"b\"", diagnostic.Summary);
        Assert.Equal(2, diagnostic.Range!.Begin.Line);
    }

    [Fact]
    public async Task Check_returns_diagnostics_instead_of_throwing()
    {
        var result = await _client.CheckEnvironmentAsync("default", "values:\n  a: ${b}\n");

        Assert.Null(result.Properties);
        Assert.Contains(result.Diagnostics!, d => d.IsError && d.Summary == "unknown property \"b\"");
    }

    [Fact]
    public async Task An_unknown_environment_is_404_with_the_servers_message()
    {
        var missing = await Assert.ThrowsAsync<CofferApiException>(() => _client.GetEnvironmentAsync(_path));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal($"environment {_path} not found", missing.Message);
    }

    [Fact]
    public async Task Opened_values_carry_their_secret_flag()
    {
        await _client.CreateEnvironmentAsync(_path);
        await _client.UpdateEnvironmentAsync(_path, "values:\n  list: [x]\n  pw:\n    fn::secret: s3cret\n");

        var opened = await _client.OpenAndReadEnvironmentAsync(_path, duration: TimeSpan.FromMinutes(5));

        Assert.True(opened.Properties!["pw"].Secret);
        Assert.Equal("s3cret", opened.Properties["pw"].Payload.GetString());
        Assert.Equal("x", opened.Properties["list"].Items![0].Payload.GetString());
    }

    [Fact]
    public async Task A_wrong_token_is_401()
    {
        using var client = new CofferClient(new Uri(server.Url), "pul-wrong");

        var refused = await Assert.ThrowsAsync<CofferApiException>(() => client.GetUserAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
