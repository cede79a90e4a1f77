namespace Coffer.Server.Sessions;

/// <summary>Deletes expired open sessions every minute (reads already refuse them once expired).</summary>
public sealed class SessionPurgeWorker(OpenSessionService sessions, ILogger<SessionPurgeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var purged = await sessions.PurgeAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("purged {Count} expired open sessions", purged);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "purging expired open sessions failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
