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
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[24];
        Append(hash, e.OrganizationId);
        AppendNumber(hash, sequence, number);
        AppendNumber(hash, e.Time.ToUnixTimeMilliseconds(), number);
        Append(hash, e.Actor);
        Append(hash, e.TokenId);
        Append(hash, e.ClientAddress);
        Append(hash, e.UserAgent);
        Append(hash, e.Action);
        Append(hash, e.Project);
        Append(hash, e.Environment);
        if (e.Revision is { } revision)
        {
            AppendNumber(hash, revision, number);
        }
        else
        {
            Append(hash, "");
        }
        Append(hash, e.Outcome);
        Append(hash, e.Details);
        Append(hash, previousHash);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    private static void AppendNumber(IncrementalHash hash, long value, Span<byte> buffer)
    {
        value.TryFormat(buffer[4..], out var written, provider: CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt32BigEndian(buffer, written);
        hash.AppendData(buffer[..(4 + written)]);
    }

    private static void Append(IncrementalHash hash, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        // Most fields are short: no allocation for them.
        var buffer = length <= 512 ? stackalloc byte[516] : (rented = ArrayPool<byte>.Shared.Rent(length + 4));
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, length);
            Encoding.UTF8.GetBytes(text, buffer[4..]);
            hash.AppendData(buffer[..(length + 4)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
