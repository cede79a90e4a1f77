using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Server.Passwords;

/// <summary>
/// Password hashes in a self-describing text form, <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>
/// (salt and hash in base64): PBKDF2-HMAC-SHA256 with a random 16-byte salt per password and a
/// 32-byte result, at OWASP's recommended 600,000 iterations. Because the algorithm and its cost
/// are part of the stored text, a stronger setting can be introduced later and each hash upgraded
/// the next time its user signs in (<see cref="NeedsUpgrade"/>).
/// </summary>
public static class PasswordHash
{
    public const string Algorithm = "pbkdf2-sha256";
    public const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Hashes that claim absurd costs are refused rather than computed: a tampered row must not
    // make a sign-in run for minutes.
    private const int MaxIterations = 10_000_000;

    public static string Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>A well-formed hash of no password (its hash part is random): verifying against it costs what a real one does and never succeeds.</summary>
    public static string Decoy() =>
        string.Create(CultureInfo.InvariantCulture, $"{Algorithm}${Iterations}${Convert.ToBase64String(RandomNumberGenerator.GetBytes(SaltBytes))}${Convert.ToBase64String(RandomNumberGenerator.GetBytes(HashBytes))}");

    /// <summary>True when <paramref name="password"/> is the one <paramref name="stored"/> was made from; false for a wrong password or an unreadable hash.</summary>
    public static bool Verify(string password, string stored)
    {
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), expected);
    }

    /// <summary>True when the hash was made with a weaker setting than today's.</summary>
    public static bool NeedsUpgrade(string stored) =>
        !TryParse(stored, out var iterations, out _, out _) || iterations < Iterations;

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < 1 or > MaxIterations)
        {
            return false;
        }
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= SaltBytes && hash.Length == HashBytes;
    }
}
