using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Eval;

/// <summary>The dotenv and shell formats, read back by the tools they are meant for.</summary>
public sealed class EvalVariableOutputTests : IDisposable
{
    // Values that break naive quoting: spaces, both quotes, $, backquotes, backslashes, newlines.
    private static readonly string[] TrickyValues =
    [
        "two  spaces",
        "it's \"quoted\"",
        "$HOME and ${PATH}",
        "`touch pwned` $(touch pwned)",
        "back\\slash \\n",
        "line one\nline two\n",
        "unicode: ünïcødé ✓",
        "#not a comment = x",
    ];

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string?> _environment;

    public EvalVariableOutputTests()
    {
        var yaml = "values:\n  environmentVariables:\n"
            + string.Concat(TrickyValues.Select((v, i) => $"    VALUE_{i}: {YamlDoubleQuoted(v)}\n"))
            + "  files:\n    CONFIG_FILE: \"file content\\nwith $pecial `chars`\\n\"\n";
        _folder.Write("tricky.yaml", yaml);
        _environment = new() { ["TMPDIR"] = _folder.Folder("tmp") };
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Shell_output_evaluated_by_sh_sets_every_value_exactly()
    {
        var script = "eval \"$(coffer eval tricky.yaml --format shell)\" && "
            + string.Join(" && ", TrickyValues.Select((_, i) => $"printf '%s\\0' \"$VALUE_{i}\""))
            + " && cat \"$CONFIG_FILE\"";

        var result = await CofferCli.RunWithCofferOnPathAsync(_folder.Path, "sh", _environment, "-c", script);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(TrickyValues.Select(v => v + "\0")) + "file content\nwith $pecial `chars`\n", result.Stdout);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "pwned")));
    }

    [Fact]
    public async Task Dotenv_output_sourced_by_bash_sets_values_without_shell_syntax()
    {
        // Dotenv values are Go-quoted for dotenv readers. A shell reads the same text only for values
        // without $, backquotes, backslashes and newlines: shells must use --format shell instead.
        string[] values = ["two  spaces", "it's \"quoted\"", "unicode: ünïcødé ✓", "#not a comment = x", "a=b; c"];
        _folder.Write("plain.yaml", "values:\n  environmentVariables:\n"
            + string.Concat(values.Select((v, i) => $"    VALUE_{i}: {YamlDoubleQuoted(v)}\n"))
            + "  files:\n    CONFIG_FILE: \"file content\\nwith $pecial `chars`\\n\"\n");
        var script = "coffer eval plain.yaml --format dotenv > .env && set -a && . ./.env && set +a && "
            + string.Join(" && ", values.Select((_, i) => $"printf '%s\\0' \"$VALUE_{i}\""))
            + " && cat \"$CONFIG_FILE\"";

        var result = await CofferCli.RunWithCofferOnPathAsync(_folder.Path, "bash", _environment, "-c", script);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(values.Select(v => v + "\0")) + "file content\nwith $pecial `chars`\n", result.Stdout);
    }

    [Fact]
    public async Task Dotenv_output_escapes_values_as_go_quoted_strings()
    {
        var result = await CofferCli.RunAsync(_folder.Path, _environment, "eval", "tricky.yaml", "--format", "dotenv");

        var lines = result.Stdout.Split('\n');
        Assert.Equal("VALUE_1=\"it's \\\"quoted\\\"\"", lines[1]);
        Assert.Equal("VALUE_4=\"back\\\\slash \\\\n\"", lines[4]);
        Assert.Equal("VALUE_5=\"line one\\nline two\\n\"", lines[5]);
    }

    [Fact]
    public async Task Variable_formats_write_files_that_are_left_behind_for_the_output_to_use()
    {
        var result = await CofferCli.RunAsync(_folder.Path, _environment, "eval", "tricky.yaml", "--format", "dotenv");

        var line = result.Stdout.Split('\n').Single(l => l.StartsWith("CONFIG_FILE=", StringComparison.Ordinal));
        var path = line["CONFIG_FILE=\"".Length..^1];
        Assert.StartsWith(_environment["TMPDIR"] + "/coffer-", path);
        Assert.Equal("file content\nwith $pecial `chars`\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task Variable_formats_redact_secret_files_unless_show_secrets()
    {
        _folder.Write("secret-file.yaml", "values:\n  files:\n    KEY:\n      fn::secret: the key\n");

        var redacted = await CofferCli.RunAsync(_folder.Path, _environment, "eval", "secret-file.yaml", "--format", "shell");
        var revealed = await CofferCli.RunAsync(_folder.Path, _environment, "eval", "secret-file.yaml", "--format", "shell", "--show-secrets");

        Assert.Equal("[secret]", File.ReadAllText(ExportedPath(redacted.Stdout)));
        Assert.Equal("the key", File.ReadAllText(ExportedPath(revealed.Stdout)));
    }

    [Theory]
    [InlineData("shell")]
    [InlineData("dotenv")]
    public async Task Variable_formats_skip_names_that_are_not_identifiers(string format)
    {
        _folder.Write("names.yaml", """
            values:
              environmentVariables:
                GOOD_NAME: ok
                "A;touch pwned;B": x
                "has-dash": y
                "1DIGIT": z
            """);

        var result = await CofferCli.RunAsync(_folder.Path, _environment, "eval", "names.yaml", "--format", format);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(format == "shell" ? "export GOOD_NAME='ok'\n" : "GOOD_NAME=\"ok\"\n", result.Stdout);
        Assert.Equal(
            $"coffer: warning: skipped environmentVariables entry \"1DIGIT\": {format} output only takes names of letters, digits and \"_\" that do not start with a digit\n"
            + $"coffer: warning: skipped environmentVariables entry \"A;touch pwned;B\": {format} output only takes names of letters, digits and \"_\" that do not start with a digit\n"
            + $"coffer: warning: skipped environmentVariables entry \"has-dash\": {format} output only takes names of letters, digits and \"_\" that do not start with a digit\n",
            result.Stderr);
    }

    private static string ExportedPath(string shellOutput) => shellOutput.Trim()["export KEY='".Length..^1];

    // "${" starts an interpolation in the language; "$${" is a literal "${".
    private static string YamlDoubleQuoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("${", "$${", StringComparison.Ordinal) + "\"";
}
