using Coffer.Server.Api;
using Coffer.Server.Storage;

namespace Coffer.Server.Auth;

/// <summary>
/// Finds organizations and environments for a caller and enforces the permission an action needs.
/// A caller without read access gets 404, as if the environment did not exist; with read access but
/// not enough for the action, 403 naming the permission needed.
/// </summary>
public sealed class EnvironmentAccess(ICofferStore store, IAccessPolicy policy, PermissionCache decisions)
{
    public Organization Organization(Caller caller, string organizationName) =>
        caller.Organization(organizationName) ?? throw ApiError.NotFound($"organization {organizationName} not found");

    public async Task<(Organization Organization, EnvironmentRecord Environment)> RequireAsync(
        Caller caller, string organizationName, string project, string name, Permission needed, CancellationToken cancellationToken)
    {
        var organization = Organization(caller, organizationName);
        var found = await store.FindEnvironmentUnderAccessAsync(organization.Id, project, name, cancellationToken);
        return (organization, await RequireAsync(caller, organization, project, name, found, needed, cancellationToken));
    }

    /// <summary>As above, for an environment already looked up (null when it does not exist).</summary>
    public async Task<EnvironmentRecord> RequireAsync(
        Caller caller, Organization organization, string project, string name, EnvironmentUnderAccess? found, Permission needed, CancellationToken cancellationToken)
    {
        var permission = found is null ? Permission.None : await DecideAsync(caller, organization, found, cancellationToken);
        if (found is null || permission < Permission.Read)
        {
            throw ApiError.NotFound($"environment {organization.Name}/{project}/{name} not found");
        }
        if (permission < needed)
        {
            throw ApiError.Forbidden($"permission denied: this action needs {needed.ToString().ToLowerInvariant()} access to {organization.Name}/{project}/{name}");
        }
        return found.Environment;
    }

    private async ValueTask<Permission> DecideAsync(Caller caller, Organization organization, EnvironmentUnderAccess found, CancellationToken cancellationToken)
    {
        if (decisions.TryGet(caller.Token, found, out var permission))
        {
            return permission;
        }
        permission = await policy.EnvironmentPermissionAsync(caller, organization, found.Environment, cancellationToken);
        decisions.Remember(caller.Token, found, permission);
        return permission;
    }

    /// <summary>The caller's permission on an environment, for callers that decide what to show.</summary>
    public Task<Permission> PermissionAsync(Caller caller, Organization organization, EnvironmentRecord environment, CancellationToken cancellationToken) =>
        policy.EnvironmentPermissionAsync(caller, organization, environment, cancellationToken);

    /// <summary>The caller's permission on an environment read with its access version, as lists of environments do.</summary>
    public ValueTask<Permission> PermissionAsync(Caller caller, Organization organization, EnvironmentUnderAccess environment, CancellationToken cancellationToken) =>
        DecideAsync(caller, organization, environment, cancellationToken);

    public async Task<Organization> RequireCreateAsync(Caller caller, string organizationName, CancellationToken cancellationToken)
    {
        var organization = Organization(caller, organizationName);
        if (!await policy.CanCreateEnvironmentsAsync(caller, organization, cancellationToken))
        {
            throw ApiError.Forbidden($"permission denied: you may not create environments in {organizationName}");
        }
        return organization;
    }

    /// <summary>The grant the policy gives the creator of a new environment, stored with it; null for none.</summary>
    public Grant? CreatorGrant(Caller caller, EnvironmentRecord environment) => policy.CreatorGrant(caller, environment);
}
