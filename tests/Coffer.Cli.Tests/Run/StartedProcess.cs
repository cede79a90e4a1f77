using System.Diagnostics;
using System.Globalization;

namespace Coffer.Cli.Tests.Run;

/// <summary>Waiting on, and signalling, a coffer process a test started, never for longer than <see cref="Patience"/>.</summary>
internal static class StartedProcess
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<string> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        return line ?? throw new InvalidOperationException($"the process ended before printing a line: {await process.StandardError.ReadToEndAsync()}");
    }

    public static void SendSignal(int processId, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, processId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code; a process still running after <see cref="Patience"/> is killed and the test fails.</summary>
    public static async Task<int> WaitForExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return process.ExitCode;
    }
}
