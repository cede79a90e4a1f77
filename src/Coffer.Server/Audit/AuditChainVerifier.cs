using Coffer.Server.Storage;

namespace Coffer.Server.Audit;

/// <summary>The result of checking an organization's audit chain.</summary>
/// <param name="Records">How many records were checked.</param>
/// <param name="Head">The newest link when the check started (compare it with one noted earlier to detect a rewritten chain).</param>
/// <param name="BrokenSequence">The first record that does not verify, or null when the chain is intact.</param>
/// <param name="Reason">Why that record does not verify.</param>
public sealed record AuditVerification(long Records, AuditChainHead? Head, long? BrokenSequence, string? Reason)
{
    public bool Valid => BrokenSequence is null;
}

/// <summary>
/// Walks an organization's chain from its first record: each sequence number must follow the one
/// before, link to its hash, and hash to what it stores; the last must be the chain head. A record
/// changed, removed or moved in the database breaks one of those at or just after it.
/// </summary>
public static class AuditChainVerifier
{
    private const int PageSize = 1000;

    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, string organizationId, CancellationToken cancellationToken)
    {
        // The head first: records appended while the walk runs lie beyond it and are not judged.
        var head = await store.GetAuditChainHeadAsync(organizationId, cancellationToken);
        var end = head?.Sequence ?? 0;
        long expected = 1;
        long checkedCount = 0;
        var previousHash = AuditHash.Genesis;
        long after = 0;
        while (true)
        {
            var page = await store.ReadAuditChainAsync(organizationId, after, PageSize, cancellationToken);
            foreach (var record in page)
            {
                if (head is not null && record.Sequence > end)
                {
                    if (expected <= end)
                    {
                        return Broken(checkedCount, head, expected, $"record {expected} is missing");
                    }
                    return Done(checkedCount, head, previousHash);
                }
                if (head is null)
                {
                    return Broken(checkedCount, head, record.Sequence, "the chain has records but no head");
                }
                if (record.Sequence != expected)
                {
                    return Broken(checkedCount, head, expected, $"record {expected} is missing");
                }
                if (!string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    return Broken(checkedCount, head, record.Sequence, "it does not link to the record before it");
                }
                if (!string.Equals(AuditHash.Compute(record.Sequence, record.Event, record.PreviousHash), record.Hash, StringComparison.Ordinal))
                {
                    return Broken(checkedCount, head, record.Sequence, "its content does not match its hash");
                }
                previousHash = record.Hash;
                expected++;
                checkedCount++;
                after = record.Sequence;
            }
            if (page.Count < PageSize)
            {
                break;
            }
        }
        if (expected <= end)
        {
            return Broken(checkedCount, head, expected, $"record {expected} is missing");
        }
        return Done(checkedCount, head, previousHash);
    }

    private static AuditVerification Done(long count, AuditChainHead? head, string lastHash) =>
        head is not null && !string.Equals(head.Hash, lastHash, StringComparison.Ordinal)
            ? Broken(count, head, head.Sequence, "it does not match the chain head")
            : new AuditVerification(count, head, null, null);

    private static AuditVerification Broken(long count, AuditChainHead? head, long sequence, string reason) =>
        new(count, head, sequence, reason);
}
