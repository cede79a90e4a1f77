using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Eval;

public sealed class EvalImportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public EvalImportTests()
    {
        _folder.Write("envs/base.yaml", """
            values:
              region: us-east-1
              greeting: hello from base
            """);
        _folder.Write("envs/payments/db.yaml", """
            values:
              host: db.payments.internal
              port: 5432
            """);
        _folder.Write("envs/default/legacy.yaml", """
            values:
              legacy: true
            """);
        _folder.Write("envs/payments/app.yaml", """
            imports:
              - base
              - payments/db
              - legacy
            values:
              greeting: hello from app
              url: postgres://${host}:${port}/app
              owner: ${environments.payments.db.host}
            """);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Eval_of_a_folder_resolves_project_and_legacy_imports_to_files()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs", "--env", "payments/app");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            {
              "greeting": "hello from app",
              "host": "db.payments.internal",
              "legacy": true,
              "owner": "db.payments.internal",
              "port": 5432,
              "region": "us-east-1",
              "url": "postgres://db.payments.internal:5432/app"
            }

            """, result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Eval_of_a_file_resolves_imports_in_its_folder()
    {
        _folder.Write("envs/service.yaml", """
            imports:
              - base
            values:
              db: ${environments.payments.db.port}
            """);

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs/service.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\n  \"db\": 5432,\n  \"greeting\": \"hello from base\",\n  \"region\": \"us-east-1\"\n}\n", result.Stdout);
    }

    [Fact]
    public async Task Eval_names_the_root_environment_after_its_file_or_env_name()
    {
        _folder.Write("envs/payments/whoami.yaml", "values:\n  me: ${context.rootEnvironment.name}\n");

        var byFolder = await CofferCli.RunAsync(_folder.Path, "eval", "envs", "--env", "payments/whoami", "--path", "me");
        var byFile = await CofferCli.RunAsync(_folder.Path, "eval", "envs/payments/whoami.yaml", "--path", "me");

        Assert.Equal("\"payments/whoami\"\n", byFolder.Stdout);
        Assert.Equal("\"whoami\"\n", byFile.Stdout);
    }

    [Fact]
    public async Task Eval_accepts_yml_files()
    {
        _folder.Write("envs/other.yml", "imports: [base]\nvalues:\n  x: 1\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs", "--env", "other", "--path", "region");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("\"us-east-1\"\n", result.Stdout);
    }

    [Fact]
    public async Task Eval_of_a_folder_without_env_lists_the_environments_it_found()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(
            "coffer: error: envs is a folder: choose the root environment with --env NAME (environments found: base, default/legacy, payments/app, payments/db)\n",
            result.Stderr);
    }

    [Fact]
    public async Task Eval_of_an_unknown_env_in_a_folder_is_an_error()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs", "--env", "payments/nope");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("coffer: error: environment \"payments/nope\" not found: no payments/nope.yaml, payments/nope.yml in envs/", result.Stderr);
    }

    [Fact]
    public async Task Eval_with_env_and_a_file_path_is_an_error()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs/base.yaml", "--env", "base");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("coffer: error: --env selects an environment in a folder", result.Stderr);
    }

    [Fact]
    public async Task Eval_warns_once_per_versioned_import_and_uses_the_file_on_disk()
    {
        _folder.Write("envs/pinned.yaml", """
            imports:
              - base@3
              - payments/db@stable
            values:
              again: ${environments.payments.db.port}
              x: ${imports["base@3"].region}
            """);

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs/pinned.yaml", "--path", "x");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("\"us-east-1\"\n", result.Stdout);
        Assert.Equal(
            "coffer: warning: \"base@3\" asks for version \"3\", which cannot be resolved offline; using envs/base.yaml as it is on disk\n"
            + "coffer: warning: \"payments/db@stable\" asks for version \"stable\", which cannot be resolved offline; using envs/payments/db.yaml as it is on disk\n",
            result.Stderr);
    }

    [Fact]
    public async Task Eval_refuses_imports_that_climb_out_of_the_folder()
    {
        _folder.Write("secret.yaml", "values:\n  stolen: yes\n");
        _folder.Write("envs/escape.yaml", """
            imports:
              - ../secret
              - /etc/hostname
              - payments/../../secret
            values:
              ref: ${environments[".."].secret.stolen}
            """);

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs/escape.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\n  \"ref\": \"[unknown]\"\n}\n", result.Stdout);
        Assert.Equal("""
            envs/escape.yaml:2:5: error: environment "../secret" is outside the environments folder: offline names are "name" or "project/name"
            envs/escape.yaml:3:5: error: environment "/etc/hostname" is outside the environments folder: offline names are "name" or "project/name"
            envs/escape.yaml:4:5: error: environment "payments/../../secret" is outside the environments folder: offline names are "name" or "project/name"
            envs/escape.yaml:6:8: error: environment "../secret" is outside the environments folder: offline names are "name" or "project/name"

            """, result.Stderr);
    }

    [Fact]
    public async Task Eval_refuses_symbolic_links_that_lead_out_of_the_folder()
    {
        var outside = _folder.Write("outside/secret.yaml", "values:\n  stolen: yes\n");
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "envs", "linked.yaml"), outside);
        _folder.Write("envs/uses-link.yaml", "imports:\n  - linked\nvalues:\n  ok: true\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs/uses-link.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\n  \"ok\": true\n}\n", result.Stdout);
        Assert.StartsWith("envs/uses-link.yaml:2:5: error: environment \"linked\" is outside the environments folder: envs/linked.yaml links to ", result.Stderr);
    }

    [Fact]
    public async Task Eval_follows_symbolic_links_that_stay_inside_the_folder()
    {
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "envs", "alias.yaml"), Path.Combine(_folder.Path, "envs", "base.yaml"));

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs", "--env", "alias", "--path", "region");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("\"us-east-1\"\n", result.Stdout);
    }
}
