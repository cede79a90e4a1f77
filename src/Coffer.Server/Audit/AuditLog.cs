using Coffer.Server.Storage;

namespace Coffer.Server.Audit;

/// <summary>
/// Writes audit events that are not part of a change, such as reads of secrets, denied requests and
/// failed sign-ins. A single writer appends whatever has queued in one transaction (group commit),
/// so a busy server pays one database transaction per batch, not per request; each caller's task
/// completes only after its batch committed, and fails with <see cref="AuditUnavailableException"/>
/// when it did not. Await it before anything the event describes reaches the client.
/// </summary>
/// <remarks>
/// To record an event in the same transaction as a change, add it to <see cref="AuditScope.Current"/>
/// (<see cref="AuditScope.Add"/>) before the store call that writes the change.
/// </remarks>
public sealed class AuditLog : IAsyncDisposable
{
    /// <summary>Most events appended in one transaction (a little more when a request's events would straddle it).</summary>
    public const int MaxBatch = 256;

    private readonly IAuditStore _store;
    private readonly ILogger<AuditLog> _logger;
    private readonly GroupCommit<IReadOnlyList<AuditEvent>> _writer;

    public AuditLog(ICofferStore store, ILogger<AuditLog> logger)
    {
        _store = store;
        _logger = logger;
        _writer = new GroupCommit<IReadOnlyList<AuditEvent>>(AppendAsync, events => events.Count, MaxBatch);
    }

    /// <summary>Appends an event; completes when it is committed.</summary>
    public Task RecordAsync(AuditEvent e, CancellationToken cancellationToken = default) => RecordAsync([e], cancellationToken);

    /// <summary>
    /// Appends several events, next to each other in their chain (a request's own event and what it
    /// caused, such as the tokens minted while it opened an environment); completes when all are committed.
    /// </summary>
    public Task RecordAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }
        try
        {
            // Cancelling stops the wait, never the write: the events may still be committed.
            return _writer.WriteAsync(events, cancellationToken);
        }
        catch (ObjectDisposedException ex)
        {
            throw new AuditUnavailableException(ex);
        }
    }

    /// <summary>
    /// Writes what <paramref name="scope"/> still holds (the request's own event included, as a
    /// success) now, for endpoints that stream a response and so cannot wait for the audit filter,
    /// which runs after them.
    /// </summary>
    public async Task FlushAsync(AuditScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.TakePending() is not { } pending)
        {
            return;
        }
        try
        {
            await RecordAsync(pending, cancellationToken);
        }
        catch
        {
            scope.Abandoned(pending);
            throw;
        }
        scope.Committed();
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task AppendAsync(IReadOnlyList<IReadOnlyList<AuditEvent>> batch)
    {
        IReadOnlyList<AuditEvent> events = batch.Count == 1 ? batch[0] : [.. batch.SelectMany(e => e)];
        try
        {
            await _store.AppendAuditEventsAsync(events, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogError("could not append {Count} audit events: {ExceptionType}", events.Count, (ex.InnerException ?? ex).GetType().Name);
            throw ex as AuditUnavailableException ?? new AuditUnavailableException(ex);
        }
    }
}
