using System.Buffers.Binary;

namespace Coffer.Language.Secrets;

/// <summary>
/// The envelope around ciphertext payloads in definitions: base64 of
/// <c>"escx"</c> ‖ u32be(version 1) ‖ payload ‖ u32be(CRC-32 of everything before it).
/// </summary>
public static class CiphertextEnvelope
{
    private const int Version = 1;
    private static readonly byte[] Magic = "escx"u8.ToArray();
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Wraps a payload and returns the base64 text stored in the definition.</summary>
    public static string Encode(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[12 + payload.Length];
        Magic.CopyTo(buffer, 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), Version);
        payload.CopyTo(buffer.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8 + payload.Length), Crc32(buffer.AsSpan(0, 8 + payload.Length)));
        return Convert.ToBase64String(buffer);
    }

    /// <summary>
    /// Unwraps a stored ciphertext. On failure <paramref name="error"/> holds the reason, checked in the
    /// reference's order: base64, length (<c>EOF</c> below 16 bytes), header, checksum, version.
    /// </summary>
    public static bool TryDecode(string ciphertext, out byte[] payload, out string error)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        payload = [];
        if (!Base64Text.TryDecode(ciphertext, out var bytes, out error))
        {
            return false;
        }
        // The reference reads at least 16 bytes, so payloads under 4 bytes cannot be decoded.
        if (bytes.Length < 16)
        {
            error = "EOF";
            return false;
        }
        if (!bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            error = "invalid header";
            return false;
        }
        var body = bytes.AsSpan(0, bytes.Length - 4);
        if (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(bytes.Length - 4)) != Crc32(body))
        {
            error = "invalid checksum";
            return false;
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)) != Version)
        {
            error = "unsupported version";
            return false;
        }
        payload = bytes[8..^4];
        error = "";
        return true;
    }

    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
