using System.Text;

namespace Coffer.Providers.Aws;

/// <summary>
/// Makes a remote service's error message safe to show at the <c>fn::open</c> call: it may echo
/// parts of the request, so every credential or token the provider sent is blanked out, control
/// characters are dropped and the text is kept short.
/// </summary>
internal static class RemoteErrorText
{
    private const int MaxLength = 300;

    public static string Clean(string? message, IEnumerable<string?> secrets)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "";
        }
        var text = message;
        foreach (var secret in secrets)
        {
            // Short strings would blank out ordinary words; real credentials are long.
            if (secret is { Length: >= 8 })
            {
                text = text.Replace(secret, "[secret]", StringComparison.Ordinal);
            }
        }
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        foreach (var c in text)
        {
            if (builder.Length > MaxLength)
            {
                builder.Append('…');
                break;
            }
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        return builder.ToString().Trim();
    }
}
