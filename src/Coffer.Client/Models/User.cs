namespace Coffer.Client.Models;

/// <summary>The caller of the API: the user (or machine) an access token belongs to.</summary>
/// <param name="Id">The user's identifier.</param>
/// <param name="GithubLogin">The login name (the API keeps ESC's field name).</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The e-mail address, when known.</param>
/// <param name="Organizations">The organizations the caller belongs to.</param>
public sealed record User(string Id, string GithubLogin, string Name, string? Email, IReadOnlyList<UserOrganization>? Organizations);

/// <summary>An organization a user belongs to.</summary>
/// <param name="GithubLogin">The organization's name as used in paths.</param>
/// <param name="Name">The organization's display name.</param>
public sealed record UserOrganization(string GithubLogin, string Name);

/// <summary>The organization a caller uses when a reference names none.</summary>
/// <param name="GitHubLogin">The organization's name.</param>
public sealed record DefaultOrganization(string GitHubLogin);
