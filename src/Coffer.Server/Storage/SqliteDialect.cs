using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Storage;

/// <summary>
/// SQLite in WAL mode: readers never block the writer. Writes begin with <c>BEGIN IMMEDIATE</c>, so a
/// transaction holds the write lock from its first statement and can never deadlock upgrading a
/// read lock; writers of this process also queue on an async lock per database file, so they wait
/// their turn without spinning in SQLite's busy handler. <c>busy_timeout</c> covers other processes.
/// The log is checkpointed by a <see cref="SqliteCheckpointer"/> rather than by the commits of writers.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    public const int BusyTimeoutMilliseconds = 5000;

    // Each pooled connection has its own page cache (2 MiB by default), and a busy server pools
    // dozens of connections. The data read on hot paths is small; the operating system caches the file.
    private const int CacheKibibytes = 512;

    // Keyed by full path, so two stores on one file in one process share the lock.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriterLocks = new(StringComparer.Ordinal);

    // Native connections that already have the per-connection settings; entries go with their handle.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> ConfiguredHandles = new();
    private static readonly object Configured = new();

    private static readonly string ConnectionSettings =
        $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{CacheKibibytes}; PRAGMA wal_autocheckpoint = 0;";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writerLock;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly SqlitePreparedReads _preparedReads;

    public SqliteDialect(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
        }.ToString();
        _writerLock = WriterLocks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        _checkpointer = new SqliteCheckpointer(path, _writerLock);
        _preparedReads = new SqlitePreparedReads(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString(), ConnectionSettings);
    }

    public override string Name => "sqlite";

    // BEGIN IMMEDIATE already holds the database's only write lock.
    public override string ForUpdate => "";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per-connection settings. A pooled connection reuses its native handle, which keeps
            // them, so they are set once per handle rather than on every open (that was a second
            // statement per query).
            var handle = connection.Handle!;
            if (!ConfiguredHandles.TryGetValue(handle, out _))
            {
                await connection.ExecuteAsync(new CommandDefinition(ConnectionSettings, cancellationToken: cancellationToken));
                ConfiguredHandles.AddOrUpdate(handle, Configured);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override Task<T?> QueryHotRowAsync<T>(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken) where T : default
    {
        // Synchronous: Microsoft.Data.Sqlite's asynchronous methods run synchronously all the same.
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(_preparedReads.QueryRow<T>(sql, parameters));
        }
        catch (Exception ex)
        {
            return Task.FromException<T?>(ex);
        }
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // The journal mode is a property of the database file and cannot change inside a transaction.
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
    }

    public override Task LockSchemaAsync(WriteTransaction write, CancellationToken cancellationToken) => Task.CompletedTask;

    public override string InList(string column, string parameter) => $"{column} IN {parameter}";

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public override bool IsForeignKeyViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 787 };

    // SQLITE_BUSY after the busy timeout means another process held the lock too long; retrying
    // would only make the caller wait longer than the timeout promised.
    public override bool IsTransient(Exception exception) => false;

    public override async ValueTask DisposeAsync()
    {
        await _checkpointer.DisposeAsync();
        _preparedReads.Dispose();
        // Close pooled connections so the database files can be moved or deleted (closing the last
        // one checkpoints the log and removes it).
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    protected override Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override async Task<IDisposable?> AcquireWriterLockAsync(CancellationToken cancellationToken)
    {
        await _writerLock.WaitAsync(cancellationToken);
        return new Release(_writerLock, _checkpointer);
    }

    private sealed class Release(SemaphoreSlim semaphore, SqliteCheckpointer checkpointer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
                checkpointer.Committed();
            }
        }
    }
}
