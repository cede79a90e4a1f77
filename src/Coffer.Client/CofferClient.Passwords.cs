using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

public sealed partial class CofferClient
{
    /// <summary>
    /// Signs in with a login and password. No access token is needed; the result carries a
    /// short-lived personal token for <paramref name="organization"/>, shown this once.
    /// </summary>
    public static async Task<SignedIn> SignInAsync(Uri serverUrl, string login, string password, string organization, HttpClient? httpClient = null, CancellationToken cancellationToken = default)
    {
        using var anonymous = new CofferClient(serverUrl, httpClient);
        return await anonymous.SendJsonAsync(HttpMethod.Post, "/api/sign-in",
            Json(new SignInRequest(login, password, organization), ClientJsonContext.Default.SignInRequest), ClientJsonContext.Default.SignedIn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets or changes the caller's password; <paramref name="currentPassword"/> is required once they have one. Their other sign-in sessions end.</summary>
    public Task ChangePasswordAsync(string? currentPassword, string newPassword, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Put, "/api/user/password",
            Json(new OwnPasswordRequest(currentPassword, newPassword), ClientJsonContext.Default.OwnPasswordRequest), cancellationToken);

    /// <summary>Sets a member's password (administrators only): their first one, or a new one if they belong to no other organization.</summary>
    public Task SetMemberPasswordAsync(string organization, string login, string password, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Put, $"{OrganizationUrl(organization)}/members/{Escape(login)}/password",
            Json(new MemberPasswordRequest(password), ClientJsonContext.Default.MemberPasswordRequest), cancellationToken);
}
