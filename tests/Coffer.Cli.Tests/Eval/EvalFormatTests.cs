using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Eval;

public sealed class EvalFormatTests : IDisposable
{
    private const string App = """
        values:
          name: demo
          port: 8080
          enabled: true
          nothing: null
          password:
            fn::secret: hunter2
          tags: [a, b]
          environmentVariables:
            APP_NAME: ${name}
            APP_PORT: ${port}
            APP_PASSWORD: ${password}
        """;

    private readonly TempFolder _folder = new();

    public EvalFormatTests() => _folder.Write("app.yaml", App);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Eval_prints_two_space_indented_json_by_default()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            {
              "enabled": true,
              "environmentVariables": {
                "APP_NAME": "demo",
                "APP_PASSWORD": "[secret]",
                "APP_PORT": 8080
              },
              "name": "demo",
              "nothing": null,
              "password": "[secret]",
              "port": 8080,
              "tags": [
                "a",
                "b"
              ]
            }

            """, result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Eval_indents_numbers_in_arrays_like_any_other_item()
    {
        _folder.Write("numbers.yaml", "values:\n  ports: [80, 443]\n  mixed: [x, 1.5]\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "numbers.yaml");

        Assert.Equal("""
            {
              "mixed": [
                "x",
                1.5
              ],
              "ports": [
                80,
                443
              ]
            }

            """, result.Stdout);
    }

    [Fact]
    public async Task Eval_redacts_secrets_unless_show_secrets()
    {
        var redacted = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--path", "password");
        var revealed = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--path", "password", "--show-secrets");

        Assert.Equal("\"[secret]\"\n", redacted.Stdout);
        Assert.Equal("\"hunter2\"\n", revealed.Stdout);
    }

    [Fact]
    public async Task Eval_prints_yaml()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            enabled: true
            environmentVariables:
              APP_NAME: demo
              APP_PASSWORD: '[secret]'
              APP_PORT: 8080
            name: demo
            nothing: null
            password: '[secret]'
            port: 8080
            tags:
              - a
              - b

            """, result.Stdout);
    }

    [Fact]
    public async Task Eval_prints_yaml_with_secrets_when_asked()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "-f", "yaml", "--show-secrets", "--path", "environmentVariables");

        Assert.Equal("APP_NAME: demo\nAPP_PASSWORD: hunter2\nAPP_PORT: 8080\n", result.Stdout);
    }

    [Fact]
    public async Task Eval_prints_the_string_form_with_a_trailing_newline()
    {
        var scalar = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "string", "--path", "name");
        var array = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "string", "--path", "tags");
        var obj = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "string", "--path", "environmentVariables");
        var secret = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "string", "--path", "password", "--show-secrets");

        Assert.Equal("demo\n", scalar.Stdout);
        Assert.Equal("\"a\",\"b\"\n", array.Stdout);
        Assert.Equal("\"APP_NAME\"=\"demo\",\"APP_PASSWORD\"=\"[secret]\",\"APP_PORT\"=\"8080\"\n", obj.Stdout);
        Assert.Equal("hunter2\n", secret.Stdout);
    }

    [Fact]
    public async Task Eval_prints_the_detailed_form_with_secret_flags_and_traces()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "detailed", "--path", "password");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            {
              "value": "[secret]",
              "secret": true,
              "trace": {
                "def": {
                  "environment": "app",
                  "begin": {
                    "line": 7,
                    "column": 17,
                    "byte": 94
                  },
                  "end": {
                    "line": 7,
                    "column": 24,
                    "byte": 101
                  }
                }
              }
            }

            """, result.Stdout);
    }

    [Fact]
    public async Task Eval_prints_dotenv_lines_with_go_quoted_values()
    {
        var redacted = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "dotenv");
        var revealed = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "dotenv", "--show-secrets");

        Assert.Equal("APP_NAME=\"demo\"\nAPP_PASSWORD=\"[secret]\"\nAPP_PORT=\"8080\"\n", redacted.Stdout);
        Assert.Equal("APP_NAME=\"demo\"\nAPP_PASSWORD=\"hunter2\"\nAPP_PORT=\"8080\"\n", revealed.Stdout);
    }

    [Fact]
    public async Task Eval_prints_shell_exports_with_single_quoted_values()
    {
        var redacted = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "shell");
        var revealed = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "shell", "--show-secrets");

        Assert.Equal("export APP_NAME='demo'\nexport APP_PASSWORD='[secret]'\nexport APP_PORT='8080'\n", redacted.Stdout);
        Assert.Equal("export APP_NAME='demo'\nexport APP_PASSWORD='hunter2'\nexport APP_PORT='8080'\n", revealed.Stdout);
    }

    [Fact]
    public async Task Eval_path_selects_nested_values_and_array_elements()
    {
        var nested = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--path", "environmentVariables.APP_PORT");
        var element = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--path", "tags[1]");
        var quoted = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--path", "[\"name\"]");

        Assert.Equal("8080\n", nested.Stdout);
        Assert.Equal("\"b\"\n", element.Stdout);
        Assert.Equal("\"demo\"\n", quoted.Stdout);
    }

    [Fact]
    public async Task Eval_path_to_a_missing_property_prints_null_and_warns()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--path", "database.host");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("null\n", result.Stdout);
        Assert.Equal("coffer: warning: the environment has no value at database.host\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_of_an_empty_definition_prints_null()
    {
        _folder.Write("empty.yaml", "");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "empty.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("null\n", result.Stdout);
    }

    [Fact]
    public async Task Eval_reads_files_that_start_with_a_byte_order_mark()
    {
        _folder.Write("bom.yaml", "\uFEFFvalues:\n  a: 1\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "bom.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\n  \"a\": 1\n}\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }
}
