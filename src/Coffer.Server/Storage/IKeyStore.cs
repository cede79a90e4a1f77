namespace Coffer.Server.Storage;

/// <summary>The environments' wrapped data keys, for re-wrapping them under a new root key.</summary>
public interface IKeyStore
{
    /// <summary>Every environment's id, wrapped data key and the version of the key that wraps it.</summary>
    Task<IReadOnlyList<(string EnvironmentId, byte[] WrappedDataKey, int KeyVersion)>> ListDataKeysAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Taken by a running server and held until the store is disposed, so that
    /// <see cref="TryLockOutServersAsync"/> sees it from any machine; waits while a rotation holds the
    /// database. Nothing to do where the data directory's lock file covers every server (SQLite).
    /// </summary>
    Task HoldServingLockAsync(CancellationToken cancellationToken);

    /// <summary>For a root-key rotation: true (and held until the store is disposed) when no server holds the serving lock.</summary>
    Task<bool> TryLockOutServersAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the wrapped data keys in one transaction (all or nothing); environments deleted meanwhile are skipped.</summary>
    Task ReplaceDataKeysAsync(IReadOnlyList<(string EnvironmentId, byte[] WrappedDataKey, int KeyVersion)> keys, CancellationToken cancellationToken);
}
