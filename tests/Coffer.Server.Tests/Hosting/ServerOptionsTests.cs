using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Hosting;

/// <summary>The options of <c>coffer-server</c>, given as arguments and as <c>COFFER_*</c> variables, as docs/operations.md lists them.</summary>
public sealed class ServerOptionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_environment_variables_configure_the_server()
    {
        var dataDirectory = _folder.NewSubfolder();
        var port = DataFiles.FreePort();

        await using var server = await ServerProcess.StartAsync(_folder.Path, [], new Dictionary<string, string?>
        {
            ["COFFER_DATA_DIR"] = dataDirectory,
            ["COFFER_DATABASE"] = "sqlite",
            ["COFFER_URLS"] = $"http://127.0.0.1:{port}",
            ["COFFER_BOOTSTRAP_ORG"] = "from-variable",
        });

        Assert.Equal(port, server.Address.Port);
        Assert.True(File.Exists(Path.Combine(dataDirectory, DataFiles.Database)));
        using var client = server.CreateClient(DataFiles.ReadAdminToken(dataDirectory));
        Assert.Equal(["from-variable"], await client.OrganizationsAsync());
    }

    [Fact]
    public async Task The_command_line_wins_over_the_environment_variables()
    {
        var dataDirectory = _folder.NewSubfolder();
        var ignoredDirectory = _folder.NewSubfolder("ignored");
        int[] ports = [DataFiles.FreePort(), DataFiles.FreePort()];

        await using var server = await ServerProcess.StartAsync(_folder.Path,
            ["--data-dir", dataDirectory, "--database", "sqlite", "--urls", $"http://127.0.0.1:{ports[0]};http://127.0.0.1:{ports[1]}", "--bootstrap-org", "from-command-line"],
            new Dictionary<string, string?>
            {
                ["COFFER_DATA_DIR"] = ignoredDirectory,
                // Unreachable: the server would not start if this were used.
                ["COFFER_DATABASE"] = "postgres://nobody:hunter2@127.0.0.1:1/none",
                ["COFFER_URLS"] = $"http://127.0.0.1:{DataFiles.FreePort()}",
                ["COFFER_BOOTSTRAP_ORG"] = "from-variable",
            });

        Assert.False(Directory.Exists(ignoredDirectory));
        using var client = server.CreateClient(DataFiles.ReadAdminToken(dataDirectory));
        Assert.Equal(["from-command-line"], await client.OrganizationsAsync());
        foreach (var port in ports)
        {
            using var probe = new HttpClient();
            Assert.True((await probe.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode, $"nothing answers on port {port}");
        }
    }

    [Fact]
    public async Task A_server_that_cannot_reach_its_database_says_so_in_one_line_without_the_password()
    {
        var port = DataFiles.FreePort();

        var run = await ServerProcess.RunAsync(_folder.Path, ["--data-dir", _folder.NewSubfolder(), "--urls", "http://127.0.0.1:0", "--database", $"postgres://coffer:hunter2@127.0.0.1:{port}/coffer"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("coffer-server: the database cannot be used: ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_and_lists_every_option_with_its_variable()
    {
        var help = await ServerProcess.RunAsync(_folder.Path, ["--help"]);
        var rotateHelp = await ServerProcess.RunAsync(_folder.Path, ["rotate-root-key", "--help"]);

        Assert.Equal(0, help.ExitCode);
        foreach (var expected in (string[])["--data-dir", "COFFER_DATA_DIR", "--database", "COFFER_DATABASE", "--urls", "COFFER_URLS", "--bootstrap-org", "COFFER_BOOTSTRAP_ORG", "COFFER_ROOT_KEY", "rotate-root-key"])
        {
            Assert.Contains(expected, help.Stdout, StringComparison.Ordinal);
        }
        Assert.Equal(0, rotateHelp.ExitCode);
        Assert.Contains("--new-key-file", rotateHelp.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_never_shows_a_database_password_taken_from_the_environment()
    {
        var environment = new Dictionary<string, string?> { ["COFFER_DATABASE"] = "postgres://coffer:hunter2@db.internal:5432/coffer" };

        var help = await ServerProcess.RunAsync(_folder.Path, ["--help"], environment);
        var rotateHelp = await ServerProcess.RunAsync(_folder.Path, ["rotate-root-key", "--help"], environment);

        Assert.Equal(0, help.ExitCode);
        Assert.DoesNotContain("hunter2", help.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", rotateHelp.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--auth-failure-limit", "COFFER_AUTH_FAILURE_LIMIT", "-1")]
    [InlineData("--auth-failure-limit", "COFFER_AUTH_FAILURE_LIMIT", "lots")]
    [InlineData("--auth-failure-window", "COFFER_AUTH_FAILURE_WINDOW", "0s")]
    [InlineData("--session-lifetime", "COFFER_SESSION_LIFETIME", "30d")]
    [InlineData("--trusted-proxies", "COFFER_TRUSTED_PROXIES", "proxy.internal")]
    public async Task A_bad_sign_in_option_is_a_usage_error_naming_it_from_the_command_line_or_its_variable(string option, string variable, string value)
    {
        var fromCommandLine = await ServerProcess.RunAsync(_folder.Path, ["--data-dir", _folder.NewSubfolder(), "--urls", "http://127.0.0.1:0", option, value]);
        var fromVariable = await ServerProcess.RunAsync(_folder.Path, ["--data-dir", _folder.NewSubfolder(), "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { [variable] = value });

        foreach (var run in (CommandResult[])[fromCommandLine, fromVariable])
        {
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains($"{option} (or {variable}) \"{value}\" must be", run.Output, StringComparison.Ordinal);
        }
        Assert.Contains(variable, (await ServerProcess.RunAsync(_folder.Path, ["--help"])).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_failure_limit_from_its_variable_applies()
    {
        var dataDirectory = _folder.NewSubfolder();
        await using var server = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory, "--urls", $"http://127.0.0.1:{DataFiles.FreePort()}"],
            new Dictionary<string, string?> { ["COFFER_AUTH_FAILURE_LIMIT"] = "2", ["COFFER_AUTH_FAILURE_WINDOW"] = "1h" });
        using var wrong = new HttpClient { BaseAddress = server.Address };
        wrong.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "token cof_wrong");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/user")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/user")).StatusCode);
        var refused = await wrong.GetAsync("api/user");

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1700, 1800);
    }
}
