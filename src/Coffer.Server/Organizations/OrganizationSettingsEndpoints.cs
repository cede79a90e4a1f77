using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Organizations;

/// <summary>The organization's default permission for members, and whether members may create environments.</summary>
public static class OrganizationSettingsEndpoints
{
    public static void Map(RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{org}/settings", ReadAsync).WithSummary("The default permission of members and whether they may create environments").Audited(AuditActions.OrganizationSettingsRead);
        orgs.MapPatch("/{org}/settings", UpdateAsync).WithSummary("Change the default permission (none, read, open, write, admin) or whether members may create environments").Audited(AuditActions.OrganizationSettingsUpdated);
    }

    private static async Task<IResult> ReadAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        return Results.Ok(OrganizationJson.Settings(await store.GetOrganizationSettingsAsync(organization.Id, cancellationToken)));
    }

    private static async Task<IResult> UpdateAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<UpdateSettingsRequest>(context);
        var settings = await store.GetOrganizationSettingsAsync(organization.Id, cancellationToken);
        if (request.DefaultPermission is not null)
        {
            settings = PermissionNames.TryParse(request.DefaultPermission, out var permission)
                ? settings with { DefaultPermission = permission }
                : throw ApiError.BadRequest("defaultPermission must be none, read, open, write or admin");
        }
        if (request.MembersCanCreateEnvironments is { } membersCanCreate)
        {
            settings = settings with { MembersCanCreateEnvironments = membersCanCreate };
        }
        AuditScope.Current?.AddDetail("defaultPermission", request.DefaultPermission);
        AuditScope.Current?.AddDetail("membersCanCreateEnvironments", request.MembersCanCreateEnvironments);
        await store.SetOrganizationSettingsAsync(organization.Id, settings, cancellationToken);
        return Results.Ok(OrganizationJson.Settings(settings));
    }
}
