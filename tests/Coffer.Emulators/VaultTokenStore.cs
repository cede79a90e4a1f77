using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Coffer.Emulators;

/// <summary>Vault's token store: service tokens with policies, a namespace, metadata and an expiry.</summary>
public sealed class VaultTokenStore
{
    private readonly ConcurrentDictionary<string, Token> _tokens = new(StringComparer.Ordinal);

    /// <summary>A token Vault issued.</summary>
    /// <param name="Value">The token itself (<c>hvs.…</c>).</param>
    /// <param name="Namespace">The namespace it belongs to (empty for the root namespace).</param>
    /// <param name="Policies">Its policies, <c>default</c> included.</param>
    /// <param name="Ttl">Its lifetime when issued.</param>
    /// <param name="Expires">When it stops working.</param>
    /// <param name="DisplayName">Its display name (<c>jwt-…</c>, <c>token-…</c>).</param>
    /// <param name="Metadata">Its metadata (a JWT login records the role).</param>
    /// <param name="Parent">The token that created it, if any.</param>
    public sealed record Token(string Value, string Namespace, IReadOnlyList<string> Policies, TimeSpan Ttl, DateTimeOffset Expires, string DisplayName, IReadOnlyDictionary<string, string> Metadata, string? Parent);

    /// <summary>Every token issued, in order.</summary>
    public ConcurrentQueue<Token> Issued { get; } = new();

    public Token Issue(string ns, IEnumerable<string> policies, TimeSpan ttl, string displayName, IReadOnlyDictionary<string, string>? metadata = null, string? parent = null)
    {
        var list = policies.Contains(VaultPolicy.Root) ? new List<string> { VaultPolicy.Root } : policies.Append("default").Distinct().Order(StringComparer.Ordinal).ToList();
        var token = new Token(
            "hvs." + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24),
            ns,
            list,
            ttl,
            DateTimeOffset.UtcNow + ttl,
            displayName,
            metadata ?? new Dictionary<string, string>(),
            parent);
        _tokens[token.Value] = token;
        Issued.Enqueue(token);
        return token;
    }

    /// <summary>The live token with this value, or null (unknown, or expired).</summary>
    public Token? Find(string? value) =>
        value is not null && _tokens.TryGetValue(value, out var token) && token.Expires > DateTimeOffset.UtcNow ? token : null;

    /// <summary>Revokes a token, as <c>vault token revoke</c> does.</summary>
    public void Revoke(string value) => _tokens.TryRemove(value, out _);
}
