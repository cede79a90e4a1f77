using System.Diagnostics;
using System.Runtime.InteropServices;
using Coffer.Cli.Interop;

namespace Coffer.Cli.Processes;

/// <summary>
/// Takes over SIGINT, SIGQUIT, SIGTERM and SIGHUP while a child runs: instead of ending coffer (which would
/// leave the child running and its files behind), each signal is passed on to the child, and coffer
/// waits for it to end and cleans up.
/// </summary>
internal sealed class SignalForwarder : IDisposable
{
    private static readonly PosixSignal[] Forwarded = [PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];
    private readonly Lock _gate = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private Process? _child;

    private SignalForwarder()
    {
    }

    /// <summary>The first signal received before the child was started, if any.</summary>
    public PosixSignal? SignalBeforeStart { get; private set; }

    public static SignalForwarder Register()
    {
        var forwarder = new SignalForwarder();
        if (!OperatingSystem.IsWindows())
        {
            foreach (var signal in Forwarded)
            {
                forwarder._registrations.Add(PosixSignalRegistration.Create(signal, forwarder.Handle));
            }
        }
        return forwarder;
    }

    /// <summary>
    /// Starts the child unless a signal has already asked coffer to stop; returns false then. The
    /// start happens under the same lock as signal handling, so no signal falls between the two.
    /// </summary>
    public bool TryStart(Process process)
    {
        lock (_gate)
        {
            if (SignalBeforeStart is not null)
            {
                return false;
            }
            process.Start();
            _child = process;
            return true;
        }
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        lock (_gate)
        {
            if (_child is null)
            {
                SignalBeforeStart ??= context.Signal;
                return;
            }
            // Ctrl+C (or Ctrl+\) in a terminal already reached the child, which shares coffer's process
            // group; sending it again would make programs that count interrupts act as if pressed twice.
            if (context.Signal is PosixSignal.SIGINT or PosixSignal.SIGQUIT && ProcessSignals.InForegroundOfTerminal())
            {
                return;
            }
            if (!_child.HasExited)
            {
                ProcessSignals.Send(_child.Id, context.Signal);
            }
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
