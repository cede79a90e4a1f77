using Coffer.Server.Api;
using Coffer.Server.Storage;

namespace Coffer.Server.Auth;

/// <summary>
/// Enforces who manages an organization: its members, teams, grants, settings and tokens. An
/// organization the caller does not belong to is 404, as if it did not exist; a member who is not
/// an administrator gets 403.
/// </summary>
public sealed class OrganizationAccess(IAccessPolicy policy)
{
    public async Task<Organization> RequireAdminAsync(Caller caller, string organizationName, CancellationToken cancellationToken)
    {
        var organization = caller.Organization(organizationName) ?? throw ApiError.NotFound($"organization {organizationName} not found");
        if (!await policy.IsOrganizationAdminAsync(caller, organization, cancellationToken))
        {
            throw ApiError.Forbidden($"permission denied: only administrators of {organizationName} may do this");
        }
        return organization;
    }
}
