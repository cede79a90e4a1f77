using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Server.Storage;

namespace Coffer.Server.Crypto;

/// <summary>
/// Gives out environment ciphers: creates data keys for new environments and unwraps stored ones
/// with the root key, caching unwrapped keys by their wrapped form (so a re-wrapped key is unwrapped
/// again, and nothing stale is used).
/// </summary>
public sealed class KeyRing(RootKey rootKey)
{
    private readonly ConcurrentDictionary<string, (byte[] Wrapped, byte[] DataKey)> _cache = new(StringComparer.Ordinal);

    public RootKey RootKey { get; } = rootKey;

    /// <summary>A new random data key for an environment, wrapped by the root key.</summary>
    public (byte[] Wrapped, int KeyId) NewDataKey(string environmentId)
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = RootKey.Wrap(dataKey, environmentId);
        _cache[environmentId] = (wrapped, dataKey);
        return (wrapped, RootKey.Id);
    }

    public EnvironmentCipher CipherFor(EnvironmentRecord environment)
    {
        if (_cache.TryGetValue(environment.Id, out var cached) && cached.Wrapped.AsSpan().SequenceEqual(environment.WrappedDataKey))
        {
            return new EnvironmentCipher(environment.Id, cached.DataKey);
        }
        if (environment.KeyVersion != RootKey.Id)
        {
            throw new RootKeyMismatchException(
                $"environment {environment.Project}/{environment.Name} is protected by root key {environment.KeyVersion:x8}, but this server runs with root key {RootKey.Id:x8}; start it with the root key the data was written with");
        }
        var dataKey = RootKey.Unwrap(environment.WrappedDataKey, environment.Id);
        _cache[environment.Id] = (environment.WrappedDataKey, dataKey);
        return new EnvironmentCipher(environment.Id, dataKey);
    }
}
