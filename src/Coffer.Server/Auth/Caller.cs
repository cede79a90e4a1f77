using Coffer.Server.Storage;

namespace Coffer.Server.Auth;

/// <summary>
/// Who is making a request: the token, and the user or organization it acts as. Every endpoint but
/// health checks and OIDC discovery runs with a caller.
/// </summary>
public sealed record Caller(
    AccessToken Token,
    User? User,
    Organization? TokenOrganization,
    IReadOnlyList<Organization> Organizations)
{
    /// <summary>The login recorded as the actor of changes.</summary>
    public string Login => User?.Login ?? TokenOrganization?.Name ?? Token.Name;

    /// <summary>The display name recorded with changes.</summary>
    public string Name => User?.Name ?? TokenOrganization?.Name ?? Token.Name;

    public Actor Actor => new(Login, Name);

    /// <summary>The caller's organization called <paramref name="name"/>, if it belongs to it.</summary>
    public Organization? Organization(string name) =>
        Organizations.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal));
}
