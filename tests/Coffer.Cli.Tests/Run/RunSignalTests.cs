using System.Diagnostics;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Run;

public sealed class RunSignalTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _temp;

    public RunSignalTests()
    {
        _folder.Write("app.yaml", "values:\n  files:\n    CONFIG: some configuration\n");
        _temp = _folder.Folder("tmp");
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task Run_forwards_a_signal_to_the_child_waits_for_it_and_removes_its_files(string signal)
    {
        var marker = Path.Combine(_folder.Path, "received");
        // The child reports the signal it got, then exits with a code of its own.
        var script = $"trap 'echo {signal} > \"{marker}\"; kill $sleeper; exit 7' {signal}; echo \"$CONFIG\"; sleep 30 & sleeper=$!; wait $sleeper";

        // A shell cannot trap a signal that was ignored when it started (as everything started under
        // nohup inherits SIGHUP ignored), so the child starts with the signal's default action.
        using var coffer = Start("run", "--local", "app.yaml", "--", "env", $"--default-signal={signal}", "sh", "-c", script);
        var configPath = await StartedProcess.ReadLineAsync(coffer);
        Assert.True(File.Exists(configPath), $"{configPath} should exist while the child runs");

        StartedProcess.SendSignal(coffer.Id, signal);
        var exitCode = await StartedProcess.WaitForExitAsync(coffer);

        Assert.Equal(7, exitCode);
        Assert.Equal($"{signal}\n", File.ReadAllText(marker));
        Assert.False(File.Exists(configPath));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    [Fact]
    public async Task Run_exits_with_128_plus_the_signal_when_the_forwarded_signal_ends_the_child()
    {
        using var coffer = Start("run", "--local", "app.yaml", "--", "sh", "-c", "echo \"$CONFIG\"; exec sleep 30");
        var configPath = await StartedProcess.ReadLineAsync(coffer);

        StartedProcess.SendSignal(coffer.Id, "TERM");
        var exitCode = await StartedProcess.WaitForExitAsync(coffer);

        Assert.Equal(128 + 15, exitCode);
        Assert.False(File.Exists(configPath));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    private Process Start(params string[] args) =>
        CofferCli.Start(_folder.Path, new Dictionary<string, string?> { ["TMPDIR"] = _temp }, args);
}
