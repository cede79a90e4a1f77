using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Server.Audit;

/// <summary>
/// The hash that links an audit record to its chain: SHA-256 over the record's canonical form
/// (every field in a fixed order, each as a 4-byte big-endian length and its UTF-8 bytes, numbers
/// in invariant decimal, absent values as the empty string) followed by the previous record's hash.
/// Changing, removing or reordering a stored record changes a hash the next record depends on.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of an organization's first record.</summary>
    public const string Genesis = "";

    public static string Compute(long sequence, AuditEvent e, string previousHash)
    {
        // The canonical form is built in one buffer and hashed in one call: hashing field by field
        // crossed into the crypto library fifteen times per record.
        var writer = new ArrayBufferWriter<byte>(512);
        Append(writer, e.OrganizationId);
        AppendNumber(writer, sequence);
        AppendNumber(writer, e.Time.ToUnixTimeMilliseconds());
        Append(writer, e.Actor);
        Append(writer, e.TokenId);
        Append(writer, e.ClientAddress);
        Append(writer, e.UserAgent);
        Append(writer, e.Action);
        Append(writer, e.Project);
        Append(writer, e.Environment);
        if (e.Revision is { } revision)
        {
            AppendNumber(writer, revision);
        }
        else
        {
            Append(writer, "");
        }
        Append(writer, e.Outcome);
        Append(writer, e.Details);
        Append(writer, previousHash);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(writer.WrittenSpan, digest);
        return Convert.ToHexStringLower(digest);
    }

    private static void AppendNumber(ArrayBufferWriter<byte> writer, long value)
    {
        var buffer = writer.GetSpan(24);
        value.TryFormat(buffer[4..], out var written, provider: CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt32BigEndian(buffer, written);
        writer.Advance(4 + written);
    }

    private static void Append(ArrayBufferWriter<byte> writer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = writer.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(buffer, length);
        Encoding.UTF8.GetBytes(text, buffer[4..]);
        writer.Advance(4 + length);
    }
}
