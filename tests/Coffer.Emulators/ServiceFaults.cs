using System.Collections.Concurrent;

namespace Coffer.Emulators;

/// <summary>
/// Failures a test asks an emulated service to show for one resource: throttle its next requests,
/// answer slowly, or fail with a 5xx. Keyed by resource so tests sharing a service do not interfere.
/// </summary>
public sealed class ServiceFaults
{
    private readonly ConcurrentDictionary<string, int> _throttles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _serverErrors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    public void Throttle(string resource, int times) => _throttles[resource] = times;

    public void FailWithServerError(string resource, int times) => _serverErrors[resource] = times;

    public void Delay(string resource, TimeSpan delay) => _delays[resource] = delay;

    /// <summary>How many requests for <paramref name="resource"/> arrived (signed correctly).</summary>
    public int Requests(string resource) => _requests.GetValueOrDefault(resource);

    /// <summary>Counts the request and returns the fault to show, if any; waits first when asked to be slow.</summary>
    public async Task<string?> ApplyAsync(string resource, CancellationToken aborted)
    {
        _requests.AddOrUpdate(resource, 1, (_, n) => n + 1);
        if (_delays.TryGetValue(resource, out var delay))
        {
            await Task.Delay(delay, aborted);
        }
        if (TakeOne(_throttles, resource))
        {
            return "ThrottlingException";
        }
        return TakeOne(_serverErrors, resource) ? "InternalServiceError" : null;
    }

    private static bool TakeOne(ConcurrentDictionary<string, int> counts, string resource)
    {
        while (counts.TryGetValue(resource, out var left) && left > 0)
        {
            if (counts.TryUpdate(resource, left - 1, left))
            {
                return true;
            }
        }
        return false;
    }
}
