using System.Collections;
using System.ComponentModel;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Interop;

namespace Coffer.Cli.Processes;

/// <summary>
/// Runs the program in coffer's place, like a shell's <c>exec</c>, when nothing has to happen
/// after it ends (no projected files to remove, no output to mask): the program gets coffer's
/// process id, signals reach it directly, and its exit status (or the signal that ended it) is
/// what coffer's parent sees. coffer skips starting a child, waiting for it and shutting down.
/// </summary>
internal static class ProgramExec
{
    /// <summary>Whether the system can replace the process (Linux and macOS; not Windows).</summary>
    public static bool IsSupported => ProcessImage.IsSupported;

    /// <summary>
    /// Replaces coffer with the program; returns only by throwing, when the program could not be
    /// run, the same failure <see cref="ChildProcess"/> reports.
    /// </summary>
    public static void Replace(ChildProcessStart start)
    {
        // The program gets coffer's environment plus the projected variables, as a child would
        // (ProcessStartInfo.Environment starts from the same copy of the environment).
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? "";
        }
        foreach (var (name, value) in start.Variables)
        {
            environment[name] = value;
        }
        // Its first argument is the path it was found at, as Process.Start passes it.
        string[] arguments = [start.Executable, .. start.Arguments];

        // Whatever coffer printed (warnings) goes out before the program prints anything.
        Console.Out.Flush();
        Console.Error.Flush();

        var error = ProcessImage.Replace(start.Executable, arguments, environment);
        // In the words of Process.Start's Win32Exception, so that a program that cannot be run is
        // reported alike whichever way coffer runs it.
        var message = $"An error occurred trying to start process '{start.Executable}' with working directory '{Environment.CurrentDirectory}'. {new Win32Exception(error).Message}";
        throw new CommandFailure($"cannot run {start.Executable}: {message}");
    }
}
