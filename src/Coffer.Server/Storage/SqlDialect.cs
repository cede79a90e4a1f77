using System.Data.Common;
using Dapper;

namespace Coffer.Server.Storage;

/// <summary>
/// What differs between the databases <see cref="SqlStore"/> runs on: how connections are made, which
/// migrations apply, how a write transaction takes its locks, and how errors are recognised.
/// Everything else is shared SQL with <c>@name</c> parameters.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The folder of this dialect's migrations under <c>Storage/Migrations</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Appended to a <c>SELECT</c> of the row a write transaction is about to change, so concurrent
    /// writers of that row queue behind each other instead of failing.
    /// </summary>
    public abstract string ForUpdate { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The first row of a query that runs on nearly every request (or the default when there is
    /// none), mapped by column names. A dialect may keep such queries compiled; parameters are
    /// named without <c>@</c> and always come in the same order for the same SQL.
    /// </summary>
    public virtual async Task<T?> QueryHotRowAsync<T>(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        var values = new DynamicParameters();
        foreach (var (name, value) in parameters)
        {
            values.Add(name, value);
        }
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<T>(new CommandDefinition(sql, values, cancellationToken: cancellationToken));
    }

    /// <summary>Opens a connection and begins a transaction that will write.</summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var writerLock = await AcquireWriterLockAsync(cancellationToken);
        try
        {
            var connection = await OpenAsync(cancellationToken);
            try
            {
                var transaction = await BeginAsync(connection, cancellationToken);
                return new WriteTransaction(connection, transaction, writerLock);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        catch
        {
            writerLock?.Dispose();
            throw;
        }
    }

    /// <summary>Run before migrations, outside any transaction (database-wide settings).</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes concurrent migrations of one database (several replicas starting) take turns.</summary>
    public abstract Task LockSchemaAsync(WriteTransaction write, CancellationToken cancellationToken);

    /// <summary>See <see cref="IKeyStore.HoldServingLockAsync"/>; databases in a data directory need nothing here.</summary>
    public virtual Task HoldServingLockAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>See <see cref="IKeyStore.TryLockOutServersAsync"/>.</summary>
    public virtual Task<bool> TryLockOutServersAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>A condition that <paramref name="column"/> is one of the values of the array parameter.</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>Whether each query is a round trip to a database server, so reading many rows in one query pays.</summary>
    public virtual bool HasRoundTrips => false;

    public abstract bool IsUniqueViolation(Exception exception);

    public abstract bool IsForeignKeyViolation(Exception exception);

    /// <summary>A failure that says nothing about the data, after which the transaction can be retried.</summary>
    public abstract bool IsTransient(Exception exception);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected abstract Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>An in-process lock held for the whole write transaction, or null when the database queues writers itself.</summary>
    protected virtual Task<IDisposable?> AcquireWriterLockAsync(CancellationToken cancellationToken) => Task.FromResult<IDisposable?>(null);
}
