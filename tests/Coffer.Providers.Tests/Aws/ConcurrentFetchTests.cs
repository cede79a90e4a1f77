using Coffer.Language.Hosting;
using Coffer.Providers.Aws;

namespace Coffer.Providers.Tests.Aws;

public sealed class ConcurrentFetchTests
{
    [Fact]
    public async Task The_earliest_failing_item_is_reported_even_when_a_later_one_fails_first()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => ConcurrentFetch.RunAsync(
            [0, 1, 2],
            3,
            async (item, ct) =>
            {
                await Task.Delay(item == 1 ? 200 : 0, ct);
                return item == 0 ? item : throw new ProviderException($"item {item} failed");
            },
            CancellationToken.None));

        Assert.Equal("item 1 failed", error.Message);
    }

    [Fact]
    public async Task Items_after_a_failure_that_have_not_started_are_skipped()
    {
        var started = new List<int>();

        await Assert.ThrowsAsync<ProviderException>(() => ConcurrentFetch.RunAsync(
            [0, 1, 2, 3],
            1,
            (item, ct) =>
            {
                lock (started)
                {
                    started.Add(item);
                }
                return item == 1 ? throw new ProviderException("no") : Task.FromResult(item);
            },
            CancellationToken.None));

        Assert.Equal([0, 1], started);
    }

    [Fact]
    public async Task Results_keep_the_order_of_the_items()
    {
        var results = await ConcurrentFetch.RunAsync([3, 1, 2], 2, async (item, ct) =>
        {
            await Task.Delay(item * 20, ct);
            return item * 10;
        }, CancellationToken.None);

        Assert.Equal([30, 10, 20], results);
    }
}
