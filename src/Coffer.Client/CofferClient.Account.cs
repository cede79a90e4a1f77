using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    /// <summary>The caller: who the access token belongs to. Also the way to check a token.</summary>
    public Task<User> GetUserAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Get, "/api/user", null, ClientJsonContext.Default.User, cancellationToken);

    /// <summary>The organization the caller uses when a reference names none.</summary>
    public async Task<string> GetDefaultOrganizationAsync(CancellationToken cancellationToken = default)
    {
        var organization = await SendJsonAsync(HttpMethod.Get, "/api/user/organizations/default", null, ClientJsonContext.Default.DefaultOrganization, cancellationToken).ConfigureAwait(false);
        return organization.GitHubLogin;
    }
}
