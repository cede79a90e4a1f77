using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Providers.Oidc;

/// <summary>
/// Shows the claims an <see cref="IWorkloadIdentityTokens"/> would write for a request, without
/// signing anything, so people can write a relying party's trust before logging in
/// (<c>fn::open::debug-oidc-claims</c>). An issuer implements both interfaces.
/// </summary>
public interface IWorkloadIdentityClaims
{
    /// <summary>
    /// The claims of the token <see cref="IWorkloadIdentityTokens.MintAsync"/> would issue, without
    /// <c>iat</c>, <c>nbf</c>, <c>exp</c> and <c>jti</c>. Throw <see cref="ProviderException"/> with a
    /// message for the user when no token could be issued.
    /// </summary>
    ValueTask<EscValue> PreviewAsync(WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken);
}
