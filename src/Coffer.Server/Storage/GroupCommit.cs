using System.Threading.Channels;

namespace Coffer.Server.Storage;

/// <summary>
/// Writes what concurrent callers queue in batches, one store call (one transaction) per batch: group
/// commit. A single writer takes whatever has queued while the previous batch was being written, so
/// a busy server pays one transaction for many requests and an idle one writes each at once. Each
/// caller's task completes only after its batch was written, and fails with the batch's exception
/// when it was not.
/// </summary>
/// <typeparam name="T">What one caller queues.</typeparam>
internal sealed class GroupCommit<T> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<T>, Task> _write;
    private readonly Func<T, int> _size;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <param name="write">Writes one batch, all or nothing.</param>
    /// <param name="size">How much of a batch an item takes up.</param>
    /// <param name="maxBatch">The size at which a batch is closed (an item that would straddle it still joins).</param>
    public GroupCommit(Func<IReadOnlyList<T>, Task> write, Func<T, int> size, int maxBatch)
    {
        _write = write;
        _size = size;
        _maxBatch = maxBatch;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues <paramref name="item"/>; completes when its batch is written. Cancelling stops the wait, never the write.</summary>
    public Task WriteAsync(T item, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(item);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<T>));
        }
        return cancellationToken.CanBeCanceled ? pending.Task.WaitAsync(cancellationToken) : pending.Task;
    }

    /// <summary>Stops taking items and waits until everything queued is written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        var items = new List<T>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batchSize = 0;
            while (batchSize < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                items.Add(pending.Item);
                batchSize += _size(pending.Item);
            }
            try
            {
                await _write(items);
                foreach (var pending in batch)
                {
                    pending.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.TrySetException(ex);
                }
            }
            batch.Clear();
            items.Clear();
        }
    }

    private sealed class Pending(T item) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public T Item { get; } = item;
    }
}
