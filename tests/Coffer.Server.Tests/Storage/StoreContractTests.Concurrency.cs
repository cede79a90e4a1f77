using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    private const int WritersPerReplica = 50;

    [DatabaseFact]
    public async Task Concurrent_blind_writes_from_two_replicas_each_get_their_own_revision()
    {
        var environment = await NewEnvironmentAsync();
        var replicas = new[] { Store, Track(OpenStore()) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = replicas.SelectMany((replica, r) => Enumerable.Range(0, WritersPerReplica).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var definition = $"values:\n  writer: {r}-{i}\n";
            return (Number: await replica.AddRevisionAsync(environment.Id, null, definition, Bob, T0, [], None), Definition: definition);
        }))).ToList();

        start.SetResult();
        var written = await Task.WhenAll(writes);

        var total = 1 + (replicas.Length * WritersPerReplica);
        Assert.Equal(Enumerable.Range(2, total - 1), written.Select(w => w.Number).Order());
        var stored = await Store.ListRevisionsAsync(environment.Id, null, 1000, None);
        Assert.Equal(Enumerable.Range(1, total).Reverse(), stored.Select(r => r.Number));
        var byNumber = stored.ToDictionary(r => r.Number, r => r.Definition);
        Assert.All(written, w => Assert.Equal(w.Definition, byNumber[w.Number]));
        Assert.Equal(total, (await Store.GetEnvironmentAsync(environment.Id, None))!.LatestRevision);
    }

    [DatabaseFact]
    public async Task Concurrent_writes_expecting_a_revision_either_succeed_with_distinct_numbers_or_conflict()
    {
        var environment = await NewEnvironmentAsync();
        var replicas = new[] { Store, Track(OpenStore()) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = replicas.SelectMany((replica, r) => Enumerable.Range(0, WritersPerReplica).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var definition = $"values:\n  writer: {r}-{i}\n";
            var expected = (await replica.GetEnvironmentAsync(environment.Id, None))!.LatestRevision;
            try
            {
                return (Expected: expected, Number: (int?)await replica.AddRevisionAsync(environment.Id, expected, definition, Bob, T0, [], None), Definition: definition);
            }
            catch (ConflictException)
            {
                return (Expected: expected, Number: (int?)null, Definition: definition);
            }
        }))).ToList();

        start.SetResult();
        var outcomes = await Task.WhenAll(writes);

        var succeeded = outcomes.Where(o => o.Number is not null).ToList();
        Assert.NotEmpty(succeeded);
        Assert.All(succeeded, s => Assert.Equal(s.Expected + 1, s.Number));
        Assert.Equal(succeeded.Count, succeeded.Select(s => s.Number).Distinct().Count());
        var stored = await Store.ListRevisionsAsync(environment.Id, null, 1000, None);
        Assert.Equal(Enumerable.Range(1, 1 + succeeded.Count).Reverse(), stored.Select(r => r.Number));
        var byNumber = stored.ToDictionary(r => r.Number, r => r.Definition);
        Assert.All(succeeded, s => Assert.Equal(s.Definition, byNumber[s.Number!.Value]));
        // Every writer that lost left no trace.
        var losers = outcomes.Where(o => o.Number is null).Select(o => o.Definition).ToHashSet();
        Assert.DoesNotContain(stored, r => losers.Contains(r.Definition));
    }
}
