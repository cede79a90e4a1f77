using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// Looks for secrets in raw bytes (database files, table dumps, logs) in every form they could
/// have been stored in by mistake: UTF-8, UTF-16 (both byte orders), hexadecimal (how PostgreSQL
/// prints <c>bytea</c>) and base64 at each of its three alignments (a secret inside a larger base64
/// blob only shows as the stable middle of its own encoding).
/// </summary>
public static class SecretScan
{
    /// <summary>A distinctive random value no database or log holds by chance.</summary>
    public static string NewSecret(string label) => $"{label}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant()}";

    /// <summary>Every encoding of <paramref name="secret"/> searched for, named for the failure message.</summary>
    public static IReadOnlyList<(string Form, byte[] Bytes)> Forms(string secret)
    {
        var utf8 = Encoding.UTF8.GetBytes(secret);
        var forms = new List<(string, byte[])>
        {
            ("utf-8", utf8),
            ("utf-16le", Encoding.Unicode.GetBytes(secret)),
            ("utf-16be", Encoding.BigEndianUnicode.GetBytes(secret)),
            ("hex", Encoding.ASCII.GetBytes(Convert.ToHexString(utf8).ToLowerInvariant())),
            ("HEX", Encoding.ASCII.GetBytes(Convert.ToHexString(utf8))),
            ("json-escaped", Encoding.ASCII.GetBytes(JsonSerializer.Serialize(secret)[1..^1])),
            ("utf-16le hex", Encoding.ASCII.GetBytes(Convert.ToHexString(Encoding.Unicode.GetBytes(secret)).ToLowerInvariant())),
        };
        for (var shift = 0; shift < 3; shift++)
        {
            forms.Add(($"base64+{shift}", Encoding.ASCII.GetBytes(StableBase64(utf8, shift))));
            forms.Add(($"base64url+{shift}", Encoding.ASCII.GetBytes(StableBase64(utf8, shift).Replace('+', '-').Replace('/', '_'))));
        }
        return forms;
    }

    /// <summary>Which forms of which secrets occur in <paramref name="haystack"/> (empty when none).</summary>
    public static IReadOnlyList<string> Find(ReadOnlySpan<byte> haystack, IEnumerable<string> secrets)
    {
        var found = new List<string>();
        foreach (var secret in secrets)
        {
            foreach (var (form, bytes) in Forms(secret))
            {
                if (haystack.IndexOf(bytes) >= 0)
                {
                    found.Add($"{secret} ({form})");
                }
            }
        }
        return found;
    }

    public static IReadOnlyList<string> Find(string text, IEnumerable<string> secrets) => Find(Encoding.UTF8.GetBytes(text), secrets);

    /// <summary>Reads a file that another process may be writing (a live SQLite database or its WAL).</summary>
    public static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// The part of the base64 of <paramref name="data"/> that is the same wherever it starts in a
    /// longer encoding, given that <paramref name="shift"/> bytes precede it (mod 3).
    /// </summary>
    private static string StableBase64(byte[] data, int shift)
    {
        var padded = new byte[shift + data.Length];
        data.CopyTo(padded, shift);
        var text = Convert.ToBase64String(padded).TrimEnd('=');
        // Characters mixing in the unknown preceding bytes, and the last one mixing in what follows.
        var skip = shift == 0 ? 0 : shift + 1;
        return text[skip..^1];
    }
}
