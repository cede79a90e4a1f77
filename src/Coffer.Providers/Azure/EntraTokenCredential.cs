using System.Diagnostics.CodeAnalysis;
using Azure.Core;
using Coffer.Language.Hosting;

namespace Coffer.Providers.Azure;

/// <summary>
/// Gives the Key Vault client its tokens from <see cref="EntraTokenClient"/>, for the scope and
/// tenant Key Vault's challenge names. A vault in another tenant than the login's is refused, as
/// Azure.Identity does, rather than sending the login's credentials to a tenant nobody chose.
/// </summary>
internal sealed class EntraTokenCredential(EntraTokenClient entra, AzureClientCredentials credentials, string provider) : TokenCredential
{
    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (requestContext.TenantId is { Length: > 0 } tenant && IsOtherTenant(tenant))
        {
            throw new ProviderException($"{provider}: the vault belongs to tenant \"{tenant}\", not to the login's tenant \"{credentials.TenantId}\"");
        }
        var scope = requestContext.Scopes is [var only] ? only
            : throw new ProviderException($"{provider}: Key Vault asked for {requestContext.Scopes.Length} scopes; expected one");
        var token = await entra.RequestAsync(credentials, scope, provider, cancellationToken).ConfigureAwait(false);
        return new AccessToken(token.Token, token.ExpiresOn);
    }

    [SuppressMessage("Usage", "VSTHRD002", Justification = "The Key Vault client is only called asynchronously; this satisfies the abstract member.")]
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    // A tenant may be named by its id or by a domain; only two different ids surely differ.
    private bool IsOtherTenant(string tenant) =>
        Guid.TryParse(tenant, out var challenged) && Guid.TryParse(credentials.TenantId, out var own) && challenged != own;
}
