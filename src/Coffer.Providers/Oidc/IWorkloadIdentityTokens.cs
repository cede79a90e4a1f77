using Coffer.Language.Hosting;

namespace Coffer.Providers.Oidc;

/// <summary>
/// Issues the identity tokens (JWTs signed by the host's OIDC issuer) that login providers exchange
/// for cloud credentials, for example with STS <c>AssumeRoleWithWebIdentity</c>. The server
/// implements this with its issuer; hosts without an issuer (offline evaluation) leave it out and
/// OIDC logins fail with a clear message.
/// </summary>
public interface IWorkloadIdentityTokens
{
    /// <summary>
    /// Mints a token for the environment in <paramref name="context"/>. The issuer decides every
    /// claim from what it knows about the evaluation (organization, environments, caller); the
    /// request only says which audience and which of those attested attributes to use.
    /// Throw <see cref="ProviderException"/> with a message for the user when no token can be issued.
    /// </summary>
    ValueTask<string> MintAsync(WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken);
}
