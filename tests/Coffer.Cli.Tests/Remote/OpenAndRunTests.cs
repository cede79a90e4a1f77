namespace Coffer.Cli.Tests.Remote;

/// <summary>coffer open / env open and coffer run / env run against a real server.</summary>
public sealed class OpenAndRunTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _project = RemoteUser.UniqueProject("open");

    public void Dispose() => _user.Dispose();

    private async Task<string> CreateAsync(string name, string definition)
    {
        _user.Write($"{name}.yaml", definition);
        var result = await _user.RunAsync("env", "init", $"{_project}/{name}", "--file", $"{name}.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        return $"{_project}/{name}";
    }

    private Task<string> CreateAppAsync() => CreateAsync("app", """
        values:
          greeting: hello
          password:
            fn::secret: hunter22
          environmentVariables:
            GREETING: ${greeting}
            APP_PASSWORD: ${password}
          files:
            CONFIG: "port = 8080"

        """);

    [Fact]
    public async Task Open_prints_json_with_secrets_revealed()
    {
        var name = await CreateAppAsync();

        var result = await _user.RunAsync("open", name);

        Scenario.Expect(result, 0, """
            {
              "environmentVariables": {
                "APP_PASSWORD": "hunter22",
                "GREETING": "hello"
              },
              "files": {
                "CONFIG": "port = 8080"
              },
              "greeting": "hello",
              "password": "hunter22"
            }

            """);
    }

    [Fact]
    public async Task Env_open_prints_a_path_in_each_value_format()
    {
        var name = await CreateAppAsync();

        Scenario.Expect(await _user.RunAsync("env", "open", name, "greeting", "--format", "string"), 0, "hello\n");
        Scenario.Expect(await _user.RunAsync("env", "open", name, "environmentVariables", "-f", "yaml"), 0, "APP_PASSWORD: hunter22\nGREETING: hello\n");
        Scenario.Expect(await _user.RunAsync("env", "open", name, "missing", "-f", "json"), 0, "null\n", "coffer: warning: the environment has no value at missing\n");
    }

    [Fact]
    public async Task Open_prints_dotenv_and_shell_variables()
    {
        var name = await CreateAppAsync();

        var dotenv = await _user.RunAsync("open", name, "--format", "dotenv");
        var shell = await _user.RunAsync("open", name, "--format", "shell");

        Assert.Equal(0, dotenv.ExitCode);
        Assert.StartsWith("APP_PASSWORD=\"hunter22\"\nGREETING=\"hello\"\nCONFIG=\"", dotenv.Stdout);
        Assert.StartsWith("export APP_PASSWORD='hunter22'\nexport GREETING='hello'\nexport CONFIG='", shell.Stdout);
    }

    [Fact]
    public async Task Open_of_a_revision_shows_that_revision()
    {
        var name = await CreateAsync("versions", "values:\n  v: one\n");
        await _user.RunAsync("env", "set", name, "v", "two");

        Scenario.Expect(await _user.RunAsync("open", $"{name}@2", "v", "-f", "string"), 0, "one\n");
        Scenario.Expect(await _user.RunAsync("open", $"{name}@3", "v", "-f", "string"), 0, "two\n");
        Scenario.Expect(await _user.RunAsync("open", $"{name}@1"), 0, "null\n");
        Scenario.ExpectError(await _user.RunAsync("open", $"{name}@nope"), $"tag \"nope\" of {name} not found");
    }

    [Fact]
    public async Task Open_resolves_imports_on_the_server()
    {
        await CreateAsync("base", "values:\n  region: eu-west-1\n");
        var name = await CreateAsync("child", $"imports:\n  - {_project}/base\nvalues:\n  where: in ${{region}}\n");

        Scenario.Expect(await _user.RunAsync("open", name, "where", "-f", "string"), 0, "in eu-west-1\n");
    }

    [Fact]
    public async Task Open_and_run_of_an_environment_whose_import_is_gone_print_the_diagnostics()
    {
        var imported = await CreateAsync("gone", "values:\n  region: eu-west-1\n");
        var name = await CreateAsync("orphan", $"imports:\n  - {imported}\nvalues:\n  where: in ${{region}}\n");
        Assert.Equal(0, (await _user.RunAsync("env", "rm", imported, "--yes")).ExitCode);

        var open = await _user.RunAsync("open", name);
        var run = await _user.RunAsync("run", name, "--", "echo", "ran");

        Assert.Equal(1, open.ExitCode);
        Assert.Equal("", open.Stdout);
        Assert.StartsWith($"{name}:2:5: error: ", open.Stderr);
        Assert.EndsWith($"coffer: error: cannot open {name}: its definition has errors\n", open.Stderr);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.EndsWith("coffer: error: not running echo: the environment has errors\n", run.Stderr);
    }

    [Fact]
    public async Task Open_of_an_unknown_environment_fails()
    {
        Scenario.ExpectError(await _user.RunAsync("open", $"{_project}/missing"), $"environment default/{_project}/missing not found");
    }

    [Fact]
    public async Task Open_with_an_unknown_format_fails_before_calling_the_server()
    {
        _user.Environment["COFFER_URL"] = CofferServer.UnusedUrl();

        Scenario.ExpectError(await _user.RunAsync("open", "x", "-f", "toml"), "unknown output format \"toml\": expected json, yaml, dotenv, docker-env, shell, string, detailed");
    }

    [Fact]
    public async Task Run_gives_the_program_the_variables_and_files()
    {
        var name = await CreateAppAsync();

        var result = await _user.RunAsync("run", name, "--", "sh", "-c", "printf '%s|%s|' \"$GREETING\" \"$APP_PASSWORD\"; cat \"$CONFIG\"");

        Scenario.Expect(result, 0, "hello|hunter22|port = 8080");
    }

    [Fact]
    public async Task Env_run_masks_secrets_and_passes_the_exit_code_on()
    {
        var name = await CreateAppAsync();

        var result = await _user.RunAsync("env", "run", name, "--mask", "--", "sh", "-c", "echo \"pw=$APP_PASSWORD\"; exit 3");

        Scenario.Expect(result, 3, "pw=[secret]\n");
    }

    [Fact]
    public async Task Run_against_a_server_that_is_down_fails_clearly()
    {
        var url = CofferServer.UnusedUrl();
        _user.Environment["COFFER_URL"] = url;

        var result = await _user.RunAsync("run", $"{_project}/app", "--", "true");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Matches($"^coffer: error: cannot reach the Coffer server at {url}: Connection refused.*\n$", result.Stderr);
    }

    [Fact]
    public async Task Run_of_an_unknown_environment_does_not_run_the_program()
    {
        Scenario.ExpectError(await _user.RunAsync("run", $"{_project}/missing", "--", "echo", "ran"), $"environment default/{_project}/missing not found");
    }
}
