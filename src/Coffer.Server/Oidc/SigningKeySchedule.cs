using Coffer.Server.Storage;

namespace Coffer.Server.Oidc;

/// <summary>
/// Which stored key signs, which are published and which can go, at a given time. The newest
/// generation that has activated signs; later ones are published ahead of signing; older ones stay
/// published until <see cref="SigningKeyPolicy.RetiredKeyGrace"/> after the first later key
/// activated, then nothing needs them. Every replica computes the same answer from the same rows.
/// </summary>
internal static class SigningKeySchedule
{
    /// <summary>The key that signs at <paramref name="now"/>, or null when none has activated.</summary>
    public static SigningKeyRecord? Signing(IReadOnlyList<SigningKeyRecord> keys, DateTimeOffset now) =>
        keys.Where(k => k.Activates <= now).MaxBy(k => k.Generation);

    /// <summary>The keys relying parties may need at <paramref name="now"/>: signing, pending, and recently replaced.</summary>
    public static IReadOnlyList<SigningKeyRecord> Published(IReadOnlyList<SigningKeyRecord> keys, DateTimeOffset now) =>
        [.. keys.Where(k => Retired(keys, k, now) is not { } retired || retired + SigningKeyPolicy.RetiredKeyGrace > now).OrderBy(k => k.Generation)];

    /// <summary>Keys no relying party can need any more: their private keys should not be kept.</summary>
    public static IReadOnlyList<SigningKeyRecord> Expired(IReadOnlyList<SigningKeyRecord> keys, DateTimeOffset now)
    {
        var published = Published(keys, now).Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
        return [.. keys.Where(k => !published.Contains(k.Id))];
    }

    /// <summary>
    /// When the next scheduled key should activate, if it is time to create it now (within
    /// <see cref="SigningKeyPolicy.Prepublication"/> of the signing key's end); null when a later key
    /// already exists or it is not yet time.
    /// </summary>
    public static DateTimeOffset? NextActivation(IReadOnlyList<SigningKeyRecord> keys, DateTimeOffset now, SigningKeyPolicy policy)
    {
        var signing = Signing(keys, now);
        if (signing is null || keys.Any(k => k.Generation > signing.Generation))
        {
            return null;
        }
        var due = signing.Activates + policy.RotationInterval;
        if (now < due - policy.Prepublication)
        {
            return null;
        }
        // A server that was down past the due time still publishes the key before using it.
        var earliest = now + SigningKeyPolicy.ActivationDelay;
        return due > earliest ? due : earliest;
    }

    // When a later key first activated: the moment this one stopped signing (or never started).
    private static DateTimeOffset? Retired(IReadOnlyList<SigningKeyRecord> keys, SigningKeyRecord key, DateTimeOffset now) =>
        keys.Where(k => k.Generation > key.Generation && k.Activates <= now).Select(k => (DateTimeOffset?)k.Activates).Min();
}
