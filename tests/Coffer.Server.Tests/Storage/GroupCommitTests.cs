using Coffer.Server.Storage;

namespace Coffer.Server.Tests.Storage;

public sealed class GroupCommitTests
{
    // Records each batch it is given; a batch waits at the gate while one is set.
    private sealed class Recorder
    {
        public List<int[]> Batches { get; } = [];

        public TaskCompletionSource? Gate { get; set; }

        public TaskCompletionSource FirstWriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<int[], Exception?> Fail { get; set; } = _ => null;

        /// <summary>Writes <paramref name="item"/> and returns its task once its batch is being written (and held at the gate).</summary>
        public async Task<Task> FirstBatchHeldAsync(GroupCommit<int> commit, int item)
        {
            var first = commit.WriteAsync(item);
            await FirstWriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return first;
        }

        public async Task WriteAsync(IReadOnlyList<int> batch)
        {
            int[] items = [.. batch];
            lock (Batches)
            {
                Batches.Add(items);
            }
            FirstWriteStarted.TrySetResult();
            if (Gate is { } gate)
            {
                await gate.Task;
            }
            if (Fail(items) is { } failure)
            {
                throw failure;
            }
        }
    }

    [Fact]
    public async Task An_item_on_an_idle_writer_is_written_at_once_on_its_own()
    {
        var recorder = new Recorder();
        await using var commit = new GroupCommit<int>(recorder.WriteAsync, _ => 1, 64);

        await commit.WriteAsync(7).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([7], Assert.Single(recorder.Batches));
    }

    [Fact]
    public async Task What_queues_while_a_batch_is_written_goes_into_the_next_batch_together()
    {
        var recorder = new Recorder { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var commit = new GroupCommit<int>(recorder.WriteAsync, _ => 1, 64);
        var first = await recorder.FirstBatchHeldAsync(commit, 0);

        var queued = Enumerable.Range(1, 10).Select(i => commit.WriteAsync(i)).ToList();
        Assert.All(queued, task => Assert.False(task.IsCompleted));
        recorder.Gate.SetResult();
        await Task.WhenAll([first, .. queued]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, recorder.Batches.Count);
        Assert.Equal(Enumerable.Range(1, 10), recorder.Batches[1]);
    }

    [Fact]
    public async Task A_batch_closes_at_its_size_and_an_item_that_straddles_it_still_joins()
    {
        var recorder = new Recorder { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var commit = new GroupCommit<int>(recorder.WriteAsync, item => item, 5);
        var first = await recorder.FirstBatchHeldAsync(commit, 1);

        var queued = new[] { 2, 2, 2, 3, 1 }.Select(i => commit.WriteAsync(i)).ToList();
        recorder.Gate.SetResult();
        await Task.WhenAll([first, .. queued]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([[1], [2, 2, 2], [3, 1]], recorder.Batches);
    }

    [Fact]
    public async Task A_failed_batch_fails_each_of_its_callers_and_the_next_batch_is_still_written()
    {
        var recorder = new Recorder { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        recorder.Fail = batch => batch.Contains(-1) ? new InvalidOperationException("disk full") : null;
        await using var commit = new GroupCommit<int>(recorder.WriteAsync, _ => 1, 64);
        var first = await recorder.FirstBatchHeldAsync(commit, 0);
        var doomed = new[] { 1, -1, 2 }.Select(i => commit.WriteAsync(i)).ToList();
        recorder.Gate.SetResult();

        await first.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var task in doomed)
        {
            Assert.Equal("disk full", (await Assert.ThrowsAsync<InvalidOperationException>(() => task)).Message);
        }
        await commit.WriteAsync(3).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([3], recorder.Batches[^1]);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_but_not_the_write()
    {
        var recorder = new Recorder { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var commit = new GroupCommit<int>(recorder.WriteAsync, _ => 1, 64);
        var first = await recorder.FirstBatchHeldAsync(commit, 0);
        using var cancel = new CancellationTokenSource();
        var cancelled = commit.WriteAsync(1, cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        recorder.Gate.SetResult();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        await commit.DisposeAsync();

        Assert.Equal([1], recorder.Batches[^1]);
    }

    [Fact]
    public async Task Disposing_writes_what_is_queued_and_then_refuses_more()
    {
        var recorder = new Recorder { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        var commit = new GroupCommit<int>(recorder.WriteAsync, _ => 1, 64);
        var queued = Enumerable.Range(0, 5).Select(i => commit.WriteAsync(i)).ToList();

        var disposing = commit.DisposeAsync().AsTask();
        Assert.Throws<ObjectDisposedException>(() => { _ = commit.WriteAsync(99); });
        recorder.Gate.SetResult();
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));

        await Task.WhenAll(queued);
        Assert.Equal(Enumerable.Range(0, 5), recorder.Batches.SelectMany(b => b));
    }
}
