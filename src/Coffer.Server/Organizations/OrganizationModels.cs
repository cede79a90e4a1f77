using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Organizations;

public sealed record AddMemberRequest(string? Login, string? Role);

public sealed record ChangeRoleRequest(string? Role);

public sealed record CreateUserRequest(string? Login, string? Name, string? Email, string? Role);

public sealed record CreateTeamRequest(string? Name, string? Description);

public sealed record UpdateTeamRequest(string? Description);

public sealed record SetGrantRequest(string? Permission);

public sealed record UpdateSettingsRequest(string? DefaultPermission, bool? MembersCanCreateEnvironments);

/// <summary><c>expires</c> is unix seconds, 0 or absent for never.</summary>
public sealed record CreateTokenRequest(string? Name, string? Description, long? Expires, bool? Admin);

/// <summary>How organization objects look in responses.</summary>
internal static class OrganizationJson
{
    public static object Member(User user, string role) => new { login = user.Login, name = user.Name, email = user.Email ?? "", role };

    public static object Team(Storage.Team team) => new { name = team.Name, description = team.Description, created = team.Created.ToUnixTimeSeconds() };

    public static object Settings(OrganizationSettings settings) => new
    {
        defaultPermission = PermissionNames.Format(settings.DefaultPermission),
        membersCanCreateEnvironments = settings.MembersCanCreateEnvironments,
    };

    /// <summary>Token metadata; never the value, which only the creating response carries.</summary>
    public static object Token(AccessToken token) => new
    {
        id = token.Id,
        name = token.Name,
        description = token.Description,
        created = token.Created.ToUnixTimeSeconds(),
        lastUsed = token.LastUsed?.ToUnixTimeSeconds() ?? 0,
        expires = token.Expires?.ToUnixTimeSeconds() ?? 0,
        createdBy = token.CreatedBy,
        admin = token.Admin,
        revoked = token.Revoked is not null,
    };
}
