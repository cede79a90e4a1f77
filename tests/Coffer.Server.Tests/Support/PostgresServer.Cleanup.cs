using System.Diagnostics;
using System.Globalization;

namespace Coffer.Server.Tests.Support;

// Making sure no cluster outlives its test run: a watchdog per run, and a sweep of what killed runs left.
internal sealed partial class PostgresServer
{
    /// <summary>
    /// Starts a small detached shell that waits for this process to end, however it ends (even
    /// killed), then stops the server and deletes its directory. The test host may be gone before a
    /// 100 MB directory is deleted, so deletion is left to the watchdog.
    /// </summary>
    private void StartWatchdog()
    {
        var stop = IsRoot
            ? "runuser -u postgres -- \"$3\" -D \"$2/data\" -m immediate -w stop"
            : "\"$3\" -D \"$2/data\" -m immediate -w stop";
        var script = $$"""
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 1; done
            if [ -f "$2/data/postmaster.pid" ]; then {{stop}}; fi
            rm -rf "$2"
            """;
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh") { UseShellExecute = false };
        if (start.FileName != "/bin/sh")
        {
            start.ArgumentList.Add("/bin/sh");
        }
        foreach (var argument in (string[])["-c", script, "coffer-pg-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _root, Path.Combine(_binaries, "pg_ctl")])
        {
            start.ArgumentList.Add(argument);
        }
        using var watchdog = Process.Start(start);
    }

    private static void RemoveStaleClusters(string binaries, string tempRoot)
    {
        foreach (var dir in System.IO.Directory.GetDirectories(tempRoot, DirectoryPrefix + "*"))
        {
            if (OwnerIsAlive(dir))
            {
                continue;
            }
            StopCluster(binaries, Path.Combine(dir, "data"));
            TryDelete(dir);
        }
    }

    private static bool OwnerIsAlive(string dir)
    {
        var ownerFile = Path.Combine(dir, OwnerFile);
        if (!File.Exists(ownerFile))
        {
            // Just created by a run that has not written its owner yet, or left half-made long ago.
            return System.IO.Directory.GetCreationTimeUtc(dir) > DateTime.UtcNow.AddMinutes(-10);
        }
        var parts = File.ReadAllText(ownerFile).Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var startTicks))
        {
            return false;
        }
        try
        {
            using var owner = Process.GetProcessById(pid);
            // A recycled pid belongs to a process that started at another time.
            return Math.Abs(owner.StartTime.ToUniversalTime().Ticks - startTicks) < TimeSpan.TicksPerSecond;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void StopCluster(string binaries, string dataDirectory)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            return;
        }
        try
        {
            RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], asPostgres: true)
                .GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped, or not stoppable; deleting the directory is all that is left to do.
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
