namespace Coffer.Server.Oidc;

/// <summary>
/// Keeps the signing keys on schedule on every replica: creates the first key at start, the next one
/// ahead of the rotation date, and deletes keys no token can need. Replicas racing to create a key
/// add only one (see <see cref="SigningKeys"/>).
/// </summary>
public sealed class SigningKeyMaintenanceWorker(SigningKeys keys, SigningKeyPolicy policy, OidcIssuer issuer, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<SigningKeyMaintenanceWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let Kestrel bind first, so a default issuer URL names the real port.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        if (issuer.IsConfigured)
        {
            logger.LogInformation("OIDC issuer: {Issuer}", issuer.Url);
        }
        else
        {
            logger.LogInformation("OIDC issuer: {Issuer} (from the listen address; set --issuer-url to the URL clouds reach this server at)", issuer.Url);
        }
        using var timer = new PeriodicTimer(policy.MaintenancePeriod, clock);
        do
        {
            try
            {
                await keys.MaintainAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "maintaining the OIDC signing keys failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
