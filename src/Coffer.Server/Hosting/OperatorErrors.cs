using System.Data.Common;

namespace Coffer.Server.Hosting;

/// <summary>
/// Runs a <c>coffer-server</c> command and turns the failures an operator can fix (an unreachable
/// or refusing database, a bad option or root key, an unreadable data directory) into one line on
/// standard error and exit code 1, instead of an unhandled exception with a stack trace. None of
/// these messages repeats a password or key: the code that throws them is written not to.
/// </summary>
public static class OperatorErrors
{
    public static async Task<int> RunAsync(string command, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception error) when (Describe(error) is { } message)
        {
            await Console.Error.WriteLineAsync($"{command}: {message}");
            return 1;
        }
    }

    private static string? Describe(Exception error) => error switch
    {
        DbException database => $"the database cannot be used: {database.Message}",
        InvalidOperationException or ArgumentException => error.Message,
        IOException or UnauthorizedAccessException => $"the data directory cannot be used: {error.Message}",
        _ => null,
    };
}
