using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Replicas;

public sealed partial class ReplicaTests
{
    [DatabaseFact]
    public async Task Concurrent_blind_updates_through_both_replicas_each_get_their_own_revision()
    {
        using var clients = replicas.Clients();
        var (first, second) = clients;
        var path = await NewEnvironmentAsync(first);

        var outcomes = await UpdateConcurrentlyAsync([first, second], 15, path, etag: null);

        Assert.All(outcomes, o => Assert.True(o.Status == HttpStatusCode.OK, $"{o.Writer}: {(int)o.Status} {o.Body}"));
        var revisions = outcomes.Select(o => o.Revision!.Value).ToList();
        Assert.Equal(revisions.Count, revisions.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 1 + outcomes.Count), await first.RevisionNumbersAsync(path));
        foreach (var outcome in outcomes)
        {
            Assert.Contains(outcome.Writer, await second.ReadRevisionAsync(path, outcome.Revision!.Value), StringComparison.Ordinal);
        }
    }

    [DatabaseFact]
    public async Task Concurrent_updates_with_the_same_etag_through_both_replicas_let_exactly_one_win()
    {
        using var clients = replicas.Clients();
        var (first, second) = clients;
        var path = await NewEnvironmentAsync(first);
        var (_, etag) = await second.ReadDefinitionAsync(path);

        var outcomes = await UpdateConcurrentlyAsync([first, second], 10, path, etag);

        var winner = Assert.Single(outcomes, o => o.Status == HttpStatusCode.OK);
        Assert.All(outcomes.Where(o => o != winner), o => Assert.True(o.Status == HttpStatusCode.Conflict, $"{o.Writer}: {(int)o.Status} {o.Body}"));
        Assert.Equal(2, winner.Revision);
        Assert.Equal([1, 2], await second.RevisionNumbersAsync(path));
        Assert.Contains(winner.Writer, await first.ReadRevisionAsync(path, 2), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<UpdateOutcome>> UpdateConcurrentlyAsync(HttpClient[] clients, int perReplica, string path, string? etag)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var updates = clients.SelectMany((client, r) => Enumerable.Range(0, perReplica).Select(i => Task.Run(async () =>
        {
            var writer = $"writer-{r}-{i}";
            await start.Task;
            using var response = await client.PatchAsync(path, $"values:\n  writer: {writer}\n", etag);
            var revision = response.IsSuccessStatusCode ? EnvironmentRequests.Revision(response) : (int?)null;
            return new UpdateOutcome(writer, response.StatusCode, revision, await response.Content.ReadAsStringAsync());
        }))).ToList();
        start.SetResult();
        return await Task.WhenAll(updates);
    }

    private sealed record UpdateOutcome(string Writer, HttpStatusCode Status, int? Revision, string Body);
}
