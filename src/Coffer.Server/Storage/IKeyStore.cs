namespace Coffer.Server.Storage;

/// <summary>The environments' wrapped data keys, for re-wrapping them under a new root key.</summary>
public interface IKeyStore
{
    /// <summary>Every environment's id, wrapped data key and the version of the key that wraps it.</summary>
    Task<IReadOnlyList<(string EnvironmentId, byte[] WrappedDataKey, int KeyVersion)>> ListDataKeysAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the wrapped data keys in one transaction (all or nothing); environments deleted meanwhile are skipped.</summary>
    Task ReplaceDataKeysAsync(IReadOnlyList<(string EnvironmentId, byte[] WrappedDataKey, int KeyVersion)> keys, CancellationToken cancellationToken);
}
