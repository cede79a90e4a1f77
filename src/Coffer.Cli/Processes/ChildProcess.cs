using System.ComponentModel;
using System.Diagnostics;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Interop;

namespace Coffer.Cli.Processes;

/// <summary>Runs a program to completion, with signals forwarded and, optionally, its output masked.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs the program and returns its exit code (128 + N when signal N ended it). Without a
    /// masker the program talks to coffer's terminal directly.
    /// </summary>
    public static async Task<int> RunAsync(ChildProcessStart start, SignalForwarder signals, SecretMasker? masker)
    {
        var info = new ProcessStartInfo(start.Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = masker is not null,
            RedirectStandardError = masker is not null,
        };
        foreach (var argument in start.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in start.Variables)
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            if (!signals.TryStart(process))
            {
                return 128 + ProcessSignals.Number(signals.SignalBeforeStart!.Value);
            }
        }
        catch (Win32Exception ex)
        {
            throw new CommandFailure($"cannot run {start.Executable}: {ex.Message}", ex);
        }

        var copies = masker is null
            ? Task.CompletedTask
            : Task.WhenAll(
                MaskedCopy.RunAsync(process.StandardOutput.BaseStream, Console.OpenStandardOutput(), masker),
                MaskedCopy.RunAsync(process.StandardError.BaseStream, Console.OpenStandardError(), masker));
        await process.WaitForExitAsync().ConfigureAwait(false);
        await copies.ConfigureAwait(false);
        return process.ExitCode;
    }
}
