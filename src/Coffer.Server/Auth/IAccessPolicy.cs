using Coffer.Server.Storage;

namespace Coffer.Server.Auth;

/// <summary>
/// The one place that decides what a caller may do. Endpoints state the permission an action needs
/// and ask <see cref="EnvironmentAccess"/> or <see cref="OrganizationAccess"/>, which ask this
/// policy; none decides on its own.
/// </summary>
public interface IAccessPolicy
{
    /// <summary>The caller's permission on an environment of an organization it belongs to.</summary>
    Task<Permission> EnvironmentPermissionAsync(Caller caller, Organization organization, EnvironmentRecord environment, CancellationToken cancellationToken);

    /// <summary>Whether the caller may create environments in the organization.</summary>
    Task<bool> CanCreateEnvironmentsAsync(Caller caller, Organization organization, CancellationToken cancellationToken);

    /// <summary>Whether the caller administers the organization: its members, teams, grants, settings and tokens.</summary>
    Task<bool> IsOrganizationAdminAsync(Caller caller, Organization organization, CancellationToken cancellationToken);

    /// <summary>
    /// The grant the creator of a new environment gets, so that creating works whatever the
    /// organization's default permission; null when the caller needs none.
    /// </summary>
    Grant? CreatorGrant(Caller caller, EnvironmentRecord environment);
}
