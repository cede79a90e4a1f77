using System.Security.Cryptography;
using System.Text;

namespace Coffer.Server.Crypto;

/// <summary>
/// AES-256-GCM with a random nonce. A sealed box is <c>version(1) ‖ nonce(12) ‖ ciphertext ‖ tag(16)</c>;
/// the additional data binds it to where it belongs (an environment, a session), so a box copied
/// elsewhere does not open.
/// </summary>
internal static class AesGcmBox
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>The size of the box that sealing <paramref name="plaintextLength"/> bytes makes.</summary>
    public static int SealedSize(int plaintextLength) => 1 + NonceSize + plaintextLength + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var box = new byte[SealedSize(plaintext.Length)];
        Seal(key, plaintext, associatedData, box);
        return box;
    }

    /// <summary>Seals into <paramref name="box"/>, exactly <see cref="SealedSize"/> bytes, for callers that frame the box with more data.</summary>
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string associatedData, Span<byte> box)
    {
        if (box.Length != SealedSize(plaintext.Length))
        {
            throw new ArgumentException("the box must be exactly the sealed size of the plaintext", nameof(box));
        }
        box[0] = Version;
        var nonce = box.Slice(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, box.Slice(1 + NonceSize, plaintext.Length), box[^TagSize..], Encoding.UTF8.GetBytes(associatedData));
    }

    /// <summary>Opens a box; throws <see cref="CryptographicException"/> when it was altered or belongs elsewhere.</summary>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> box, string associatedData)
    {
        if (box.Length < 1 + NonceSize + TagSize || box[0] != Version)
        {
            throw new CryptographicException("the ciphertext is not in a format this server understands");
        }
        var plaintext = new byte[box.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(box.Slice(1, NonceSize), box.Slice(1 + NonceSize, plaintext.Length), box[^TagSize..], plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }
}
