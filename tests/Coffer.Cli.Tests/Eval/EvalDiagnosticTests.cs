using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Eval;

public sealed class EvalDiagnosticTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Eval_reports_a_yaml_syntax_error_at_its_position_and_exits_1()
    {
        _folder.Write("broken.yaml", "values:\n  a: [1, 2\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "broken.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("null\n", result.Stdout);
        Assert.Equal("broken.yaml:3:1: error: yaml: line 3: did not find expected ',' or ']'\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_reports_an_unknown_property_and_still_prints_the_rest()
    {
        _folder.Write("app.yaml", "values:\n  a: ${nope}\n  b: ok\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\n  \"a\": \"[unknown]\",\n  \"b\": \"ok\"\n}\n", result.Stdout);
        Assert.Equal("app.yaml:2:8: error: unknown property \"nope\"\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_reports_a_missing_import_at_the_import()
    {
        _folder.Write("app.yaml", "imports:\n  - shared/missing\nvalues:\n  a: 1\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\n  \"a\": 1\n}\n", result.Stdout);
        Assert.Equal("app.yaml:2:5: error: environment \"shared/missing\" not found: no shared/missing.yaml, shared/missing.yml in ./\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_points_diagnostics_of_imported_environments_at_their_files()
    {
        _folder.Write("envs/team/base.yaml", "values:\n  a: ${missing}\n  b: 2\nextra: 1\n");
        _folder.Write("envs/app.yaml", "imports:\n  - team/base\nvalues:\n  c: ${b}\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "envs/app.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "envs/team/base.yaml:4:1: warning: Field 'extra' does not exist on Object 'environment'. Existing fields are: 'imports', 'values', 'description'\n"
            + "envs/team/base.yaml:2:8: error: unknown property \"missing\"\n",
            result.Stderr);
    }

    [Fact]
    public async Task Eval_with_only_warnings_exits_0()
    {
        _folder.Write("app.yaml", "values:\n  a: 1\nvalue: {}\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\n  \"a\": 1\n}\n", result.Stdout);
        Assert.Equal("app.yaml:3:1: warning: Field 'value' does not exist on Object 'environment'. Existing fields are: 'values', 'imports', 'description'\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_explains_that_ciphertexts_cannot_be_decrypted_offline()
    {
        _folder.Write("app.yaml", """
            values:
              password:
                fn::secret:
                  ciphertext: ZXNjeAAAAAHo9e705fKyKo30VQ==
            """);

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\n  \"password\": \"[secret]\"\n}\n", result.Stdout);
        Assert.Equal(
            "app.yaml:3:5: error: decrypting: ciphertexts can only be decrypted by the Coffer server that encrypted them; use a plaintext fn::secret in local files or open the environment on the server\n",
            result.Stderr);
    }

    [Fact]
    public async Task Eval_reports_providers_as_unknown_offline()
    {
        _folder.Write("app.yaml", "values:\n  aws:\n    fn::open::aws-login:\n      oidc: {roleArn: x, sessionName: y}\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\n  \"aws\": \"[unknown]\"\n}\n", result.Stdout);
        Assert.Equal("app.yaml:3:5: error: unknown provider \"aws-login\"\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_shows_diagnostic_files_as_absolute_paths_outside_the_current_folder()
    {
        _folder.Write("app.yaml", "values:\n  a: ${nope}\n");
        var elsewhere = _folder.Folder("elsewhere");

        var result = await CofferCli.RunAsync(elsewhere, "eval", Path.Combine(_folder.Path, "app.yaml"));

        Assert.Equal($"{Path.Combine(_folder.Path, "app.yaml")}:2:8: error: unknown property \"nope\"\n", result.Stderr);
    }
}
