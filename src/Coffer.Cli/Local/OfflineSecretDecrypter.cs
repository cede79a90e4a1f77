using Coffer.Language.Hosting;

namespace Coffer.Cli.Local;

/// <summary>
/// Stands in for the server's key service: ciphertexts are bound to the server that encrypted
/// them, so offline every decryption fails with an explanation instead of a generic error.
/// </summary>
internal sealed class OfflineSecretDecrypter : ISecretDecrypter
{
    public const string Explanation =
        "ciphertexts can only be decrypted by the Coffer server that encrypted them; use a plaintext fn::secret in local files or open the environment on the server";

    public static OfflineSecretDecrypter Instance { get; } = new();

    public ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        ValueTask.FromException<byte[]>(new InvalidOperationException(Explanation));
}
