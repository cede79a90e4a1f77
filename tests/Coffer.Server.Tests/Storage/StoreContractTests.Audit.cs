using Coffer.Server.Audit;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static AuditEvent AuditEventOf(string organizationId, string action, int n = 0) =>
        new(T0.AddMilliseconds(n), organizationId, "alice", "token-1", "127.0.0.1", "tests", action, "app", "prod", n, AuditOutcomes.Success, "{}");

    [DatabaseFact]
    public async Task Appended_audit_events_form_a_chain_that_verifies()
    {
        var organization = NewId();
        var records = await Store.AppendAuditEventsAsync([AuditEventOf(organization, "a"), AuditEventOf(organization, "b")], None);
        records = [.. records, .. await Store.AppendAuditEventsAsync([AuditEventOf(organization, "c")], None)];

        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Sequence));
        Assert.Equal(AuditHash.Genesis, records[0].PreviousHash);
        Assert.Equal(records[0].Hash, records[1].PreviousHash);
        Assert.Equal(records[1].Hash, records[2].PreviousHash);
        Assert.Equal(new AuditChainHead(3, records[2].Hash), await Store.GetAuditChainHeadAsync(organization, None));
        Assert.True((await AuditChainVerifier.VerifyAsync(Store, organization, None)).Valid);
    }

    [DatabaseFact]
    public async Task Each_organization_has_a_chain_of_its_own()
    {
        var (first, second) = (NewId(), NewId());
        var records = await Store.AppendAuditEventsAsync([AuditEventOf(first, "a"), AuditEventOf(second, "b"), AuditEventOf(first, "c")], None);

        Assert.Equal([1L, 1L, 2L], records.OrderBy(r => r.Event.Action).Select(r => r.Sequence));
        Assert.Equal(2, (await Store.GetAuditChainHeadAsync(first, None))!.Sequence);
        Assert.Equal(1, (await Store.GetAuditChainHeadAsync(second, None))!.Sequence);
        Assert.Null(await Store.GetAuditChainHeadAsync(NewId(), None));
    }

    [DatabaseFact]
    public async Task Concurrent_audit_appends_from_two_replicas_keep_one_valid_chain()
    {
        var organization = NewId();
        var replicas = new[] { Store, Track(OpenStore()) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appends = replicas.SelectMany((replica, r) => Enumerable.Range(0, WritersPerReplica).Select(i => Task.Run(async () =>
        {
            await start.Task;
            // Some appends write to a second organization too, so transactions lock heads of both.
            IReadOnlyList<AuditEvent> events = i % 5 == 0
                ? [AuditEventOf(organization, $"{r}-{i}"), AuditEventOf("other-" + organization, $"{r}-{i}")]
                : [AuditEventOf(organization, $"{r}-{i}")];
            return await replica.AppendAuditEventsAsync(events, None);
        }))).ToList();

        start.SetResult();
        await Task.WhenAll(appends);

        var verification = await AuditChainVerifier.VerifyAsync(Store, organization, None);
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(replicas.Length * WritersPerReplica, verification.Records);
        Assert.True((await AuditChainVerifier.VerifyAsync(Store, "other-" + organization, None)).Valid);
    }

    [DatabaseFact]
    public async Task Audit_queries_page_newest_first_and_reject_foreign_continuation_tokens()
    {
        var organization = NewId();
        await Store.AppendAuditEventsAsync([.. Enumerable.Range(1, 5).Select(n => AuditEventOf(organization, n % 2 == 0 ? "even" : "odd", n))], None);

        var first = await Store.QueryAuditEventsAsync(organization, new AuditQuery(Action: "odd"), false, null, 2, None);
        var second = await Store.QueryAuditEventsAsync(organization, new AuditQuery(Action: "odd"), false, first.Next, 2, None);

        Assert.Equal([5L, 3L], first.Items.Select(r => r.Sequence));
        Assert.Equal([1L], second.Items.Select(r => r.Sequence));
        Assert.Null(second.Next);
        Assert.Equal([2L, 3L], (await Store.QueryAuditEventsAsync(organization, new AuditQuery(From: T0.AddMilliseconds(2), To: T0.AddMilliseconds(4)), true, null, 10, None)).Items.Select(r => r.Sequence));
        await Assert.ThrowsAsync<FormatException>(() => Store.QueryAuditEventsAsync(organization, new AuditQuery(), false, ContinuationToken.Encode("x", "y"), 2, None));
        await Assert.ThrowsAsync<FormatException>(() => Store.QueryAuditEventsAsync(organization, new AuditQuery(), false, "%%%", 2, None));
    }
}
