using System.Security.Cryptography;
using System.Text;

namespace Coffer.Server.Auth;

/// <summary>
/// Access token values: <c>cof_</c> followed by 43 random base62 characters (256 bits). The prefix
/// lets secret scanners recognise leaked tokens, and never starts with "token" (some ESC clients
/// would then send the value without its <c>token </c> scheme). Only a SHA-256 hash is stored; a
/// fast hash is right here because the values are long random strings, not passwords.
/// </summary>
public static class TokenValues
{
    public const string Prefix = "cof_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate() => Prefix + RandomNumberGenerator.GetString(Alphabet, 43);

    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool SameHash(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);
}
