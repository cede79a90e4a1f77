using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Storage;

/// <summary>
/// Checkpoints a SQLite database's write-ahead log in the background, so writers never wait for it.
/// </summary>
/// <remarks>
/// SQLite's automatic checkpoint runs inside the commit that fills the log past 1,000 pages: it
/// copies those pages into the database file and syncs it while that writer still holds the write
/// lock. Under a steady stream of opens that is ten checkpoints a second, and on a busy disk a sync
/// of a few megabytes took over 300 ms, during which every other write queued — the slowest
/// percent of requests. Here the automatic checkpoint is off (<see cref="SqliteDialect"/> sets
/// <c>wal_autocheckpoint = 0</c>) and this loop, woken by commits, does the work in two steps: a
/// <c>PASSIVE</c> checkpoint without any lock copies and syncs what is in the log while writers go
/// on appending; then, once the log is long, a <c>RESTART</c> checkpoint under the write lock
/// copies the few pages written meanwhile and lets the next writer start the log from its
/// beginning, so it does not grow without bound. That one waits only briefly for readers: if one
/// is still in the log the restart is left to a later round.
/// </remarks>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    // Commits within this time share one checkpoint (and one sync of the database file).
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    // The log is restarted once it holds this many pages (SQLite's own default checkpoint size).
    private const int RestartPages = 1000;

    // How long the restart, holding the write lock, waits for readers still in the log.
    private const int RestartBusyMilliseconds = 20;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writerLock;
    private readonly Channel<bool> _committed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public SqliteCheckpointer(string path, SemaphoreSlim writerLock)
    {
        // A connection of its own, outside the pool: its busy timeout is not the one writers need.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        _writerLock = writerLock;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Says that a write transaction has ended; a checkpoint follows within <see cref="Interval"/>.</summary>
    public void Committed() => _committed.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        SqliteConnection? connection = null;
        try
        {
            while (await _committed.Reader.WaitToReadAsync(stopping))
            {
                await Task.Delay(Interval, stopping);
                _committed.Reader.TryRead(out _);
                try
                {
                    connection ??= await OpenAsync(stopping);
                    var logPages = await CheckpointAsync(connection, "PASSIVE", stopping);
                    if (logPages >= RestartPages)
                    {
                        await _writerLock.WaitAsync(stopping);
                        try
                        {
                            await CheckpointAsync(connection, "RESTART", stopping);
                        }
                        finally
                        {
                            _writerLock.Release();
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A checkpoint that fails (the file is busy or gone) is retried after the next
                    // commit; until then the log only grows, and readers still find every page in it.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var settings = connection.CreateCommand();
        settings.CommandText = $"PRAGMA busy_timeout = {RestartBusyMilliseconds}; PRAGMA wal_autocheckpoint = 0;";
        await settings.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs a checkpoint; returns the number of pages in the log when it ran.</summary>
    private static async Task<long> CheckpointAsync(SqliteConnection connection, string mode, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // One row: whether it was blocked, the pages in the log, the pages now in the database file.
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(1) : 0;
    }
}
