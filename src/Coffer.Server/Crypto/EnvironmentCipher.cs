using System.Security.Cryptography;
using Coffer.Language.Hosting;

namespace Coffer.Server.Crypto;

/// <summary>
/// Encrypts and decrypts an environment's secrets and open sessions with its data key. Secret
/// payloads are bound to the environment, session payloads to their session, through the
/// additional data of AES-GCM.
/// </summary>
public sealed class EnvironmentCipher(string environmentId, byte[] dataKey) : ISecretEncrypter, ISecretDecrypter
{
    public string EnvironmentId { get; } = environmentId;

    public ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AesGcmBox.Seal(dataKey, plaintext.Span, SecretAssociatedData));

    public ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            return ValueTask.FromResult(AesGcmBox.Open(dataKey, payload.Span, SecretAssociatedData));
        }
        catch (CryptographicException)
        {
            // Never echo the payload; say what went wrong in words a user can act on.
            throw new CryptographicException("the ciphertext was not encrypted for this environment or has been altered");
        }
    }

    public byte[] SealSession(ReadOnlySpan<byte> payload, string sessionId) => AesGcmBox.Seal(dataKey, payload, SessionAssociatedData(sessionId));

    public byte[] OpenSession(ReadOnlySpan<byte> box, string sessionId) => AesGcmBox.Open(dataKey, box, SessionAssociatedData(sessionId));

    private string SecretAssociatedData => "coffer/secret/v1:" + EnvironmentId;

    private static string SessionAssociatedData(string sessionId) => "coffer/session/v1:" + sessionId;
}
