using System.Text;
using Coffer.Language.Hosting;
using Coffer.Language.Syntax;

namespace Coffer.Language.Secrets;

/// <summary>
/// Rewrites the secrets of a definition's text in place, keeping comments and layout:
/// <see cref="EncryptAsync"/> turns every <c>fn::secret: &lt;text&gt;</c> into
/// <c>fn::secret: {ciphertext: …}</c> (before a definition is stored), and <see cref="DecryptAsync"/>
/// turns the ciphertexts under <c>values</c> back into text (for editing).
/// </summary>
public static class DefinitionSecrets
{
    private const string SecretKey = "fn::secret";

    /// <summary>
    /// Encrypts every plaintext <c>fn::secret</c> in the document. Text that is not valid YAML is
    /// returned unchanged (the definition's diagnostics say why).
    /// </summary>
    public static async Task<string> EncryptAsync(string yaml, ISecretEncrypter encrypter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(encrypter);
        var edits = new List<Edit>();
        foreach (var (call, key, value) in SecretCalls(yaml, underValuesOnly: false))
        {
            // What is encrypted is the text the literal evaluates to ("$$" is an escaped "$"); one
            // that interpolates is no literal, and the definition's diagnostics say so.
            if (value is not StringNode plaintext || Unescaped(plaintext.Value) is not { } text)
            {
                continue;
            }
            var payload = await encrypter.EncryptAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            var ciphertext = CiphertextEnvelope.Encode(payload);
            var original = yaml[plaintext.StartOffset..plaintext.EndOffset];
            edits.Add(call.IsFlow
                ? new Edit(plaintext.StartOffset, plaintext.EndOffset, $"{{ciphertext: {ciphertext}}}")
                : new Edit(key.EndOffset, plaintext.EndOffset, ":\n" + new string(' ', key.Range!.Begin.Column + 1) + "ciphertext: " + ciphertext + (original.EndsWith('\n') ? "\n" : "")));
        }
        return Apply(yaml, edits);
    }

    /// <summary>
    /// Decrypts the ciphertexts under <c>values</c>. Throws <see cref="FormatException"/> naming the
    /// path of a ciphertext that cannot be decoded or decrypted.
    /// </summary>
    public static async Task<string> DecryptAsync(string yaml, ISecretDecrypter decrypter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(decrypter);
        var edits = new List<Edit>();
        foreach (var (call, key, value) in SecretCalls(yaml, underValuesOnly: true))
        {
            if (value is not ObjectNode { Entries: [{ Key: StringNode { Value: "ciphertext" }, Value: StringNode ciphertext }] } wrapper)
            {
                continue;
            }
            if (!CiphertextEnvelope.TryDecode(ciphertext.Value, out var payload, out var reason))
            {
                throw new FormatException($"{call.Path}: invalid ciphertext: {reason}");
            }
            byte[] plaintext;
            try
            {
                plaintext = await decrypter.DecryptAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new FormatException($"{call.Path}: decrypting: {ex.Message}", ex);
            }
            // Written back as a literal, so every "$" is escaped: decrypted "${x}" must not interpolate.
            var scalar = ScalarText(Encoding.UTF8.GetString(plaintext).Replace("$", "$$", StringComparison.Ordinal));
            edits.Add(wrapper.IsFlow
                ? new Edit(wrapper.StartOffset, wrapper.EndOffset, scalar)
                : new Edit(key.EndOffset, wrapper.EndOffset, ": " + scalar));
        }
        return Apply(yaml, edits);
    }

    /// <summary>
    /// Decrypts every ciphertext of the document with <paramref name="from"/> and encrypts it again
    /// with <paramref name="to"/>, changing nothing else (used when a definition moves to another
    /// environment, whose key differs). Throws <see cref="FormatException"/> like <see cref="DecryptAsync"/>.
    /// </summary>
    public static async Task<string> ReencryptAsync(string yaml, ISecretDecrypter from, ISecretEncrypter to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var edits = new List<Edit>();
        foreach (var (call, _, value) in SecretCalls(yaml, underValuesOnly: false))
        {
            if (value is not ObjectNode { Entries: [{ Key: StringNode { Value: "ciphertext" }, Value: StringNode ciphertext }] })
            {
                continue;
            }
            if (!CiphertextEnvelope.TryDecode(ciphertext.Value, out var payload, out var reason))
            {
                throw new FormatException($"{call.Path}: invalid ciphertext: {reason}");
            }
            byte[] plaintext;
            try
            {
                plaintext = await from.DecryptAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new FormatException($"{call.Path}: decrypting: {ex.Message}", ex);
            }
            var encrypted = CiphertextEnvelope.Encode(await to.EncryptAsync(plaintext, cancellationToken).ConfigureAwait(false));
            edits.Add(new Edit(ciphertext.StartOffset, ciphertext.EndOffset, encrypted));
        }
        return Apply(yaml, edits);
    }

    private static IEnumerable<(ObjectNode Call, StringNode Key, SyntaxNode Value)> SecretCalls(string yaml, bool underValuesOnly)
    {
        var read = YamlSyntaxReader.Read("", yaml, int.MaxValue);
        if (read.Root is null)
        {
            yield break;
        }
        var pending = new Stack<(SyntaxNode Node, bool UnderValues)>();
        pending.Push((read.Root, false));
        while (pending.TryPop(out var item))
        {
            switch (item.Node)
            {
                case ObjectNode { Entries: [{ Key: StringNode { Value: SecretKey } key, Value: var value }] } call:
                    if (!underValuesOnly || item.UnderValues)
                    {
                        yield return (call, key, value);
                    }
                    break;
                case ObjectNode obj:
                    foreach (var entry in obj.Entries)
                    {
                        var underValues = item.UnderValues || (ReferenceEquals(obj, read.Root) && entry.KeyText == "values");
                        pending.Push((entry.Value, underValues));
                    }
                    break;
                case ArrayNode array:
                    foreach (var element in array.Items)
                    {
                        pending.Push((element, item.UnderValues));
                    }
                    break;
            }
        }
    }

    /// <summary>The text a string literal evaluates to, or null when it interpolates (<c>${…}</c>).</summary>
    private static string? Unescaped(string literal)
    {
        if (!literal.Contains('$', StringComparison.Ordinal))
        {
            return literal;
        }
        var text = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] == '$' && i + 1 < literal.Length && literal[i + 1] == '$')
            {
                i++;
            }
            else if (literal[i] == '$' && i + 1 < literal.Length && literal[i + 1] == '{')
            {
                return null;
            }
            text.Append(literal[i]);
        }
        return text.ToString();
    }

    /// <summary>A YAML scalar that reads back as <paramref name="text"/>: plain when safe, double-quoted otherwise.</summary>
    private static string ScalarText(string text)
    {
        var probe = YamlSyntaxReader.Read("", "x: " + text + "\n", 4);
        var plainReadsBack = probe.Root is ObjectNode { Entries: [{ Value: StringNode s }] } && s.Value == text && !s.IsQuoted
            && !text.Contains('#', StringComparison.Ordinal) && !text.Contains('\n', StringComparison.Ordinal)
            // The scalar may land in a flow mapping ({fn::secret: …}), where these end it.
            && text.AsSpan().IndexOfAny("{}[],") < 0;
        return plainReadsBack ? text : Values.ValueText.Quote(text);
    }

    private static string Apply(string text, List<Edit> edits)
    {
        var b = new StringBuilder(text);
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            b.Remove(edit.Start, edit.End - edit.Start).Insert(edit.Start, edit.Replacement);
        }
        return b.ToString();
    }

    private readonly record struct Edit(int Start, int End, string Replacement);
}
