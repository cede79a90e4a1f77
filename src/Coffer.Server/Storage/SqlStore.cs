using System.Data.Common;
using Dapper;

namespace Coffer.Server.Storage;

/// <summary>
/// The store over SQL through Dapper: one implementation for every database, with a
/// <see cref="SqlDialect"/> for what differs. Split by concern into partial files. Parameter values
/// (which may be ciphertext) never appear in logs or exception messages.
/// </summary>
internal sealed partial class SqlStore(SqlDialect dialect) : ICofferStore
{
    private readonly SqlDialect _dialect = dialect;

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)) == 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    private static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static long? Millis(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private static DateTimeOffset? Time(long? millis) => millis is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))];
    }

    private async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it. A uniqueness or foreign-key
    /// violation becomes a <see cref="ConflictException"/> with the given message (when there is one:
    /// otherwise the violation is a bug and surfaces as it is); nothing is written.
    /// </summary>
    /// <remarks>
    /// The current request's pending audit events commit with the change, unless
    /// <paramref name="withAudit"/> is false: for writes that are not the change a request is about.
    /// </remarks>
    private async Task<T> WriteAsync<T>(Func<WriteTransaction, Task<T>> work, string? uniqueViolation, string? missingReference, CancellationToken cancellationToken, bool withAudit = true)
    {
        try
        {
            await using var write = await _dialect.BeginWriteAsync(cancellationToken);
            var result = await work(write);
            if (withAudit)
            {
                await CommitAsync(write, cancellationToken);
            }
            else
            {
                await write.CommitAsync(cancellationToken);
            }
            return result;
        }
        catch (DbException ex) when (uniqueViolation is not null && _dialect.IsUniqueViolation(ex))
        {
            throw new ConflictException(uniqueViolation);
        }
        catch (DbException ex) when (missingReference is not null && _dialect.IsForeignKeyViolation(ex))
        {
            throw new ConflictException(missingReference);
        }
    }

    private Task WriteAsync(Func<WriteTransaction, Task> work, string? uniqueViolation, string? missingReference, CancellationToken cancellationToken, bool withAudit = true) =>
        WriteAsync(async write =>
        {
            await work(write);
            return true;
        }, uniqueViolation, missingReference, cancellationToken, withAudit);

    private static Task<int> ExecuteAsync(WriteTransaction write, string sql, object? parameters, CancellationToken cancellationToken) =>
        write.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, write.Transaction, cancellationToken: cancellationToken));

    private static Task<T?> QuerySingleOrDefaultAsync<T>(WriteTransaction write, string sql, object? parameters, CancellationToken cancellationToken) =>
        write.Connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, write.Transaction, cancellationToken: cancellationToken));
}
