using System.Globalization;
using Coffer.Server.Storage;

namespace Coffer.Server.Crypto;

/// <summary>
/// Keeps the root key file and the database in step, including after an interrupted rotation:
/// a rotation writes <c>root.key.new</c>, re-wraps the data keys in one transaction, then renames the
/// file. At start-up a left-over <c>root.key.new</c> is adopted if the database already uses it and
/// discarded otherwise.
/// </summary>
public static class RootKeyFile
{
    public const string PendingSuffix = ".new";

    public static RootKey Load(string dataDirectory, ILogger logger)
    {
        var key = RootKey.Load(dataDirectory, out var created);
        if (created)
        {
            logger.LogInformation("Created a new root key in {RootKeyFile}; back it up: without it stored secrets cannot be decrypted.", Path.GetFullPath(Path.Combine(dataDirectory, RootKey.FileName)));
        }
        return key;
    }

    /// <summary>
    /// The root key in place, for rotating it. Never a new one: with no key there is nothing to
    /// rotate, and a mistyped data directory must not get a root key (or a database) of its own.
    /// </summary>
    public static RootKey RequireExisting(string dataDirectory) =>
        RootKey.LoadExisting(dataDirectory) ?? throw new InvalidOperationException(
            $"there is no root key to rotate: {Path.GetFullPath(Path.Combine(dataDirectory, RootKey.FileName))} does not exist and {RootKey.EnvironmentVariable} is not set; check --data-dir");

    /// <summary>Finishes or discards an interrupted rotation (see the type's summary).</summary>
    public static async Task RecoverAsync(string dataDirectory, IKeyStore store, CancellationToken cancellationToken)
    {
        var pending = Path.Combine(dataDirectory, RootKey.FileName + PendingSuffix);
        if (!File.Exists(pending))
        {
            return;
        }
        var next = RootKey.FromBase64(await File.ReadAllTextAsync(pending, cancellationToken));
        var keys = await store.ListDataKeysAsync(cancellationToken);
        if (keys.Count > 0 && keys.All(k => k.KeyVersion == next.Id))
        {
            File.Move(pending, Path.Combine(dataDirectory, RootKey.FileName), overwrite: true);
        }
        else
        {
            File.Delete(pending);
        }
    }

    /// <summary>
    /// Says at start-up, rather than at the first request that needs a data key, when data keys are
    /// wrapped by another root key than the server's: a replica started without the shared key, or
    /// one still holding the key a rotation replaced.
    /// </summary>
    public static async Task ReportOtherKeysAsync(IKeyStore store, RootKey key, ILogger logger, CancellationToken cancellationToken)
    {
        var others = (await store.ListDataKeysAsync(cancellationToken)).Where(k => k.KeyVersion != key.Id).ToList();
        if (others.Count > 0)
        {
            logger.LogError(
                "{Count} environments are protected by root key {OtherKeys}, but this server runs with root key {RootKey}: their secrets cannot be decrypted until it is started with that key ({Variable} or {File}).",
                others.Count,
                string.Join(", ", others.Select(k => k.KeyVersion.ToString("x8", CultureInfo.InvariantCulture)).Distinct()),
                key.Id.ToString("x8", CultureInfo.InvariantCulture),
                RootKey.EnvironmentVariable,
                RootKey.FileName);
        }
    }

    /// <summary>
    /// Re-wraps every environment's data key with a new root key, without touching any secret.
    /// Returns the new key; when the key file is managed here it is replaced, otherwise (the key comes
    /// from <c>COFFER_ROOT_KEY</c>) the new key is written to <paramref name="newKeyFile"/> for the operator.
    /// </summary>
    public static async Task<(RootKey Key, int Rewrapped)> RotateAsync(string dataDirectory, IKeyStore store, string? newKeyFile, CancellationToken cancellationToken)
    {
        var current = RequireExisting(dataDirectory);
        var next = newKeyFile is not null && File.Exists(newKeyFile) ? RootKey.FromBase64(await File.ReadAllTextAsync(newKeyFile, cancellationToken)) : RootKey.Generate();
        if (next.Id == current.Id)
        {
            throw new InvalidOperationException("the new root key is the same as the current one");
        }
        var managedFile = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RootKey.EnvironmentVariable));
        var pending = managedFile ? Path.Combine(dataDirectory, RootKey.FileName + PendingSuffix) : newKeyFile
            ?? throw new InvalidOperationException($"the root key comes from {RootKey.EnvironmentVariable}: pass --new-key-file to say where the new key goes");
        next.WriteTo(pending);

        var keys = await store.ListDataKeysAsync(cancellationToken);
        var rewrapped = new List<(string, byte[], int)>(keys.Count);
        foreach (var (environmentId, wrapped, keyId) in keys)
        {
            if (keyId != current.Id)
            {
                throw new InvalidOperationException($"environment {environmentId} is protected by root key {keyId:x8}, not by the current root key {current.Id:x8}; nothing was changed");
            }
            rewrapped.Add((environmentId, next.Wrap(current.Unwrap(wrapped, environmentId), environmentId), next.Id));
        }
        await store.ReplaceDataKeysAsync(rewrapped, cancellationToken);
        if (managedFile)
        {
            File.Move(pending, Path.Combine(dataDirectory, RootKey.FileName), overwrite: true);
        }
        return (next, rewrapped.Count);
    }
}
