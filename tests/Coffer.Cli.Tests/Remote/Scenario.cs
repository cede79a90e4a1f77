using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Remote;

/// <summary>Checks a finished command the way a scenario states it: exit code, standard output, standard error.</summary>
public static class Scenario
{
    public static void Expect(CliResult result, int exitCode, string stdout, string stderr = "")
    {
        Assert.True(
            result.ExitCode == exitCode && result.Stdout == stdout && result.Stderr == stderr,
            $"expected exit code {exitCode}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}\n=== but got {result}");
    }

    /// <summary>A failure: nothing on standard output, exit code 1, and this one error line.</summary>
    public static void ExpectError(CliResult result, string message) =>
        Expect(result, 1, "", $"coffer: error: {message}\n");
}
