using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

/// <summary>Who owns the tokens a call works with: the caller, a team, or an organization.</summary>
/// <param name="Organization">The organization of team and organization tokens; null for the caller's personal tokens.</param>
/// <param name="Team">The team of team tokens.</param>
public sealed record TokenOwner(string? Organization = null, string? Team = null)
{
    /// <summary>The caller's personal tokens.</summary>
    public static TokenOwner Personal { get; } = new();

    internal string Url => Organization is null
        ? "/api/user/tokens"
        : Team is null
            ? $"/api/orgs/{Uri.EscapeDataString(Organization)}/tokens"
            : $"/api/orgs/{Uri.EscapeDataString(Organization)}/teams/{Uri.EscapeDataString(Team)}/tokens";
}

public sealed partial class CofferClient
{
    /// <summary>The tokens of <paramref name="owner"/>, revoked ones included, newest first (metadata only).</summary>
    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(TokenOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return (await SendJsonAsync(HttpMethod.Get, owner.Url, null, ClientJsonContext.Default.TokenList, cancellationToken).ConfigureAwait(false)).Tokens;
    }

    /// <summary>Creates a token; its value is in the result only.</summary>
    public Task<CreatedToken> CreateTokenAsync(TokenOwner owner, TokenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(options);
        var request = new TokenRequest(options.Name, options.Description, options.Expires?.ToUnixTimeSeconds(), options.Admin ? true : null);
        return SendJsonAsync(HttpMethod.Post, owner.Url, Json(request, ClientJsonContext.Default.TokenRequest), ClientJsonContext.Default.CreatedToken, cancellationToken);
    }

    /// <summary>Revokes a token by its id.</summary>
    public Task RevokeTokenAsync(TokenOwner owner, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return SendNoContentAsync(HttpMethod.Delete, $"{owner.Url}/{Escape(id)}", null, cancellationToken);
    }
}
