namespace Coffer.Server.Storage;

/// <summary>
/// A signing key of the OIDC issuer. <see cref="PublicKey"/> is the DER SubjectPublicKeyInfo;
/// <see cref="WrappedPrivateKey"/> is the PKCS#8 private key sealed by the root key of
/// <see cref="KeyVersion"/>. The key signs from <see cref="Activates"/> until a key of a later
/// <see cref="Generation"/> activates.
/// </summary>
public sealed record SigningKeyRecord(
    string Id,
    int Generation,
    string Algorithm,
    byte[] PublicKey,
    byte[] WrappedPrivateKey,
    int KeyVersion,
    DateTimeOffset Created,
    DateTimeOffset Activates);

/// <summary>The OIDC issuer's signing keys, shared by the replicas.</summary>
public interface ISigningKeyStore
{
    /// <summary>Every stored signing key, oldest generation first.</summary>
    Task<IReadOnlyList<SigningKeyRecord>> ListSigningKeysAsync(CancellationToken cancellationToken);

    /// <summary>Adds a key; <see cref="ConflictException"/> when its generation (or id) is already taken.</summary>
    Task AddSigningKeyAsync(SigningKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Deletes the keys with these ids (those already gone are skipped); returns how many went.</summary>
    Task<int> DeleteSigningKeysAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);
}
