using System.Runtime.ExceptionServices;

namespace Coffer.Providers.Aws;

/// <summary>
/// Runs a provider's independent requests a few at a time. After a failure, items later in the
/// list that have not started are skipped; earlier ones still run, so the failure reported is
/// always the one of the earliest failing item and the message does not depend on timing.
/// </summary>
internal static class ConcurrentFetch
{
    public static async Task<TResult[]> RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        int maxConcurrency,
        Func<TItem, CancellationToken, Task<TResult>> fetch,
        CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(maxConcurrency, 1));
        var firstFailed = int.MaxValue;
        var tasks = items.Select(async (item, index) =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (index > Volatile.Read(ref firstFailed))
                {
                    return default!;
                }
                return await fetch(item, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                int seen;
                while (index < (seen = Volatile.Read(ref firstFailed)) && Interlocked.CompareExchange(ref firstFailed, index, seen) != seen)
                {
                }
                throw;
            }
            finally
            {
                slots.Release();
            }
        }).ToArray();

        try
        {
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && firstFailed < tasks.Length)
        {
            ExceptionDispatchInfo.Throw(tasks[firstFailed].Exception!.InnerException!);
            throw;
        }
    }
}
