using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Coffer.Emulators;

/// <summary>
/// The AWS account's credentials, shared by the emulated services as IAM is by the real ones:
/// long-term user keys the tests add, and temporary ones the STS emulator issues.
/// </summary>
public sealed class AwsCredentialStore
{
    private readonly ConcurrentDictionary<string, StoredCredentials> _byAccessKeyId = new(StringComparer.Ordinal);

    public sealed record StoredCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration);

    public StoredCredentials? Find(string accessKeyId) => _byAccessKeyId.GetValueOrDefault(accessKeyId);

    /// <summary>A long-term access key pair (<c>AKIA…</c>).</summary>
    public StoredCredentials AddUserKey()
    {
        var credentials = new StoredCredentials("AKIA" + RandomUpper(16), RandomText(40), null, null);
        _byAccessKeyId[credentials.AccessKeyId] = credentials;
        return credentials;
    }

    /// <summary>Temporary credentials (<c>ASIA…</c> with a session token), as STS issues them.</summary>
    public StoredCredentials IssueSession(TimeSpan lifetime)
    {
        var credentials = new StoredCredentials("ASIA" + RandomUpper(16), RandomText(40), "IQoJb3JpZ2luX2Vj" + RandomText(300), DateTimeOffset.UtcNow + lifetime);
        _byAccessKeyId[credentials.AccessKeyId] = credentials;
        return credentials;
    }

    private static string RandomUpper(int length) => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);

    private static string RandomText(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", length);
}
