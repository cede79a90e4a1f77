using Coffer.Server.Auth;

namespace Coffer.Server.Storage;

/// <summary>How an organization shares its environments with its members.</summary>
/// <param name="DefaultPermission">What every member may do with every environment, before grants.</param>
/// <param name="MembersCanCreateEnvironments">Whether members who are not administrators may create environments.</param>
public sealed record OrganizationSettings(Permission DefaultPermission, bool MembersCanCreateEnvironments)
{
    /// <summary>As ESC: every member may edit every environment, and create new ones.</summary>
    public static readonly OrganizationSettings Default = new(Permission.Write, true);
}

/// <summary>The roles a member of an organization can have.</summary>
public static class MemberRoles
{
    public const string Member = "member";

    /// <summary>Administers every environment and manages the organization's members, teams, grants and tokens.</summary>
    public const string Admin = "admin";

    public static bool IsValid(string role) => role is Member or Admin;
}

/// <summary>A named group of an organization's members, which grants and team tokens refer to.</summary>
public sealed record Team(string Id, string OrganizationId, string Name, string Description, DateTimeOffset Created);

/// <summary>Who a grant is given to.</summary>
public enum GrantSubjectKind
{
    User,
    Team,
}

/// <summary>
/// A permission given to a user or a team on one environment of a project or, when
/// <see cref="Environment"/> is <see cref="WholeProject"/>, on every environment of the project.
/// </summary>
public sealed record Grant(string OrganizationId, GrantSubjectKind SubjectKind, string SubjectId, string Project, string Environment, Permission Permission)
{
    /// <summary>The environment of a grant on a whole project (no environment can be called so).</summary>
    public const string WholeProject = "*";
}
