using System.Threading.Channels;
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
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AuditLog(ICofferStore store, ILogger<AuditLog> logger)
    {
        _store = store;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
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
        var pending = new Pending(events);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new AuditUnavailableException(new ObjectDisposedException(nameof(AuditLog)));
        }
        // Cancelling stops the wait, never the write: the events may still be committed.
        return cancellationToken.CanBeCanceled ? pending.Task.WaitAsync(cancellationToken) : pending.Task;
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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var events = new List<AuditEvent>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (events.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.AddRange(pending.Events);
            }
            try
            {
                await _store.AppendAuditEventsAsync(events, CancellationToken.None);
                foreach (var pending in batch)
                {
                    pending.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                _logger.LogError("could not append {Count} audit events: {ExceptionType}", events.Count, (ex.InnerException ?? ex).GetType().Name);
                var failure = ex as AuditUnavailableException ?? new AuditUnavailableException(ex);
                foreach (var pending in batch)
                {
                    pending.TrySetException(failure);
                }
            }
            batch.Clear();
            events.Clear();
        }
    }

    private sealed class Pending(IReadOnlyList<AuditEvent> events) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public IReadOnlyList<AuditEvent> Events { get; } = events;
    }
}
