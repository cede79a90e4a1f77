namespace Coffer.Cli.Tests.Remote;

/// <summary>coffer env init, ls, get, set and rm against a real server.</summary>
public sealed class EnvironmentDefinitionTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private const string Definition = """
        values:
          database:
            host: db.internal
            password:
              fn::secret: correct-horse
          environmentVariables:
            DB_HOST: ${database.host}

        """;

    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _project = RemoteUser.UniqueProject("defs");

    public void Dispose() => _user.Dispose();

    private async Task<string> CreateAsync(string name = "app", string definition = Definition)
    {
        _user.Write("definition.yaml", definition);
        var result = await _user.RunAsync("env", "init", $"{_project}/{name}", "--file", "definition.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        return $"{_project}/{name}";
    }

    [Fact]
    public async Task Init_creates_an_empty_environment()
    {
        var result = await _user.RunAsync("env", "init", $"{_project}/empty");

        Scenario.Expect(result, 0, $"Environment created: default/{_project}/empty\n");
        Scenario.Expect(await _user.RunAsync("env", "get", $"{_project}/empty", "--definition"), 0, "");
    }

    [Fact]
    public async Task Init_from_a_file_stores_the_definition_with_its_secrets_encrypted()
    {
        var name = await CreateAsync();

        var stored = await _user.RunAsync("env", "get", name, "--definition");

        Assert.Contains("host: db.internal", stored.Stdout);
        Assert.Contains("ciphertext: ", stored.Stdout);
        Assert.DoesNotContain("correct-horse", stored.Stdout);
        Assert.Contains("fn::secret: correct-horse", (await _user.RunAsync("env", "get", name, "--definition", "--show-secrets")).Stdout);
    }

    [Fact]
    public async Task Init_with_an_invalid_definition_prints_its_diagnostics_and_fails()
    {
        _user.Write("broken.yaml", "values:\n  a: ${nope}\n");

        var result = await _user.RunAsync("env", "init", $"{_project}/broken", "-f", "broken.yaml");

        Scenario.Expect(result, 1, $"Environment created: default/{_project}/broken\n", $"""
            broken.yaml:2:8: error: unknown property "nope"
            coffer: error: default/{_project}/broken was created empty; the definition in broken.yaml was not stored: the definition has an error

            """);
    }

    [Fact]
    public async Task Init_with_invalid_yaml_prints_where_it_is_wrong()
    {
        _user.Write("broken.yaml", "values: [unclosed\n");

        var result = await _user.RunAsync("env", "init", $"{_project}/yaml", "-f", "broken.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^broken\.yaml:\d+:\d+: error: .+\ncoffer: error: default/.+/yaml was created empty; the definition in broken\.yaml was not stored: the definition has an error\n$", result.Stderr);
    }

    [Fact]
    public async Task Init_of_an_existing_environment_fails()
    {
        var name = await CreateAsync();

        Scenario.ExpectError(await _user.RunAsync("env", "init", name), $"environment default/{name} already exists");
    }

    [Fact]
    public async Task Init_refuses_a_version()
    {
        Scenario.ExpectError(await _user.RunAsync("env", "init", $"{_project}/app@3"), "coffer env init changes the latest revision and does not accept a version (\"@3\")");
    }

    [Fact]
    public async Task Ls_lists_environments_sorted_as_text_and_json()
    {
        await CreateAsync("zeta");
        await CreateAsync("alpha");

        var text = await _user.RunAsync("env", "ls", "--project", _project);
        var json = await _user.RunAsync("env", "ls", "-p", _project, "--format", "json");

        Scenario.Expect(text, 0, $"{_project}/alpha\n{_project}/zeta\n");
        Scenario.Expect(json, 0, $$"""
            {
              "environments": [
                "{{_project}}/alpha",
                "{{_project}}/zeta"
              ]
            }

            """);
    }

    [Fact]
    public async Task Get_shows_the_value_with_secrets_hidden_and_the_definition()
    {
        var name = await CreateAsync();

        var result = await _user.RunAsync("env", "get", name);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("""
            # Value
            ```json
            {
              "database": {
                "host": "db.internal",
                "password": "[secret]"
              },
              "environmentVariables": {
                "DB_HOST": "db.internal"
              }
            }
            ```

            # Definition
            ```yaml
            values:
            """, result.Stdout);
        Assert.DoesNotContain("correct-horse", result.Stdout);
    }

    [Fact]
    public async Task Get_of_a_path_shows_where_the_value_is_defined()
    {
        var name = await CreateAsync();

        var result = await _user.RunAsync("env", "get", name, "environmentVariables.DB_HOST");

        Scenario.Expect(result, 0, $$"""
            # Value
            ```json
            "db.internal"
            ```

            # Definition
            ```yaml
            ${database.host}
            ```

            # Defined at
            - {{_project}}/app:8:14

            """);
    }

    [Fact]
    public async Task Get_value_prints_one_value_in_a_format()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "get", name, "database", "--value", "json"), 0, "{\n  \"host\": \"db.internal\",\n  \"password\": \"[secret]\"\n}\n");
        Scenario.Expect(await _user.RunAsync("env", "get", name, "database.password", "--value", "string", "--show-secrets"), 0, "correct-horse\n");
        Scenario.Expect(await _user.RunAsync("env", "get", name, "--value", "dotenv"), 0, "DB_HOST=\"db.internal\"\n");
    }

    [Fact]
    public async Task Get_of_an_unknown_environment_fails()
    {
        Scenario.ExpectError(await _user.RunAsync("env", "get", $"{_project}/missing"), $"environment default/{_project}/missing not found");
    }

    [Fact]
    public async Task Set_writes_values_parsed_as_yaml_or_as_text()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "set", name, "app.port", "8080"), 0, "");
        Scenario.Expect(await _user.RunAsync("env", "set", name, "app.version", "1.10", "--string"), 0, "");
        Scenario.Expect(await _user.RunAsync("env", "set", name, "app.hosts[0]", "a.internal"), 0, "");

        Scenario.Expect(await _user.RunAsync("env", "get", name, "app", "--value", "json"), 0, """
            {
              "hosts": [
                "a.internal"
              ],
              "port": 8080,
              "version": "1.10"
            }

            """);
    }

    [Fact]
    public async Task Set_secret_is_encrypted_by_the_server()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "set", name, "api.token", "tok-123456789", "--secret"), 0, "");

        Assert.DoesNotContain("tok-123456789", (await _user.RunAsync("env", "get", name, "--definition")).Stdout);
        Scenario.Expect(await _user.RunAsync("env", "open", name, "api.token", "--format", "string"), 0, "tok-123456789\n");
        Scenario.Expect(await _user.RunAsync("env", "get", name, "api.token", "--value", "string"), 0, "[secret]\n");
    }

    [Fact]
    public async Task Set_refuses_a_value_that_looks_like_a_secret_unless_told()
    {
        var name = await CreateAsync();

        Scenario.ExpectError(await _user.RunAsync("env", "set", name, "db.password", "hunter2hunter2"), "db.password looks like a secret: pass --secret to store it encrypted, or --plaintext to store it as plain text");
        Scenario.Expect(await _user.RunAsync("env", "set", name, "db.password", "hunter2hunter2", "--plaintext"), 0, "");
    }

    [Fact]
    public async Task Set_of_an_invalid_expression_prints_the_diagnostics_and_changes_nothing()
    {
        var name = await CreateAsync();

        var result = await _user.RunAsync("env", "set", name, "broken", "${missing.value}");

        Scenario.Expect(result, 1, "", $"""
            {name}:9:13: error: unknown property "missing"
            coffer: error: default/{name} was not changed: the definition has an error

            """);
        Assert.DoesNotContain("broken", (await _user.RunAsync("env", "get", name, "--definition")).Stdout);
    }

    [Fact]
    public async Task Set_refuses_a_version()
    {
        Scenario.ExpectError(await _user.RunAsync("env", "set", $"{_project}/app@stable", "a", "b"), "coffer env set changes the latest revision and does not accept a version (\"@stable\")");
    }

    [Fact]
    public async Task Rm_of_a_path_removes_one_value()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "rm", name, "environmentVariables.DB_HOST"), 0, "");

        Scenario.Expect(await _user.RunAsync("env", "get", name, "environmentVariables", "--value", "json"), 0, "{}\n", "");
        Scenario.ExpectError(await _user.RunAsync("env", "rm", name, "environmentVariables.DB_HOST"), $"default/{name} has no value at environmentVariables.DB_HOST");
    }

    [Fact]
    public async Task Rm_of_a_path_that_others_refer_to_is_refused_with_the_diagnostics()
    {
        var name = await CreateAsync();

        var result = await _user.RunAsync("env", "rm", name, "database.host");

        Scenario.Expect(result, 1, "", $"""
            {name}:7:24: error: unknown property "host"
            coffer: error: default/{name} was not changed: the definition has an error

            """);
    }

    [Fact]
    public async Task Rm_asks_for_the_name_and_declines_anything_else()
    {
        var name = await CreateAsync();

        var declined = await _user.RunWithInputAsync("yes\n", "env", "rm", name);
        var confirmed = await _user.RunWithInputAsync($"default/{name}\n", "env", "rm", name);

        Scenario.Expect(declined, 1, "", $"""
            This deletes environment default/{name} and its whole history.
            Type default/{name} to confirm: coffer: error: confirmation declined: nothing was deleted (pass --yes to skip the question)

            """);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Equal($"Environment default/{name} has been removed.\n", confirmed.Stdout);
        Scenario.ExpectError(await _user.RunAsync("env", "get", name), $"environment default/{name} not found");
    }

    [Fact]
    public async Task Rm_of_a_protected_environment_says_how_to_unprotect_it()
    {
        var name = await CreateAsync();
        Scenario.Expect(await _user.RunAsync("env", "settings", "set", name, "deletion-protected", "true"), 0, "deletion-protected true\n");

        Scenario.ExpectError(await _user.RunAsync("env", "rm", name, "--yes"),
            $"cannot delete default/{name}: deletion protection is on; turn it off first with coffer env settings set default/{name} deletion-protected false");

        Scenario.Expect(await _user.RunAsync("env", "settings", "set", name, "deletion-protected", "false"), 0, "deletion-protected false\n");
        Scenario.Expect(await _user.RunAsync("env", "rm", name, "-y"), 0, $"Environment default/{name} has been removed.\n");
    }

    [Fact]
    public async Task Rm_of_an_unknown_environment_fails_before_asking()
    {
        Scenario.ExpectError(await _user.RunAsync("env", "rm", $"{_project}/missing"), $"environment default/{_project}/missing not found");
    }
}
