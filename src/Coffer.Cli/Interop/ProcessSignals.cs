using System.Runtime.InteropServices;

namespace Coffer.Cli.Interop;

/// <summary>Sending signals to other processes and asking the terminal who it signals.</summary>
internal static partial class ProcessSignals
{
    /// <summary>The number of a signal on Linux and macOS (the same for the signals coffer handles).</summary>
    public static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal,
    };

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="processId"/>; false when it could not be sent.</summary>
    public static bool Send(int processId, PosixSignal signal) => Kill(processId, Number(signal)) == 0;

    /// <summary>
    /// True when this process belongs to the foreground process group of a terminal on standard
    /// input, output or error. A key such as Ctrl+C then signals the whole group, children included.
    /// </summary>
    public static bool InForegroundOfTerminal()
    {
        var group = GetProcessGroup();
        for (var descriptor = 0; descriptor <= 2; descriptor++)
        {
            if (GetTerminalForegroundGroup(descriptor) == group)
            {
                return true;
            }
        }
        return false;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    private static partial int GetProcessGroup();

    [LibraryImport("libc", EntryPoint = "tcgetpgrp")]
    private static partial int GetTerminalForegroundGroup(int descriptor);
}
