using System.Text;
using Coffer.Language.Hosting;

namespace Coffer.Providers.Vault;

/// <summary>
/// API paths under <c>/v1/</c>: a secret's path (<c>secret/data/api</c>) or an auth mount
/// (<c>jwt</c>, <c>auth/jwt</c> is not meant). Each segment is percent-encoded, so a path can
/// name nothing outside the API: no <c>..</c>, no empty segment, no query, no control characters.
/// </summary>
internal static class VaultPath
{
    private const int MaxLength = 1024;

    /// <summary>The encoded path, or a <see cref="ProviderException"/> naming the input.</summary>
    public static string Encode(string text, string provider, string input)
    {
        var trimmed = text.Trim('/');
        var segments = trimmed.Split('/');
        if (trimmed.Length == 0
            || text.Length > MaxLength
            || segments.Any(s => s.Length == 0 || s is "." or "..")
            || text.Any(c => char.IsControl(c) || c is '?' or '#' or '\\'))
        {
            throw new ProviderException($"{provider}: {input} \"{Printable(text)}\" is not a Vault path such as secret/data/api");
        }
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    /// <summary>The text with control characters dropped and a bounded length, safe to quote in a message.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 101));
        foreach (var c in text)
        {
            if (builder.Length == 100)
            {
                builder.Append('…');
                break;
            }
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        return builder.ToString();
    }
}
