using Coffer.Server.Audit;

namespace Coffer.Server.Storage;

/// <summary>
/// The audit log: hash-chained events per organization. Appends lock the chain's head, so any
/// number of writers (threads or replicas) extend one linear chain. Besides
/// <see cref="AppendAuditEventsAsync"/>, every write transaction the store commits appends the
/// pending events of the current <see cref="AuditScope"/> before committing.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends events (of any organizations) in one transaction; <see cref="AuditUnavailableException"/> when that fails.</summary>
    Task<IReadOnlyList<AuditRecord>> AppendAuditEventsAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// A page of an organization's events matching <paramref name="query"/>, newest first (or oldest
    /// first when <paramref name="oldestFirst"/>); <see cref="FormatException"/> for a continuation
    /// token that is not one of this query's.
    /// </summary>
    Task<Page<AuditRecord>> QueryAuditEventsAsync(string organizationId, AuditQuery query, bool oldestFirst, string? continuation, int count, CancellationToken cancellationToken);

    /// <summary>Stored records in sequence order after <paramref name="afterSequence"/>, for verifying the chain.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAuditChainAsync(string organizationId, long afterSequence, int count, CancellationToken cancellationToken);

    /// <summary>The newest link of the chain, or null when the organization has no events.</summary>
    Task<AuditChainHead?> GetAuditChainHeadAsync(string organizationId, CancellationToken cancellationToken);
}
