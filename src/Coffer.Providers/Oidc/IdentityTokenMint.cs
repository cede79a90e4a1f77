using Coffer.Language.Hosting;

namespace Coffer.Providers.Oidc;

/// <summary>Asks the host's issuer for an identity token on behalf of a login provider.</summary>
internal static class IdentityTokenMint
{
    public static async Task<string> MintAsync(IWorkloadIdentityTokens? issuer, WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        if (issuer is null)
        {
            throw new ProviderException($"{request.Provider}: OIDC login needs a Coffer server to issue identity tokens; this host has none (use static credentials here)");
        }
        try
        {
            return await issuer.MintAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex)
        {
            throw new ProviderException($"{request.Provider}: no identity token: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The issuer's exception may describe key material; the user only needs to know it failed.
            throw new ProviderException($"{request.Provider}: the identity token could not be issued", ex);
        }
    }
}
