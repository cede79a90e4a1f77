using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Coffer.Server.Crypto;

namespace Coffer.Server.Sessions;

/// <summary>
/// The stored form of an open session: <c>version(1) = 2 ‖ length(2) ‖ wrapped session key ‖ sealed
/// box</c>, the box holding the session's JSON compressed with Deflate and bound to the session id.
/// </summary>
/// <remarks>
/// Sessions are the bulk of what a busy server writes: one per open, about 9 KB of JSON for 50
/// values with their traces, which compresses to about a seventh. Compressed, a session fits in
/// the row's own database page instead of three more, and each open writes (and checkpoints)
/// correspondingly less. Compressing before encrypting lets the stored length depend on the
/// content; what that could reveal, and to whom, is in docs/security.md.
/// Version 1, written by earlier servers, has no version byte (its first byte is the high byte of a
/// key length under 256, so 0) and its box holds the JSON uncompressed; it is still read.
/// </remarks>
internal static class SessionPayload
{
    private const byte Version = 2;

    public static byte[] Seal(RootKey rootKey, string id, ReadOnlySpan<byte> json)
    {
        var sessionKey = RandomNumberGenerator.GetBytes(32);
        var wrappedKey = rootKey.Wrap(sessionKey, WrapContext(id));
        var compressed = new MemoryStream(json.Length / 4 + 64);
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(json);
        }
        var plaintext = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        var header = 3 + wrappedKey.Length;
        var payload = new byte[header + AesGcmBox.SealedSize(plaintext.Length)];
        payload[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(1), (ushort)wrappedKey.Length);
        wrappedKey.CopyTo(payload, 3);
        AesGcmBox.Seal(sessionKey, plaintext, BoxContext(Version, id), payload.AsSpan(header));
        return payload;
    }

    /// <summary>The session's JSON; throws <see cref="CryptographicException"/> when the payload does not open (altered, another session's, or sealed under an earlier root key).</summary>
    public static byte[] Open(RootKey rootKey, string id, byte[] payload)
    {
        if (payload.Length < 3)
        {
            throw new CryptographicException("the session payload is truncated");
        }
        var version = payload[0] == Version ? Version : (byte)1;
        var start = version == Version ? 1 : 0;
        var keyLength = BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(start));
        if (payload.Length < start + 2 + keyLength)
        {
            throw new CryptographicException("the session payload is truncated");
        }
        var sessionKey = rootKey.Unwrap(payload.AsSpan(start + 2, keyLength), WrapContext(id));
        var plaintext = AesGcmBox.Open(sessionKey, payload.AsSpan(start + 2 + keyLength), BoxContext(version, id));
        if (version == 1)
        {
            return plaintext;
        }
        using var inflate = new DeflateStream(new MemoryStream(plaintext), CompressionMode.Decompress);
        var json = new MemoryStream(plaintext.Length * 8);
        inflate.CopyTo(json);
        return json.ToArray();
    }

    private static string WrapContext(string id) => "session:" + id;

    private static string BoxContext(byte version, string id) => $"coffer/session/v{version}:{id}";
}
