using System.CommandLine;

namespace Coffer.Cli.CommandLine;

/// <summary>Turns a <see cref="CommandFailure"/> thrown by a command into its error line and exit code.</summary>
internal static class GuardedAction
{
    public static Func<ParseResult, CancellationToken, Task<int>> Of(Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandFailure failure)
            {
                ConsoleReport.Error(parseResult.InvocationConfiguration.Error, failure.Message);
                return ConsoleReport.FailureExitCode;
            }
        };
}
