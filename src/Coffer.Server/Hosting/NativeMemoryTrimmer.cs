using System.Runtime.InteropServices;

namespace Coffer.Server.Hosting;

/// <summary>
/// Returns the C allocator's free memory to the operating system every few seconds, on Linux with
/// glibc.
/// </summary>
/// <remarks>
/// Native code the server calls (SQLite, OpenSSL, the runtime itself) allocates and frees from many
/// threads, and glibc keeps what each thread's arena freed for that arena's next use: after a minute
/// of opens at 1,400/s that was about 16 MB of resident memory nothing used (docs/benchmarks.md).
/// <c>malloc_trim</c> releases the free pages of every arena; the few needed again are faulted back
/// in, once per interval.
/// </remarks>
internal sealed class NativeMemoryTrimmer(ILogger<NativeMemoryTrimmer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!TryTrim())
            {
                logger.LogDebug("malloc_trim is not available (a C library other than glibc)");
                return;
            }
        }
    }

    /// <summary>Trims the C allocator's free memory; false where there is no <c>malloc_trim</c> (musl, macOS, Windows).</summary>
    internal static bool TryTrim()
    {
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, and the project has no unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
