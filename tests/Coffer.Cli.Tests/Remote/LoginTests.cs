using System.Text.Json;

namespace Coffer.Cli.Tests.Remote;

public sealed class LoginTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new(server);

    public void Dispose() => _user.Dispose();

    [Fact]
    public async Task Login_with_a_token_on_standard_input_stores_it_owner_only()
    {
        var result = await _user.RunWithInputAsync(server.AdminToken + "\n", "login", server.Url);

        Scenario.Expect(result, 0, $"Logged in to {server.Url} as admin\n");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_user.CredentialsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(_user.CredentialsPath)!));
        using var stored = JsonDocument.Parse(File.ReadAllText(_user.CredentialsPath));
        Assert.Equal(server.Url, stored.RootElement.GetProperty("current").GetString());
        Assert.Equal(server.AdminToken, stored.RootElement.GetProperty("accounts").GetProperty(server.Url).GetProperty("accessToken").GetString());
    }

    [Fact]
    public async Task Whoami_uses_the_stored_login()
    {
        await _user.RunAsync("login", server.Url, "--token", server.AdminToken);

        Scenario.Expect(await _user.RunAsync("whoami"), 0, "admin\n");
    }

    [Fact]
    public async Task Whoami_verbose_says_where_the_token_comes_from()
    {
        var result = await _user.AsAdmin().RunAsync("whoami", "--verbose");

        Scenario.Expect(result, 0, $"""
            User: admin
            Name: Administrator
            Organizations: default
            Default organization: default
            Server: {server.Url}
            Token from: COFFER_ACCESS_TOKEN

            """);
    }

    [Fact]
    public async Task Login_again_reuses_the_stored_token_and_asks_for_a_new_one_when_it_stopped_working()
    {
        await _user.RunAsync("login", server.Url, "--token", server.AdminToken);
        Scenario.Expect(await _user.RunAsync("login", server.Url), 0, $"Logged in to {server.Url} as admin\n");
        File.WriteAllText(_user.CredentialsPath, File.ReadAllText(_user.CredentialsPath).Replace(server.AdminToken, "pul-revoked", StringComparison.Ordinal));

        var result = await _user.RunWithInputAsync(server.AdminToken + "\n", "login", server.Url);

        Scenario.Expect(result, 0, $"Logged in to {server.Url} as admin\n", $"The stored access token for {server.Url} was refused (invalid access token).\n");
        Scenario.Expect(await _user.RunAsync("whoami"), 0, "admin\n");
    }

    [Fact]
    public async Task Login_with_a_wrong_token_fails_and_stores_nothing()
    {
        var result = await _user.RunAsync("login", server.Url, "--token", "pul-not-a-real-token");

        Scenario.ExpectError(result, $"the Coffer server at {server.Url} refused the access token (invalid access token): check the token");
        Assert.False(File.Exists(_user.CredentialsPath));
    }

    [Fact]
    public async Task Login_without_a_token_says_how_to_give_one()
    {
        var result = await _user.RunAsync("login", server.Url);

        Scenario.ExpectError(result, "no access token given: pass it on standard input, with --token, or in COFFER_ACCESS_TOKEN");
    }

    [Fact]
    public async Task Login_to_a_server_that_is_down_fails_clearly()
    {
        var url = CofferServer.UnusedUrl();

        var result = await _user.RunAsync("login", url, "--token", "pul-anything");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"coffer: error: cannot reach the Coffer server at {url}: ", result.Stderr);
        Assert.DoesNotContain("pul-anything", result.Stderr);
    }

    [Fact]
    public async Task Commands_without_a_login_say_how_to_log_in()
    {
        Scenario.ExpectError(await _user.RunAsync("whoami"), "not logged in: run 'coffer login <server-url>' first, or set COFFER_URL and COFFER_ACCESS_TOKEN");
        Scenario.ExpectError(await _user.RunAsync("env", "ls"), "not logged in: run 'coffer login <server-url>' first, or set COFFER_URL and COFFER_ACCESS_TOKEN");
        Scenario.ExpectError(await _user.RunAsync("open", "payments/app"), "not logged in: run 'coffer login <server-url>' first, or set COFFER_URL and COFFER_ACCESS_TOKEN");
    }

    [Fact]
    public async Task A_wrong_token_in_the_environment_is_named_as_the_culprit()
    {
        _user.Environment["COFFER_URL"] = server.Url;
        _user.Environment["COFFER_ACCESS_TOKEN"] = "pul-wrong";

        var result = await _user.RunAsync("whoami");

        Scenario.ExpectError(result, $"the Coffer server at {server.Url} refused the access token (invalid access token): check COFFER_ACCESS_TOKEN");
    }

    [Fact]
    public async Task The_environment_overrides_the_stored_login()
    {
        await _user.RunAsync("login", server.Url, "--token", server.AdminToken);
        var down = CofferServer.UnusedUrl();
        _user.Environment["COFFER_URL"] = down;
        _user.Environment["COFFER_ACCESS_TOKEN"] = server.AdminToken;

        var result = await _user.RunAsync("whoami");

        Assert.StartsWith($"coffer: error: cannot reach the Coffer server at {down}: ", result.Stderr);
    }

    [Fact]
    public async Task Logout_forgets_the_token()
    {
        await _user.RunAsync("login", server.Url, "--token", server.AdminToken);

        Scenario.Expect(await _user.RunAsync("logout"), 0, $"Logged out of {server.Url}\n");
        Scenario.Expect(await _user.RunAsync("logout"), 0, "Already logged out.\n");
        Assert.DoesNotContain(server.AdminToken, File.ReadAllText(_user.CredentialsPath));
        Scenario.ExpectError(await _user.RunAsync("whoami"), "not logged in: run 'coffer login <server-url>' first, or set COFFER_URL and COFFER_ACCESS_TOKEN");
    }

    [Fact]
    public async Task Logins_to_several_servers_are_kept_and_the_last_is_current()
    {
        await _user.RunAsync("login", server.Url, "--token", server.AdminToken);
        var other = "http://localhost:" + new Uri(server.Url).Port;
        await _user.RunAsync("login", other, "--token", server.AdminToken);

        Scenario.Expect(await _user.RunAsync("whoami", "-v"), 0, $"""
            User: admin
            Name: Administrator
            Organizations: default
            Default organization: default
            Server: {other}
            Token from: {_user.CredentialsPath}

            """);
        Scenario.Expect(await _user.RunAsync("logout", server.Url), 0, $"Logged out of {server.Url}\n");
        Scenario.Expect(await _user.RunAsync("whoami"), 0, "admin\n");
    }
}
