using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Server.Crypto;
using Coffer.Server.Storage;

namespace Coffer.Server.Oidc;

/// <summary>
/// The issuer's RS256 signing keys, kept in the database so every replica publishes the same JWKS
/// and any replica's token verifies. Private keys are stored only sealed by the root key. Each
/// replica caches what it read for <see cref="SigningKeyPolicy.CacheLifetime"/>; keys start signing
/// only after every replica's cache has caught up (see <see cref="SigningKeySchedule"/>).
/// </summary>
public sealed class SigningKeys(ICofferStore store, RootKey rootKey, TimeProvider clock, SigningKeyPolicy policy, ILogger<SigningKeys> logger)
{
    public const string Algorithm = "RS256";
    private const int KeySize = 2048;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<string, RSA> _privateKeys = new(StringComparer.Ordinal);
    private Snapshot? _snapshot;

    /// <summary>The keys to publish in the JWKS now (creating the first key on first use).</summary>
    public async Task<IReadOnlyList<SigningKeyRecord>> PublishedAsync(CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(cancellationToken);
        if (SigningKeySchedule.Signing(keys, clock.GetUtcNow()) is null)
        {
            keys = await CreateFirstAsync(keys, cancellationToken);
        }
        return SigningKeySchedule.Published(keys, clock.GetUtcNow());
    }

    /// <summary>The key to sign with now: its id and private key.</summary>
    public async Task<(string KeyId, RSA Key)> SignerAsync(CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(cancellationToken);
        var signing = SigningKeySchedule.Signing(keys, clock.GetUtcNow());
        if (signing is null)
        {
            keys = await CreateFirstAsync(keys, cancellationToken);
            signing = SigningKeySchedule.Signing(keys, clock.GetUtcNow())!;
        }
        if (PrivateKey(signing) is { } key)
        {
            return (signing.Id, key);
        }
        // The key was sealed by another root key (the root key was rotated): it cannot sign any
        // more, so a new one takes over at once. Its public key stays published for tokens it signed.
        logger.LogWarning("OIDC signing key {KeyId} was sealed by another root key and cannot be used; creating a new signing key", signing.Id);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Another replica may take the generation first (with its own replacement, or a scheduled key).
            await TryAddAsync(keys.Max(k => k.Generation) + 1, clock.GetUtcNow(), cancellationToken);
            keys = await KeysAsync(cancellationToken, reload: true);
            signing = SigningKeySchedule.Signing(keys, clock.GetUtcNow())!;
            if (PrivateKey(signing) is { } replacement)
            {
                return (signing.Id, replacement);
            }
        }
        throw new InvalidOperationException($"OIDC signing key {signing.Id} cannot be unsealed with this server's root key");
    }

    /// <summary>
    /// Adds a key that starts signing after <see cref="SigningKeyPolicy.ActivationDelay"/> (so every
    /// replica publishes it first); the current key signs until then and stays published after.
    /// </summary>
    public async Task<SigningKeyRecord> RotateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var keys = await KeysAsync(cancellationToken, reload: true);
            var generation = keys.Count == 0 ? 1 : keys.Max(k => k.Generation) + 1;
            if (await TryAddAsync(generation, clock.GetUtcNow() + SigningKeyPolicy.ActivationDelay, cancellationToken) is { } added)
            {
                return added;
            }
        }
    }

    /// <summary>Creates the first or the next scheduled key when due, and deletes keys nobody needs.</summary>
    public async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(cancellationToken, reload: true);
        var now = clock.GetUtcNow();
        if (SigningKeySchedule.Signing(keys, now) is null)
        {
            keys = await CreateFirstAsync(keys, cancellationToken);
        }
        else if (SigningKeySchedule.NextActivation(keys, now, policy) is { } activates)
        {
            if (await TryAddAsync(keys.Max(k => k.Generation) + 1, activates, cancellationToken) is { } added)
            {
                logger.LogInformation("Created OIDC signing key {KeyId}; it is published now and signs from {Activates:u}", added.Id, added.Activates);
            }
            keys = await KeysAsync(cancellationToken, reload: true);
        }
        var expired = SigningKeySchedule.Expired(keys, clock.GetUtcNow());
        if (expired.Count > 0 && await store.DeleteSigningKeysAsync([.. expired.Select(k => k.Id)], cancellationToken) > 0)
        {
            foreach (var key in expired)
            {
                _privateKeys.TryRemove(key.Id, out _);
            }
            logger.LogInformation("Deleted {Count} OIDC signing keys that no token can need any more", expired.Count);
            _snapshot = null;
        }
    }

    private async Task<IReadOnlyList<SigningKeyRecord>> KeysAsync(CancellationToken cancellationToken, bool reload = false)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (!reload && snapshot is not null && clock.GetUtcNow() - snapshot.Loaded < SigningKeyPolicy.CacheLifetime)
        {
            return snapshot.Keys;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var loaded = new Snapshot(await store.ListSigningKeysAsync(cancellationToken), clock.GetUtcNow());
            Volatile.Write(ref _snapshot, loaded);
            return loaded.Keys;
        }
        finally
        {
            _loading.Release();
        }
    }

    // Replicas starting together race for generation 1; the losers read the winner's key.
    private async Task<IReadOnlyList<SigningKeyRecord>> CreateFirstAsync(IReadOnlyList<SigningKeyRecord> keys, CancellationToken cancellationToken)
    {
        if (await TryAddAsync(keys.Count == 0 ? 1 : keys.Max(k => k.Generation) + 1, clock.GetUtcNow(), cancellationToken) is { } added)
        {
            logger.LogInformation("Created OIDC signing key {KeyId}", added.Id);
        }
        return await KeysAsync(cancellationToken, reload: true);
    }

    /// <summary>Adds a new key of <paramref name="generation"/>; null when another replica took that generation first.</summary>
    private async Task<SigningKeyRecord?> TryAddAsync(int generation, DateTimeOffset activates, CancellationToken cancellationToken)
    {
        using var rsa = RSA.Create(KeySize);
        var publicKey = rsa.ExportSubjectPublicKeyInfo();
        var id = Jwk.Thumbprint(rsa.ExportParameters(includePrivateParameters: false));
        var privateKey = rsa.ExportPkcs8PrivateKey();
        SigningKeyRecord record;
        try
        {
            record = new SigningKeyRecord(id, generation, Algorithm, publicKey, rootKey.Wrap(privateKey, AssociatedData(id)), rootKey.Id, clock.GetUtcNow(), activates);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
        try
        {
            await store.AddSigningKeyAsync(record, cancellationToken);
        }
        catch (ConflictException)
        {
            return null;
        }
        finally
        {
            _snapshot = null;
        }
        return record;
    }

    private RSA? PrivateKey(SigningKeyRecord record)
    {
        if (_privateKeys.TryGetValue(record.Id, out var cached))
        {
            return cached;
        }
        if (record.KeyVersion != rootKey.Id)
        {
            return null;
        }
        byte[] privateKey;
        try
        {
            privateKey = rootKey.Unwrap(record.WrappedPrivateKey, AssociatedData(record.Id));
        }
        catch (CryptographicException)
        {
            return null;
        }
        try
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(privateKey, out _);
            return _privateKeys.GetOrAdd(record.Id, rsa);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    // Binds a sealed private key to its key id, apart from data keys and sessions sealed by the same root key.
    private static string AssociatedData(string keyId) => "oidc-signing-key:" + keyId;

    private sealed record Snapshot(IReadOnlyList<SigningKeyRecord> Keys, DateTimeOffset Loaded);
}
