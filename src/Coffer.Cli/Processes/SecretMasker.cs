using System.Text;
using Coffer.Language.Projection;
using Coffer.Language.Values;

namespace Coffer.Cli.Processes;

/// <summary>
/// Replaces secret values in a program's output with <c>[secret]</c>. Matching is on the UTF-8
/// bytes, so output that is not text passes through unchanged apart from the secrets.
/// </summary>
internal sealed class SecretMasker
{
    /// <summary>Shorter secrets are not masked: they would hide ordinary words and numbers everywhere.</summary>
    public const int MinimumLength = 3;

    private static readonly byte[] Placeholder = Encoding.UTF8.GetBytes(ValueJson.SecretPlaceholder);
    private readonly byte[][] _secrets;

    public SecretMasker(IEnumerable<string> secrets)
    {
        // Longest first, so that a secret containing another is replaced whole.
        _secrets = [.. secrets
            .SelectMany(Fragments)
            .Where(s => s.Length >= MinimumLength)
            .Distinct(StringComparer.Ordinal)
            .Select(Encoding.UTF8.GetBytes)
            .OrderByDescending(s => s.Length)];
    }

    /// <summary>The secrets of an environment: every secret scalar in it and every secret projected variable or file.</summary>
    public static SecretMasker For(EscValue? environment, IEnumerable<ProjectedVariable> variables)
    {
        var secrets = new List<string>();
        if (environment is not null)
        {
            CollectSecrets(environment, insideSecret: false, secrets);
        }
        secrets.AddRange(variables.Where(v => v.IsSecret).Select(v => v.Value));
        return new SecretMasker(secrets);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="output"/> with every secret replaced.</summary>
    public void Mask(ReadOnlySpan<byte> text, Stream output)
    {
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            var match = MatchAt(text[i..]);
            if (match > 0)
            {
                output.Write(text[copied..i]);
                output.Write(Placeholder);
                i += match;
                copied = i;
            }
            else
            {
                i++;
            }
        }
        output.Write(text[copied..]);
    }

    private int MatchAt(ReadOnlySpan<byte> text)
    {
        foreach (var secret in _secrets)
        {
            if (text.StartsWith(secret))
            {
                return secret.Length;
            }
        }
        return 0;
    }

    // Output is masked a line at a time, so a secret of several lines (a PEM key) could never match
    // whole; its lines are masked one by one instead.
    private static IEnumerable<string> Fragments(string secret)
    {
        yield return secret;
        if (secret.Contains('\n', StringComparison.Ordinal))
        {
            foreach (var line in secret.Split('\n'))
            {
                yield return line.TrimEnd('\r');
            }
        }
    }

    private static void CollectSecrets(EscValue value, bool insideSecret, List<string> secrets)
    {
        if (value.IsUnknown)
        {
            return;
        }
        var secret = insideSecret || value.IsSecret;
        switch (value.Kind)
        {
            case EscValueKind.Array:
                foreach (var item in value.Items)
                {
                    CollectSecrets(item, secret, secrets);
                }
                break;
            case EscValueKind.Object:
                foreach (var property in value.Properties.Values)
                {
                    CollectSecrets(property, secret, secrets);
                }
                break;
            default:
                if (secret)
                {
                    secrets.Add(ValueText.ToText(value, ValueRendering.Revealed));
                }
                break;
        }
    }
}
