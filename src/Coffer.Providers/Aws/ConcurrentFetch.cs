using Coffer.Language.Hosting;

namespace Coffer.Providers.Aws;

/// <summary>
/// Runs a provider's independent requests a few at a time. The first failure cancels the rest,
/// and the failure reported is the one of the earliest item, so the message does not depend on timing.
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
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = items.Select(async item =>
        {
            await slots.WaitAsync(failed.Token).ConfigureAwait(false);
            try
            {
                return await fetch(item, failed.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await failed.CancelAsync().ConfigureAwait(false);
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
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            var firstFailure = tasks.FirstOrDefault(t => t.IsFaulted && t.Exception!.InnerException is not OperationCanceledException);
            if (firstFailure?.Exception!.InnerException is ProviderException providerException)
            {
                throw providerException;
            }
            throw;
        }
    }
}
