using System.Data.Common;

namespace Coffer.Server.Storage;

/// <summary>
/// A connection with an open write transaction and whatever lock the dialect took for it. Disposing
/// without <see cref="CommitAsync"/> rolls back.
/// </summary>
internal sealed class WriteTransaction(DbConnection connection, DbTransaction transaction, IDisposable? writerLock) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            writerLock?.Dispose();
        }
    }
}
