using Coffer.Server.Storage;

namespace Coffer.Server.Auth;

/// <summary>
/// The one place that decides what a caller may do. Endpoints state the permission an action needs
/// and ask <see cref="EnvironmentAccess"/>, which asks this policy; none decides on its own.
/// </summary>
public interface IAccessPolicy
{
    /// <summary>The caller's permission on an environment of an organization it belongs to.</summary>
    Task<Permission> EnvironmentPermissionAsync(Caller caller, Organization organization, EnvironmentRecord environment, CancellationToken cancellationToken);

    /// <summary>Whether the caller may create environments in the organization.</summary>
    Task<bool> CanCreateEnvironmentsAsync(Caller caller, Organization organization, CancellationToken cancellationToken);
}

/// <summary>Until teams and grants exist, every member of an organization administers its environments.</summary>
public sealed class MembershipAccessPolicy : IAccessPolicy
{
    public Task<Permission> EnvironmentPermissionAsync(Caller caller, Organization organization, EnvironmentRecord environment, CancellationToken cancellationToken) =>
        Task.FromResult(caller.Organization(organization.Name) is null ? Permission.None : Permission.Admin);

    public Task<bool> CanCreateEnvironmentsAsync(Caller caller, Organization organization, CancellationToken cancellationToken) =>
        Task.FromResult(caller.Organization(organization.Name) is not null);
}
