namespace Coffer.Cli.CommandLine;

/// <summary>
/// The one place that words coffer's own errors and warnings, so every command reports them with
/// the same prefix (diagnostics of environment definitions have their own format).
/// </summary>
internal static class ConsoleReport
{
    public const int FailureExitCode = 1;

    public static void Error(TextWriter writer, string message) => writer.Write($"coffer: error: {message}\n");

    public static void Warning(TextWriter writer, string message) => writer.Write($"coffer: warning: {message}\n");
}
