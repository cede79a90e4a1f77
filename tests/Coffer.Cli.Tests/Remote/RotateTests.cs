using System.Net;
using Coffer.Client;

namespace Coffer.Cli.Tests.Remote;

/// <summary>coffer env rotate and the SDK's rotate call against a real server: what a rotation changes, and rotations that race.</summary>
public sealed class RotateTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private const string Definition = """
        values:
          db:
            fn::rotate::password:
              inputs: {length: 30, special: false}
          environmentVariables:
            DB_PASSWORD: ${db.current}

        """;

    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _name = RemoteUser.UniqueProject("rotate") + "/app";

    public void Dispose() => _user.Dispose();

    private async Task CreateAsync()
    {
        _user.Write("app.yaml", Definition);
        Assert.Equal(0, (await _user.RunAsync("env", "init", _name, "--file", "app.yaml")).ExitCode);
    }

    private async Task<string> OpenAsync(string path)
    {
        var result = await _user.RunAsync("open", _name, path, "--format", "string");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.TrimEnd('\n');
    }

    [Fact]
    public async Task Each_rotation_makes_a_new_current_secret_and_keeps_the_last_one_as_previous()
    {
        await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "rotate", _name), 0, $"Environment 'default/{_name}' rotated.\nNew revision '3' was created.\n");
        var first = await OpenAsync("db.current");
        Scenario.Expect(await _user.RunAsync("env", "rotate", _name, "db"), 0, $"Environment 'default/{_name}' rotated.\nNew revision '4' was created.\n");

        Assert.Matches("^[A-Za-z0-9]{30}$", first);
        Assert.Equal(first, await OpenAsync("db.previous"));
        var second = await OpenAsync("db.current");
        Assert.NotEqual(first, second);
        Assert.Equal(second, (await _user.RunAsync("run", _name, "--", "printenv", "DB_PASSWORD")).Stdout.TrimEnd('\n'));
    }

    [Fact]
    public async Task Opening_before_the_first_rotation_says_to_rotate()
    {
        await CreateAsync();

        var result = await _user.RunAsync("open", _name);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("password: nothing generated yet: rotate the environment first (coffer env rotate)", result.Stderr);
    }

    [Fact]
    public async Task Of_concurrent_rotations_each_writes_a_revision_or_says_to_run_again()
    {
        await CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _user.RunAsync("env", "rotate", _name)));

        Assert.All(results, r => Assert.True(
            r.ExitCode == 0 && r.Stdout.StartsWith($"Environment 'default/{_name}' rotated.\nNew revision '", StringComparison.Ordinal)
            || r.ExitCode == 1 && r.Stderr == $"coffer: error: default/{_name} was changed by someone else while it was rotated; nothing was written, run the command again\n",
            r.ToString()));
        var written = results.Count(r => r.ExitCode == 0);
        Assert.InRange(written, 1, 4);
        Assert.Equal(2 + written, (await _user.RunAsync("env", "version", "ls", _name, "--format", "json")).Stdout.Split("\"number\"").Length - 1);
    }

    [Fact]
    public async Task A_rotation_based_on_a_stale_etag_is_a_conflict_and_writes_nothing()
    {
        await CreateAsync();
        using var client = new CofferClient(new Uri(server.Url), server.AdminToken);
        var path = new EnvironmentPath("default", _name.Split('/')[0], "app");
        var read = await client.GetEnvironmentAsync(path);
        await client.UpdateEnvironmentAsync(path, Definition + "  extra: 1\n");

        var conflict = await Assert.ThrowsAsync<CofferApiException>(() => client.RotateEnvironmentAsync(path, etag: read.ETag));
        var rotated = await client.RotateEnvironmentAsync(path, ["db"]);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(3, rotated.PreRotationRevision);
        Assert.Equal(4, rotated.PostRotationRevision);
        Assert.Equal("succeeded", rotated.Status);
        Assert.Equal(["db"], rotated.Rotations!.Select(r => r.EnvironmentPath));
    }
}
