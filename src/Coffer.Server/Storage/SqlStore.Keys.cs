namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    public async Task<IReadOnlyList<(string EnvironmentId, byte[] WrappedDataKey, int KeyVersion)>> ListDataKeysAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<DataKeyRow>(
            "SELECT id AS Id, wrapped_data_key AS WrappedDataKey, key_version AS KeyVersion FROM environments ORDER BY id", null, cancellationToken);
        return [.. rows.Select(r => (r.Id, r.WrappedDataKey, r.KeyVersion))];
    }

    // An environment deleted since the keys were listed simply has nothing to update.
    public Task ReplaceDataKeysAsync(IReadOnlyList<(string EnvironmentId, byte[] WrappedDataKey, int KeyVersion)> keys, CancellationToken cancellationToken) =>
        WriteAsync(
            write => keys.Count == 0
                ? Task.CompletedTask
                : ExecuteAsync(write, "UPDATE environments SET wrapped_data_key = @WrappedDataKey, key_version = @KeyVersion WHERE id = @EnvironmentId",
                    keys.Select(k => new { k.EnvironmentId, k.WrappedDataKey, k.KeyVersion }), cancellationToken),
            null, null, cancellationToken);

    public Task HoldServingLockAsync(CancellationToken cancellationToken) => _dialect.HoldServingLockAsync(cancellationToken);

    public Task<bool> TryLockOutServersAsync(CancellationToken cancellationToken) => _dialect.TryLockOutServersAsync(cancellationToken);
}
