namespace Coffer.Server.Sessions;

/// <summary>Deletes expired open sessions on a <see cref="SessionPurgeSchedule"/>, once at start-up and then every interval.</summary>
public sealed class SessionPurgeWorker(OpenSessionService sessions, SessionPurgeSchedule schedule, TimeProvider clock, ILogger<SessionPurgeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(schedule.Interval, clock);
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
