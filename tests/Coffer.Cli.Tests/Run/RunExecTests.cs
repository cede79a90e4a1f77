using System.Diagnostics;
using System.Globalization;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Run;

/// <summary>
/// <c>coffer run</c> without files and without <c>--mask</c>: the program runs in coffer's place
/// (execve), with coffer's process id, and what its parent sees is the program's own exit.
/// </summary>
public sealed class RunExecTests : IDisposable
{
    private const int SigPipe = 13;
    private readonly TempFolder _folder = new();
    private readonly string _temp;
    private readonly Dictionary<string, string?> _environment;

    public RunExecTests()
    {
        _folder.Write("vars.yaml", """
            values:
              password:
                fn::secret: hunter2
              environmentVariables:
                APP_NAME: demo
                APP_PASSWORD: ${password}
                APP_SPACES: "  two  spaces  "
            """ + "\n");
        _folder.Write("files.yaml", """
            values:
              environmentVariables:
                APP_NAME: demo
              files:
                APP_CONFIG: some configuration
            """ + "\n");
        _temp = _folder.Folder("tmp");
        _environment = new() { ["TMPDIR"] = _temp };
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> RunAsync(params string[] args) => CofferCli.RunAsync(_folder.Path, _environment, args);

    [Fact]
    public async Task Exec_runs_the_program_with_the_variables_and_the_current_environment()
    {
        _environment["COFFER_TEST_INHERITED"] = "from the parent";

        var result = await RunAsync("run", "--local", "vars.yaml", "--", "sh", "-c",
            "printf '%s|' \"$APP_NAME\" \"$APP_PASSWORD\" \"$APP_SPACES\" \"$COFFER_TEST_INHERITED\"");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("demo|hunter2|  two  spaces  |from the parent|", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Exec_variables_override_the_current_environment()
    {
        _environment["APP_NAME"] = "from the parent";

        var result = await RunAsync("run", "--local", "vars.yaml", "--", "printenv", "APP_NAME");

        Assert.Equal("demo\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_passes_arguments_untouched()
    {
        string[] arguments = ["two words", "\"double\"", "'single'", "--flag", "-x", "--", "$HOME", "`date`", "*", "@file", "[directive]", "", "--help", "ünïcödé"];

        var result = await RunAsync(["run", "--local", "vars.yaml", "--", "printf", "<%s>\\n", .. arguments]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(arguments.Select(a => $"<{a}>\n")), result.Stdout);
    }

    [Fact]
    public async Task Exec_exits_with_the_exit_code_of_the_program()
    {
        var result = await RunAsync("run", "--local", "vars.yaml", "--", "sh", "-c", "exit 7");

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData("KILL", 9, "")]
    [InlineData("TERM", 15, "env --default-signal=TERM ")]
    public async Task A_program_ended_by_a_signal_is_seen_as_such_by_the_parent_of_coffer(string signal, int number, string prefix)
    {
        // The shell that started coffer sees its child end by the signal, and reports 128 + N.
        var result = await CofferCli.RunWithCofferOnPathAsync(_folder.Path, "sh", _environment,
            "-c", $"coffer run --local vars.yaml -- {prefix}sh -c 'kill -{signal} $$'; echo $?");

        Assert.Equal($"{128 + number}\n", result.Stdout);
    }

    [Fact]
    public async Task The_program_has_the_process_id_of_coffer()
    {
        using var coffer = Start("run", "--local", "vars.yaml", "--", "sh", "-c", "echo $$");

        var line = await StartedProcess.ReadLineAsync(coffer);
        Assert.Equal(0, await StartedProcess.WaitForExitAsync(coffer));

        Assert.Equal(coffer.Id.ToString(CultureInfo.InvariantCulture), line);
    }

    [Fact]
    public async Task A_signal_to_coffer_reaches_the_program_directly()
    {
        var script = "trap 'echo got TERM; kill $sleeper; exit 5' TERM; echo ready; sleep 30 & sleeper=$!; wait $sleeper";
        using var coffer = Start("run", "--local", "vars.yaml", "--", "env", "--default-signal=TERM", "sh", "-c", script);
        Assert.Equal("ready", await StartedProcess.ReadLineAsync(coffer));

        StartedProcess.SendSignal(coffer.Id, "TERM");

        Assert.Equal(5, await StartedProcess.WaitForExitAsync(coffer));
        Assert.Equal("got TERM", await StartedProcess.ReadLineAsync(coffer));
    }

    [Fact]
    public async Task The_program_is_ended_by_SIGPIPE_when_its_reader_goes_away()
    {
        // The runtime ignores SIGPIPE for itself; the program must get the default action back, so
        // that "yes" writing into a pipe nobody reads is ended by SIGPIPE instead of failing on EPIPE.
        using var coffer = Start("run", "--local", "vars.yaml", "--", "yes");
        coffer.StandardOutput.Close();

        Assert.Equal(128 + SigPipe, await StartedProcess.WaitForExitAsync(coffer));
        Assert.Equal("", await coffer.StandardError.ReadToEndAsync());
    }

    [Fact]
    public async Task The_program_starts_with_the_signal_dispositions_and_mask_of_a_plain_child()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc is Linux only; the SIGPIPE test above checks the same everywhere.
        }
        const string Report = "grep -E '^Sig(Ign|Blk):' /proc/self/status";

        // A program started directly by this test, with what coffer itself inherits…
        var plain = await CofferCli.RunWithCofferOnPathAsync(_folder.Path, "sh", _environment, "-c", Report);
        var run = await RunAsync("run", "--local", "vars.yaml", "--", "sh", "-c", Report);

        // …except SIGPIPE, which a .NET parent (this test) leaves ignored in its children.
        var expected = Masks(plain.Stdout);
        expected["SigIgn"] &= ~(1UL << (SigPipe - 1));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, Masks(run.Stdout));
        Assert.Equal(0UL, Masks(run.Stdout)["SigBlk"]);
    }

    [Fact]
    public async Task Exec_of_a_missing_command_is_the_same_error()
    {
        var result = await RunAsync("run", "--local", "vars.yaml", "--", "no-such-command-coffer");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("coffer: error: command not found: no-such-command-coffer\n", result.Stderr);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, "Exec format error")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite, "Permission denied")]
    public async Task A_program_that_cannot_be_executed_is_reported_as_when_started_as_a_child(UnixFileMode mode, string reason)
    {
        // No "#!" line (exec format error), or not executable.
        var script = _folder.Write("not-a-program", "echo hello\n");
        File.SetUnixFileMode(script, mode);

        var withExec = await RunAsync("run", "--local", "vars.yaml", "--", "./not-a-program");
        var withChild = await RunAsync("run", "--local", "files.yaml", "--", "./not-a-program");

        Assert.Equal(1, withExec.ExitCode);
        Assert.StartsWith($"coffer: error: cannot run {script}: ", withExec.Stderr);
        Assert.EndsWith($" {reason}\n", withExec.Stderr);
        Assert.Equal(withChild, withExec);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    [Theory]
    [InlineData("files.yaml")]
    [InlineData("vars.yaml", "--mask")]
    public async Task With_files_or_mask_coffer_stays_the_parent_and_cleans_up(string file, params string[] options)
    {
        using var coffer = Start(["run", "--local", file, .. options, "--", "sh", "-c", "echo $$; echo \"${APP_CONFIG:-}\"; echo \"$APP_NAME\""]);

        var childId = await StartedProcess.ReadLineAsync(coffer);
        var configPath = await StartedProcess.ReadLineAsync(coffer);
        Assert.Equal("demo", await StartedProcess.ReadLineAsync(coffer));
        Assert.Equal(0, await StartedProcess.WaitForExitAsync(coffer));

        Assert.NotEqual(coffer.Id.ToString(CultureInfo.InvariantCulture), childId);
        if (configPath.Length > 0)
        {
            Assert.StartsWith(_temp + "/coffer-", configPath);
            Assert.False(File.Exists(configPath));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    private Process Start(params string[] args) => CofferCli.Start(_folder.Path, _environment, args);

    private static Dictionary<string, ulong> Masks(string status) =>
        status.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0], parts => ulong.Parse(parts[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
