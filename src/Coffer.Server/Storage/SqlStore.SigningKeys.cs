namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    public async Task<IReadOnlyList<SigningKeyRecord>> ListSigningKeysAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<SigningKeyRow>("""
            SELECT id AS Id, generation AS Generation, algorithm AS Algorithm, public_key AS PublicKey,
                wrapped_private_key AS WrappedPrivateKey, key_version AS KeyVersion, created AS Created, activates AS Activates
            FROM oidc_signing_keys ORDER BY generation
            """, null, cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public Task AddSigningKeyAsync(SigningKeyRecord key, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, """
                INSERT INTO oidc_signing_keys (id, generation, algorithm, public_key, wrapped_private_key, key_version, created, activates)
                VALUES (@Id, @Generation, @Algorithm, @PublicKey, @WrappedPrivateKey, @KeyVersion, @created, @activates)
                """,
                new { key.Id, key.Generation, key.Algorithm, key.PublicKey, key.WrappedPrivateKey, key.KeyVersion, created = Millis(key.Created), activates = Millis(key.Activates) },
                cancellationToken),
            $"signing key generation {key.Generation} already exists",
            null,
            cancellationToken);

    public Task<int> DeleteSigningKeysAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult(0)
            : WriteAsync(
                write => ExecuteAsync(write, $"DELETE FROM oidc_signing_keys WHERE {_dialect.InList("id", "@ids")}", new { ids = ids.ToArray() }, cancellationToken),
                null, null, cancellationToken);

    private sealed class SigningKeyRow
    {
        public string Id { get; set; } = "";
        public int Generation { get; set; }
        public string Algorithm { get; set; } = "";
        public byte[] PublicKey { get; set; } = [];
        public byte[] WrappedPrivateKey { get; set; } = [];
        public int KeyVersion { get; set; }
        public long Created { get; set; }
        public long Activates { get; set; }

        public SigningKeyRecord ToRecord() => new(Id, Generation, Algorithm, PublicKey, WrappedPrivateKey, KeyVersion, Time(Created), Time(Activates));
    }
}
