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

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgres";

    public override string ForUpdate => lockRowsForUpdate ? " FOR UPDATE" : "";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override Task LockSchemaAsync(WriteTransaction write, CancellationToken cancellationToken) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key)", new { key = SchemaLockKey }, write.Transaction, cancellationToken: cancellationToken));

    // Dapper passes arrays to Npgsql as array parameters rather than expanding them.
    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsForeignKeyViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    public override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
