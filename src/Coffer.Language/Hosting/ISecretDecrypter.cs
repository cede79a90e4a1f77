namespace Coffer.Language.Hosting;

/// <summary>
/// Decrypts the payload of a ciphertext (<c>fn::secret: {ciphertext: …}</c>) for the environment it
/// belongs to. The envelope around the payload is handled by the language (see <see cref="Secrets.CiphertextEnvelope"/>).
/// </summary>
public interface ISecretDecrypter
{
    /// <summary>Returns the plaintext bytes; throws with a message that becomes <c>decrypting: &lt;message&gt;</c>.</summary>
    ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

/// <summary>Encrypts plaintext secrets into ciphertext payloads for an environment.</summary>
public interface ISecretEncrypter
{
    /// <summary>Returns the ciphertext payload for <paramref name="plaintext"/>.</summary>
    ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken);
}
