using System.Runtime.InteropServices;

namespace Coffer.Cli.Interop;

/// <summary>
/// Replacing the program of this process with another (<c>execve(2)</c>), as a shell's
/// <c>exec</c> does: same process id, same open terminal, no process of coffer left around it.
/// </summary>
/// <remarks>
/// What <c>execve</c> keeps is prepared first. It resets every caught signal to its default
/// action itself, but keeps ignored signals ignored and keeps the calling thread's signal mask.
/// The .NET runtime (CoreCLR and Native AOT alike) sets SIGPIPE to ignored for its own sockets
/// and pipes; left so, the program would get EPIPE instead of being ended by SIGPIPE when it
/// writes to a closed pipe (<c>yes | head</c> would run for ever). SIGPIPE is set back to the
/// default action, and the thread's signal mask is emptied, as <c>Process.Start</c> does in its
/// child (dotnet/runtime, pal_process.c). Signals that were already ignored when coffer started
/// (SIGHUP under nohup, SIGINT for a background job of a non-interactive shell) stay ignored, as
/// with a shell's <c>exec</c>; the runtime ignores no other signal.
/// </remarks>
internal static partial class ProcessImage
{
    private const int SigPipe = 13;
    private static readonly IntPtr DefaultAction = 0;
    private static readonly IntPtr SignalError = -1;

    // sigset_t: 4 bytes on macOS, 128 on Linux (glibc and musl); the buffers fit both.
    private const int SignalSetBytes = 128;

    /// <summary>Whether this system has <c>execve</c> (Linux and macOS).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>
    /// Runs <paramref name="path"/> in place of this process with <paramref name="arguments"/>
    /// (the first is the program's own name) and exactly the variables of
    /// <paramref name="environment"/>. Returns only when <c>execve</c> failed, with its errno;
    /// the signal set-up is then as it was before.
    /// </summary>
    public static int Replace(string path, IReadOnlyList<string> arguments, IReadOnlyCollection<KeyValuePair<string, string>> environment)
    {
        var argv = new IntPtr[arguments.Count + 1];
        var envp = new IntPtr[environment.Count + 1];
        try
        {
            for (var i = 0; i < arguments.Count; i++)
            {
                argv[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }
            var next = 0;
            foreach (var (name, value) in environment)
            {
                envp[next++] = Marshal.StringToCoTaskMemUTF8(name + "=" + value);
            }

            var emptySet = new byte[SignalSetBytes];
            var oldMask = new byte[SignalSetBytes];
            var oldPipeAction = SetAction(SigPipe, DefaultAction);
            var maskChanged = SetThreadSignalMask(SetMaskHow, emptySet, oldMask) == 0;
            Execve(path, argv, envp);
            var error = Marshal.GetLastPInvokeError();

            // Still here: the runtime carries on, with the signal set-up it expects.
            if (maskChanged)
            {
                SetThreadSignalMask(SetMaskHow, oldMask, null);
            }
            if (oldPipeAction != SignalError)
            {
                SetAction(SigPipe, oldPipeAction);
            }
            return error;
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
            foreach (var pointer in envp)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    // SIG_SETMASK differs: 2 on Linux, 3 on macOS (and the BSDs).
    private static int SetMaskHow => OperatingSystem.IsLinux() ? 2 : 3;

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execve(string path, IntPtr[] argv, IntPtr[] envp);

    /// <summary>
    /// sigprocmask: on Linux and macOS it sets the mask of the calling thread, the one that calls
    /// execve (and, unlike pthread_sigmask, it is in libc on every glibc version).
    /// </summary>
    [LibraryImport("libc", EntryPoint = "sigprocmask")]
    private static partial int SetThreadSignalMask(int how, byte[] set, byte[]? oldSet);

    /// <summary>signal(3): sets the action of a signal to SIG_DFL (0) or SIG_IGN (1) and returns the previous one.</summary>
    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr SetAction(int signal, IntPtr action);
}
