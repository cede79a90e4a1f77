using System.Data.Common;
using Dapper;
using Npgsql;

namespace Coffer.Server.Storage;

/// <summary>
/// PostgreSQL, shared by any number of server replicas. Transactions run at READ COMMITTED; a
/// write that depends on a row it read locks that row (<c>FOR UPDATE</c>) and still checks its
/// expectation in the <c>UPDATE</c>, so a replica that lost a race finds out instead of
/// overwriting. Migrations take a transaction-scoped advisory lock.
/// </summary>
/// <param name="connectionString">An Npgsql connection string.</param>
/// <param name="lockRowsForUpdate">
/// Whether writers queue on row locks. Correctness does not depend on it (the conditional update
/// does that); without it, racing writers retry instead of waiting. Tests turn it off to show that.
/// </param>
internal sealed class PostgresDialect(string connectionString, bool lockRowsForUpdate = true) : SqlDialect
{
    // Any constant shared by every replica; spells "Coffer" in ASCII.
    private const long SchemaLockKey = 0x436F66666572;

    // Held in shared mode by every running server and exclusively by a root-key rotation.
    private const long ServingLockKey = SchemaLockKey + 1;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    // A session-level advisory lock lives as long as its session: a connection of its own, outside
    // the pool, so that closing it (or the process ending) is what releases the lock.
    private NpgsqlConnection? _servingLock;

    public override string Name => "postgres";

    public override string ForUpdate => lockRowsForUpdate ? " FOR UPDATE" : "";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override Task LockSchemaAsync(WriteTransaction write, CancellationToken cancellationToken) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key)", new { key = SchemaLockKey }, write.Transaction, cancellationToken: cancellationToken));

    // Dapper passes arrays to Npgsql as array parameters rather than expanding them.
    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override bool HasRoundTrips => true;

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsForeignKeyViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    public override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    public override async Task HoldServingLockAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenUnpooledAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock_shared(@key)", new { key = ServingLockKey }, cancellationToken: cancellationToken));
        _servingLock = connection;
    }

    public override async Task<bool> TryLockOutServersAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenUnpooledAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key = ServingLockKey }, cancellationToken: cancellationToken)))
        {
            await connection.DisposeAsync();
            return false;
        }
        _servingLock = connection;
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_servingLock is not null)
        {
            await _servingLock.DisposeAsync();
        }
        await _dataSource.DisposeAsync();
    }

    private async Task<NpgsqlConnection> OpenUnpooledAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
