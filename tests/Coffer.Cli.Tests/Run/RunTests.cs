using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Run;

public sealed class RunTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _temp;
    private readonly Dictionary<string, string?> _environment;

    public RunTests()
    {
        _folder.Write("app.yaml", """
            values:
              password:
                fn::secret: hunter2
              environmentVariables:
                APP_NAME: demo
                APP_PORT: 8080
                APP_DEBUG: true
                APP_PASSWORD: ${password}
                APP_SPACES: "  two  spaces  "
              files:
                APP_CONFIG: |
                  [server]
                  port = 8080
            """ + "\n");
        // Each test gets its own temporary folder, so it can check what coffer left in it.
        _temp = _folder.Folder("tmp");
        _environment = new() { ["TMPDIR"] = _temp };
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> RunAsync(params string[] args) => CofferCli.RunAsync(_folder.Path, _environment, args);

    [Fact]
    public async Task Run_sets_environment_variables_for_the_child()
    {
        var result = await RunAsync("run", "--local", "app.yaml", "--", "sh", "-c",
            "printf '%s|' \"$APP_NAME\" \"$APP_PORT\" \"$APP_DEBUG\" \"$APP_PASSWORD\" \"$APP_SPACES\"");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("demo|8080|true|hunter2|  two  spaces  |", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Run_keeps_the_current_environment()
    {
        _environment["COFFER_TEST_INHERITED"] = "from the parent";

        var result = await RunAsync("run", "--local", "app.yaml", "--", "printenv", "COFFER_TEST_INHERITED");

        Assert.Equal("from the parent\n", result.Stdout);
    }

    [Fact]
    public async Task Run_writes_files_readable_only_by_the_owner_in_a_private_folder()
    {
        var result = await RunAsync("run", "--local", "app.yaml", "--", "sh", "-c",
            "cat \"$APP_CONFIG\"; stat -c '%a' \"$APP_CONFIG\" \"$(dirname \"$APP_CONFIG\")\"; echo \"$APP_CONFIG\"");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Equal(["[server]", "port = 8080", "600", "700"], lines[..4]);
        var path = lines[4];
        Assert.StartsWith(_temp + "/coffer-", path);
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    [Fact]
    public async Task Run_exits_with_the_exit_code_of_the_child_and_still_removes_its_files()
    {
        var result = await RunAsync("run", "--local", "app.yaml", "--", "sh", "-c", "test -f \"$APP_CONFIG\" && exit 42");

        Assert.Equal(42, result.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    [Fact]
    public async Task Run_exits_with_128_plus_the_signal_that_ended_the_child()
    {
        var result = await RunAsync("run", "--local", "app.yaml", "--", "sh", "-c", "kill -KILL $$");

        Assert.Equal(128 + 9, result.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    [Fact]
    public async Task Run_passes_arguments_untouched()
    {
        string[] arguments = ["two words", "\"double\"", "'single'", "--flag", "-x", "--", "$HOME", "`date`", "*", "@file", "[directive]", "", "--help"];

        var result = await RunAsync(["run", "--local", "app.yaml", "--", "printf", "<%s>\\n", .. arguments]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(arguments.Select(a => $"<{a}>\n")), result.Stdout);
    }

    [Fact]
    public async Task Run_finds_the_command_on_path_without_a_shell()
    {
        var bin = _folder.Folder("bin");
        var script = Path.Combine(bin, "hello-coffer");
        File.WriteAllText(script, "#!/bin/sh\necho \"hello $APP_NAME\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");

        var result = await RunAsync("run", "--local", "app.yaml", "--", "hello-coffer");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello demo\n", result.Stdout);
    }

    [Fact]
    public async Task Run_of_a_missing_command_is_an_error()
    {
        var result = await RunAsync("run", "--local", "app.yaml", "--", "no-such-command-coffer");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("coffer: error: command not found: no-such-command-coffer\n", result.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    [Fact]
    public async Task Run_without_a_command_is_an_error()
    {
        var result = await RunAsync("run", "--local", "app.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("coffer: error: no command given: coffer run <environment> -- <command> [arguments...]\n", result.Stderr);
    }

    [Fact]
    public async Task Run_of_a_local_file_without_local_suggests_it()
    {
        var result = await RunAsync("run", "app.yaml", "--", "true");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("coffer: error: \"app.yaml\" is a local file: to evaluate it offline use coffer run --local app.yaml -- <command>\n", result.Stderr);
    }

    [Fact]
    public async Task Run_refuses_to_run_when_the_environment_has_errors()
    {
        _folder.Write("broken.yaml", "values:\n  environmentVariables:\n    A: ${nope}\n");
        var marker = Path.Combine(_folder.Path, "ran");

        var result = await RunAsync("run", "--local", "broken.yaml", "--", "touch", marker);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(marker));
        Assert.Equal(
            "broken.yaml:3:10: error: unknown property \"nope\"\ncoffer: error: not running touch: the environment has errors\n",
            result.Stderr);
    }

    [Fact]
    public async Task Run_prints_warnings_and_runs_anyway()
    {
        _folder.Write("warned.yaml", "values:\n  environmentVariables:\n    A: ok\nextra: 1\n");

        var result = await RunAsync("run", "--local", "warned.yaml", "--", "printenv", "A");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok\n", result.Stdout);
        Assert.StartsWith("warned.yaml:4:1: warning: Field 'extra' does not exist", result.Stderr);
    }

    [Fact]
    public async Task Run_uses_an_environment_of_a_folder()
    {
        _folder.Write("envs/team/base.yaml", "values:\n  environmentVariables:\n    REGION: eu-west-1\n");
        _folder.Write("envs/team/app.yaml", "imports: [team/base]\n");

        var result = await RunAsync("run", "--local", "envs", "--env", "team/app", "--", "printenv", "REGION");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("eu-west-1\n", result.Stdout);
    }

    [Fact]
    public async Task Run_without_mask_passes_secrets_through()
    {
        var result = await RunAsync("run", "--local", "app.yaml", "--", "sh", "-c", "echo \"$APP_PASSWORD\"");

        Assert.Equal("hunter2\n", result.Stdout);
    }
}
