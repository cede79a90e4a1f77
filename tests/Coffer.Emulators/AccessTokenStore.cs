using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Coffer.Emulators;

/// <summary>
/// The access tokens a cloud's token service issued, shared with the services that accept them (as
/// a real cloud's services verify its tokens): who the token is for, for which resource, until when.
/// </summary>
public sealed class AccessTokenStore
{
    private readonly ConcurrentDictionary<string, Grant> _tokens = new(StringComparer.Ordinal);

    /// <param name="Principal">Who the token speaks for (an app's client id, a Google principal).</param>
    /// <param name="Resource">The audience or scope it was issued for.</param>
    /// <param name="Tenant">The Entra tenant or Google project that issued it.</param>
    /// <param name="Expires">When it stops being accepted.</param>
    public sealed record Grant(string Principal, string Resource, string Tenant, DateTimeOffset Expires);

    public string Issue(string prefix, Grant grant)
    {
        var token = prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        _tokens[token] = grant;
        return token;
    }

    /// <summary>Records a token issued elsewhere (a user's token from a login the emulators do not model).</summary>
    public void Add(string token, Grant grant) => _tokens[token] = grant;

    /// <summary>The grant of a token that exists and has not expired.</summary>
    public Grant? Find(string? token) =>
        token is not null && _tokens.TryGetValue(token, out var grant) && grant.Expires > DateTimeOffset.UtcNow ? grant : null;

    /// <summary>Makes a token expire now, as if its hour had passed.</summary>
    public void Expire(string token)
    {
        if (_tokens.TryGetValue(token, out var grant))
        {
            _tokens[token] = grant with { Expires = DateTimeOffset.UtcNow.AddSeconds(-1) };
        }
    }

    /// <summary>Every token issued, for tests that look for leaks.</summary>
    public IReadOnlyCollection<string> Issued => [.. _tokens.Keys];
}
